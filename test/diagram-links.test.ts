// Diagram links: every `click` target leads to an entry, a page of the site or a
// registered source. Each bad target is reported at its line as the only finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atlas, edit, lineOf, makeAtlas, onlyFinding, read, TIMELINE } from './helpers.ts';

const CLICK = 'click D "https://example.com/postmortem" "The postmortem"';

const withClick = (line: string) => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, (t) => t.replace(CLICK, line));
  return dir;
};

test('click targets that resolve pass: an entry by relative path, a site page (the fixture links a registered source)', async () => {
  for (const line of [
    'click D "../../guarantees/linearizability/implementation.md"',
    'click D href "/incidents/example-2020-01-01/"',
    'click D "/guarantees/linearizability/implementation/"',
  ]) {
    const run = await atlas(withClick(line), 'validate', '--json');
    assert.equal(run.code, 0, `${line}\n${run.stdout}${run.stderr}`);
  }
});

const bad: { name: string; line: string; rule: string; message: RegExp }[] = [
  { name: 'an entry that does not exist', line: 'click D "../../guarantees/linearizability/concept.md"', rule: 'links', message: /click target "\.\.\/\.\.\/guarantees\/linearizability\/concept\.md" is not an entry of the atlas/ },
  { name: 'a site path the site does not build', line: 'click D href "/incidents/nowhere/"', rule: 'links', message: /click target "\/incidents\/nowhere\/": the site has no such page/ },
  { name: 'an outside URL that is not a registered source', line: 'click D "https://example.com/elsewhere"', rule: 'links', message: /"https:\/\/example\.com\/elsewhere" is not the URL of a source in content\/sources\.yaml/ },
  { name: 'a javascript: target (security, not links)', line: 'click D "javascript:alert(1)"', rule: 'security', message: /click target "javascript:alert\(1\)" is not an http\(s\) or site link/ },
];

for (const c of bad) {
  test(`a click target to ${c.name} is reported at its line, alone`, async () => {
    const dir = withClick(c.line);
    const f = await onlyFinding(dir);
    assert.equal(f.file, TIMELINE);
    assert.equal(f.line, lineOf(read(dir, TIMELINE), c.line));
    assert.equal(f.rule, c.rule);
    assert.match(f.message, c.message);
  });
}

test('a Markdown link to a site path the site does not build is reported', async () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, (t) => t.replace('See the [guarantee]', 'See [nothing](/nowhere/) and the [guarantee]'));
  const f = await onlyFinding(dir);
  assert.equal(f.line, lineOf(read(dir, TIMELINE), '[nothing](/nowhere/)'));
  assert.match(f.message, /link to "\/nowhere\/": the site has no such page/);
});
