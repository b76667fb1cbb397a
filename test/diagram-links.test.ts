// Diagram links: every `click` target leads to an entry, a page of the site or a
// registered source. Each bad target is reported at its line as the only finding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linksCheck } from '../src/checks/links.ts';
import { loadProject } from '../src/model/project.ts';
import { atlas, checkContext, edit, entryFrom, lineOf, makeAtlas, onlyFinding, read, TIMELINE } from './helpers.ts';

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

test('each kind of link is read as what it is, and each finding says what is wrong and how to fix it', async () => {
  const dir = makeAtlas();
  edit(dir, 'content/sources.yaml', (t) => t.replace('  url: https://example.com/prices', '  url: https://example.com/prices\n  read_at: https://archive.example.org/prices'));
  const project = loadProject(dir);
  const text = read(dir, TIMELINE);
  const findings = (change: (t: string) => string) => linksCheck.run(entryFrom(TIMELINE, change(text)), checkContext(project)).map((f) => [f.message, f.fix]);
  const link = (url: string) => findings((t) => t.replace('See the [guarantee]', `See [this](${url}) and the [guarantee]`));
  const click = (target: string) => findings((t) => t.replace(CLICK, `click D "${target}"`));
  const NO_PAGE_FIX = 'link to an entry by its relative path (../../systems/x/architecture.md), or to a page the site builds (/incidents/)';
  const BROKEN_FIX = 'point it at an existing entry file (relative path to the .md)';
  const cases: [string, unknown[][], unknown[][]][] = [
    ['a link within the page', link('#impact'), []],
    ['a link to another scheme', link('mailto:ops@example.com'), []],
    ['an existing entry with an anchor', link('../../guarantees/linearizability/implementation.md#top'), []],
    ['a missing entry with an anchor', link('../../guarantees/nothing.md#top'), [['broken link "../../guarantees/nothing.md#top"', BROKEN_FIX]]],
    ['a missing entry whose name has a colon', link('../../guarantees/a:b.md'), [['broken link "../../guarantees/a:b.md"', BROKEN_FIX]]],
    ['a site path without a trailing slash', link('/nowhere'), [['link to "/nowhere": the site has no such page', NO_PAGE_FIX]]],
    ['a site path the site builds', link('/incidents/'), []],
    ['a click to a section of the page', click('#impact'), []],
    ['a click to a source read through its archived copy', click('https://archive.example.org/prices'), []],
    ['a click to a registered source', click('https://example.com/prices'), []],
    ['a click to an http URL that is no source', click('http://example.com/postmortem'), [['click target "http://example.com/postmortem" is not the URL of a source in content/sources.yaml', 'register the source (atlas sources) and link its exact url, or link a page of the atlas']]],
    ['a click to a site path without a trailing slash', click('/nowhere'), [['click target "/nowhere": the site has no such page', 'link a page the site builds, such as /incidents/ or /systems/github/, or an entry by its relative path']]],
    ['a click to a missing entry', click('../nothing.md'), [['click target "../nothing.md" is not an entry of the atlas', 'link another entry by its relative path to the .md, for example ../../systems/github/architecture.md']]],
  ];
  for (const [name, actual, expected] of cases) assert.deepEqual(actual, expected, name);
});
