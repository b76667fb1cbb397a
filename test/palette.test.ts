// The palette's text colours meet WCAG AA (4.5:1) on their fills: the palette schema
// refuses a plane that does not, at the line of its text colour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadProject } from '../src/model/project.ts';
import { contrast, luminance } from '../src/model/contrast.ts';
import { paletteCheck } from '../src/checks/palette.ts';
import type { RenderResult } from '../src/diagrams/browser.ts';
import { atlas, checkContext, edit, entryFrom, lineOf, makeAtlas, PALETTE_ENTRY, read } from './helpers.ts';

test('contrast follows WCAG 2', () => {
  assert.equal(contrast('#000000', '#FFFFFF').toFixed(2), '21.00');
  assert.equal(contrast('#FFFFFF', '#FFFFFF'), 1);
  assert.equal(contrast('#FFFFFF', '#F59E0B').toFixed(2), '2.15', 'white on amber');
  assert.equal(contrast('#FFFFFF', '#000000'), 21, 'in either order');
  // Relative luminance: linear below the 0.03928 knee, a 2.4 power above, weighted per channel.
  const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} is ${b}`);
  near(luminance('#0A0A0A'), 10 / 255 / 12.92);
  near(luminance('#808080'), ((128 / 255 + 0.055) / 1.055) ** 2.4);
  near(luminance('#FF0000'), 0.2126);
  near(luminance('#00FF00'), 0.7152);
  near(luminance('#0000FF'), 0.0722);
});

test('the palette rule: which entries it reads, which diagrams are flowcharts, and how a classDef may be written', () => {
  const dir = makeAtlas();
  const project = loadProject(dir);
  const text = read(dir, PALETTE_ENTRY);
  const rule = (change: (t: string) => string, rendered?: RenderResult) => {
    const changed = change(text);
    return paletteCheck.run(entryFrom(PALETTE_ENTRY, changed), checkContext(project, rendered)).map((f) => [f.line - lineOf(changed, '```mermaid'), f.message]);
  };
  const same = (t: string) => t;
  assert.deepEqual(rule(same), []);
  assert.deepEqual(rule((t) => t.replace('kind: implementation', 'kind: concept').replace('class MON control\n', '')), [], 'a kind outside palette_kinds');
  assert.deepEqual(rule((t) => t.replace('classDef edge fill:#3B82F6,stroke:#1D4ED8,color:#000000', 'classDef edge fill:#3B82F6,stroke:#1D4ED8,color:#000000;')), [], 'a trailing semicolon');
  assert.deepEqual(rule((t) => t.replace('```mermaid\nflowchart LR', '```mermaid\n%% the shape\n\n  graph LR')), [], 'a graph after a comment and a blank line');
  assert.deepEqual(rule((t) => t.replace('classDef edge fill:#3B82F6', 'classDef  edge fill:#3B82F6')), [[9, 'classDef edge differs from the palette']], 'spacing counts');
  assert.deepEqual(
    rule((t) => t.replace('    classDef control fill:#8B5CF6,stroke:#6D28D9,color:#000000\n', '').replace('    class MON control\n', '').replace('MON[Monitor]', 'MON[Monitor]:::control')),
    [[1, 'class "control" is used but its classDef is missing']],
    'the ::: shorthand',
  );
  // Every flowchart is read, not only the first.
  const second = (t: string) => t.replace('A fixture diagram.', 'A fixture diagram.\n\n```mermaid\nflowchart TB\n    X:::edge --> Y\n```');
  assert.deepEqual(rule(second).map(([, m]) => m), ['class "edge" is used but its classDef is missing']);
  // Node planes are read from the rendered SVG, when there is one.
  const svg = (classes: string) => `<svg><g class="node ${classes}" id="m1-flowchart-LB-0"></g><g class="node default" id="m1-flowchart-MON-3"></g><g class="node default" id="m1-flowchart-MON-4"></g></svg>`;
  assert.deepEqual(rule(same, { ok: true, svg: svg('default edge') }), [[1, 'nodes without a plane: MON']]);
  assert.deepEqual(rule(same, { ok: true, svg: svg('default') }), [[1, 'nodes without a plane: LB, MON']]);
  assert.deepEqual(rule(same, { ok: false, message: 'broken' }), []);
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
