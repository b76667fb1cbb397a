// The palette's text colours meet WCAG AA (4.5:1) on their fills: the palette schema
// refuses a plane that does not, at the line of its text colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from '../src/model/project.ts';
import { contrast } from '../src/model/contrast.ts';
import { atlas, edit, lineOf, makeAtlas, read } from './helpers.ts';

test('contrast follows WCAG 2', () => {
  assert.equal(contrast('#000000', '#FFFFFF').toFixed(2), '21.00');
  assert.equal(contrast('#FFFFFF', '#FFFFFF'), 1);
  assert.equal(contrast('#FFFFFF', '#F59E0B').toFixed(2), '2.15', 'white on amber');
});

test('the project palette has the spec fills and passes the contrast rule', () => {
  // makeAtlas copies the repository's palette.yaml beside a few fixture entries: loading the
  // repository's own hundreds of entries would only make this test slower.
  const { palette, findings } = loadProject(makeAtlas());
  assert.deepEqual(palette.planes.map((p) => [p.class, p.fill]), [
    ['edge', '#3B82F6'],
    ['service', '#10B981'],
    ['state', '#F59E0B'],
    ['control', '#8B5CF6'],
  ]);
  assert.deepEqual(findings.filter((f) => f.file === 'content/palette.yaml'), []);
});

test('a palette text colour below AA contrast is refused at its line', async () => {
  const dir = makeAtlas();
  edit(dir, 'content/palette.yaml', (t) => t.replace('fill: "#F59E0B", stroke: "#B45309", text: "#000000"', 'fill: "#F59E0B", stroke: "#B45309", text: "#FFFFFF"'));
  const run = await atlas(dir, 'validate');
  assert.equal(run.code, 2, run.stdout + run.stderr);
  const line = lineOf(read(dir, 'content/palette.yaml'), 'text: "#FFFFFF"');
  assert.match(run.stderr, new RegExp(`content/palette\\.yaml:${line}:1  planes\\.2\\.text: text #FFFFFF on fill #F59E0B has contrast 2\\.15:1; WCAG AA needs 4\\.5:1`), 'the palette contrast rule');
  assert.equal(run.stderr.trim().split('\n').length, 2, `one finding under the one-line error:\n${run.stderr}`);
});
