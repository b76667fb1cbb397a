// Each rule, with a bad fixture beside the good one: exit code, rule, message and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checks } from '../src/checks/index.ts';
import { assertBadCase, atlas, type BadCase, COST, edit, type JsonFinding, lineOf, makeAtlas, onlyFinding, PALETTE_ENTRY, read, repoRoot, TIMELINE } from './helpers.ts';

test('the good fixture atlas validates clean', async () => {
  const dir = makeAtlas();
  const run = await atlas(dir, 'validate');
  assert.equal(run.code, 0, run.stdout + run.stderr);
  assert.equal(run.stdout, '');
});

const GUIDE = 'content/entries/debugging/example-guide.md';

/** The fixture atlas plus a debugging guide (3 AM test without required sections). */
function makeAtlasWithGuide(): string {
  const dir = makeAtlas();
  mkdirSync(path.join(dir, 'content/entries/debugging'), { recursive: true });
  cpSync(path.join(repoRoot, 'test/fixtures/gates/example-guide.md'), path.join(dir, GUIDE));
  return dir;
}

test('a declared figure covers it shown with its unit spelled out, and a fact that is only a derived input need not be shown', async () => {
  for (const change of [
    (t: string) => t.replace('C["$2 a month"]', 'C["$2 per month"]'),
    (t: string) => t.replace('V["100 GB stored"]', 'V["Data stored"]'),
  ]) {
    const dir = makeAtlas();
    edit(dir, COST, change);
    const run = await atlas(dir, 'validate', COST);
    assert.equal(run.code, 0, run.stdout + run.stderr);
  }
});

test('the debugging guide fixture validates clean', async () => {
  const run = await atlas(makeAtlasWithGuide(), 'validate', GUIDE);
  assert.equal(run.code, 0, run.stdout + run.stderr);
});

/** Entry-wide findings (a missing section) point at the first line after the frontmatter. */
const afterFrontmatter = (text: string) => text.split('\n').indexOf('---', 1) + 2;

const bad: BadCase[] = [
  { name: 'malformed YAML', file: TIMELINE, change: (t) => t.replace('status: draft', 'status: draft: yes'), rule: 'yaml', message: /malformed YAML/, at: 'status: draft: yes' },
  { name: 'schema: unknown status', file: TIMELINE, change: (t) => t.replace('status: draft', 'status: finished'), rule: 'schema', message: /status/, at: 'status: finished' },
  { name: 'schema: markup in the title', file: TIMELINE, change: (t) => t.replace('title: "Example outage: timeline"', 'title: "</title><script>alert(1)</script>"'), rule: 'schema', message: /title: must be plain text without "<" or ">"/, at: 'title:' },
  { name: 'schema: markup in the description', file: TIMELINE, change: (t) => t.replace('description: A fixture incident timeline', 'description: A fixture <img src=x onerror=alert(1)> timeline'), rule: 'schema', message: /description: must be plain text/, at: 'description:' },
  { name: 'schema: fact with two provenances', file: COST, change: (t) => t.replace('    illustrative: "A round volume', '    source: example-price-list\n    illustrative: "A round volume'), rule: 'schema', message: /exactly one of source, derived or illustrative/, at: 'figure: "100 GB"' },
  { name: 'unknown category', file: COST, change: (t) => t.replace('category: costs', 'category: money'), rule: 'taxonomy', message: /unknown category "money"/, at: 'category: money' },
  { name: 'unknown kind', file: TIMELINE, change: (t) => t.replace('kind: timeline', 'kind: story'), rule: 'taxonomy', message: /unknown kind "story"/, at: 'kind: story' },
  { name: 'unknown source', file: TIMELINE, change: (t) => t.replace('sources: [example-postmortem]', 'sources: [example-postmortem, nowhere-blog]'), rule: 'sources', message: /unknown source "nowhere-blog"/, at: 'sources:' },
  { name: 'missing section', file: TIMELINE, change: (t) => t.replace('## Detection', '## Noticing'), rule: 'sections', message: /missing section "## Detection"/, at: afterFrontmatter },
  { name: 'no diagram', file: PALETTE_ENTRY, change: (t) => t.replace(/```mermaid[\s\S]*?```/, '| part | role |\n| --- | --- |\n| store | Store with 3 replicas |'), rule: 'sections', message: /no ```mermaid diagram/, at: afterFrontmatter, alongside: ['palette'] },
  { name: 'broken link', file: TIMELINE, change: (t) => t.replace('linearizability/implementation.md', 'linearizability/nothing.md'), rule: 'links', message: /broken link/, at: 'nothing.md' },
  { name: 'broken link in a table', file: TIMELINE, change: (t) => t.replace('| change deployed |', '| change deployed, see [notes](notes/nothing.md) |'), rule: 'links', message: /broken link "notes\/nothing\.md"/, at: 'notes/nothing.md' },
  { name: 'broken Mermaid', file: TIMELINE, change: (t) => t.replace('    C --> D', '    C -->|unclosed label D'), rule: 'mermaid', message: /does not render/, at: 'unclosed label' },
  { name: 'undeclared figure in a diagram', file: TIMELINE, change: (t) => t.replace('B["Zanzibar resolvers fail"]', 'B["Zanzibar resolvers fail for 99.9% of queries"]'), rule: 'provenance', message: /figure "99\.9%" is not declared/, at: '99.9%' },
  { name: 'undeclared figure in a table', file: TIMELINE, change: (t) => t.replace('| change deployed |', '| change deployed to 40 servers |'), rule: 'provenance', message: /figure "40 servers" is not declared/, at: '40 servers' },
  { name: 'fact that no longer appears', file: TIMELINE, change: (t) => t.replace('D["Outage lasted 45 minutes"]', 'D["Outage over"]'), rule: 'provenance', message: /fact "45 minutes" no longer appears/, at: 'figure: "45 minutes"' },
  { name: 'fact shown only inside a clock time', file: TIMELINE, change: (t) => t.replace('  - figure: "45 minutes"', '  - figure: "10"\n    measures: The hour the change was deployed\n    derived:\n      from: ["10:00 UTC"]\n      method: "the hour of 10:00 UTC"\n  - figure: "45 minutes"'), rule: 'provenance', message: /fact "10" no longer appears/, at: 'figure: "10"' },
  { name: 'derived fact with an undeclared input', file: TIMELINE, change: (t) => t.replace('from: ["10:00 UTC", "10:45 UTC"]', 'from: ["10:00 UTC", "11:00 UTC"]'), rule: 'provenance', message: /uses "11:00 UTC", which is not a declared fact/, at: 'from: ["10:00 UTC", "11:00 UTC"]' },
  { name: 'derived fact that is its own input', file: TIMELINE, change: (t) => t.replace('from: ["10:00 UTC", "10:45 UTC"]', 'from: ["10:00 UTC", "45 minutes"]'), rule: 'provenance', message: /derived fact "45 minutes" uses "45 minutes", which is not a declared fact/, at: 'from: ["10:00 UTC", "45 minutes"]' },
  { name: 'illustrative figure in an incident', file: TIMELINE, change: (t) => t.replace('    derived:\n      from: ["10:00 UTC", "10:45 UTC"]\n      method: "10:45 - 10:00 = 45 minutes"', '    illustrative: "a guess"'), rule: 'provenance', message: /an incident is history/, at: 'illustrative: "a guess"' },
  { name: 'sourced fact without a quote', file: TIMELINE, change: (t) => t.replace('    quote: "At 10:00 UTC a DNS change was deployed."\n', ''), rule: 'quote', message: /sourced fact "10:00 UTC" has no quote/, at: 'figure: "10:00 UTC"' },
  { name: 'quote without the figure', file: TIMELINE, change: (t) => t.replace('reverted at 10:45 UTC', 'reverted at 10:40 UTC'), rule: 'quote', message: /quote of fact "10:45 UTC" does not contain the figure/, at: 'reverted at 10:40 UTC' },
  { name: 'quote of more than 60 words', file: COST, change: (t) => t.replace('quote: "Standard storage: $0.02 per GB"', `quote: "Standard storage: $0.02 per GB${' and more'.repeat(30)}"`), rule: 'quote', message: /has 65 words; at most 60/, at: 'quote: "Standard storage' },
  { name: 'a longer number than a declared one', file: COST, change: (t) => t.replace('V["100 GB stored"]', 'V["100 GB stored, 1000 GB next year"]'), rule: 'provenance', message: /figure "1000 GB" is not declared/, at: '1000 GB next year' },
  { name: 'a declared figure with a magnitude after it', file: COST, change: (t) => t.replace('C["$2 a month"]', 'C["$2 million a month"]'), rule: 'provenance', message: /figure "\$2 million" is not declared/, at: '$2 million' },
  { name: 'a decimal of a declared number', file: COST, change: (t) => t.replace('V["100 GB stored"]', 'V["100.5 GB stored"]'), rule: 'provenance', message: /figure "100\.5 GB" is not declared/, at: '100.5 GB stored' },
  { name: 'bare number in a diagram', file: TIMELINE, change: (t) => t.replace('B["Zanzibar resolvers fail"]', 'B["Zanzibar resolvers fail (queue depth 5000)"]'), rule: 'provenance', message: /figure "5000" is not declared/, at: 'queue depth 5000' },
  { name: 'number after its noun in a table', file: TIMELINE, change: (t) => t.replace('| change deployed |', '| change deployed, replicas: 3 |'), rule: 'provenance', message: /figure "3" is not declared/, at: 'replicas: 3' },
  { name: 'acronym not in the glossary', file: TIMELINE, change: (t) => t.replace('B["Zanzibar resolvers fail"]', 'B["BGP resolvers fail"]'), rule: 'glossary', message: /acronym "BGP"/, at: 'BGP resolvers', alongside: ['gate-new-hire'] },
  // Palette: one case per finding the rule can raise.
  { name: 'classDef that differs from the palette', file: PALETTE_ENTRY, change: (t) => t.replace('classDef edge fill:#3B82F6', 'classDef edge fill:#FF0000'), rule: 'palette', message: /classDef edge differs/, at: 'classDef edge' },
  { name: 'class used without its classDef', file: PALETTE_ENTRY, change: (t) => t.replace('    classDef control fill:#8B5CF6,stroke:#6D28D9,color:#000000\n', ''), rule: 'palette', message: /class "control" is used but its classDef is missing/, at: 'flowchart LR' },
  { name: 'node without a plane', file: PALETTE_ENTRY, change: (t) => t.replace('    class MON control\n', ''), rule: 'palette', message: /nodes without a plane: MON/, at: 'flowchart LR' },
  { name: 'architecture kind without a flowchart', file: PALETTE_ENTRY, change: (t) => t.replace(/```mermaid[\s\S]*?```/, '```mermaid\nsequenceDiagram\n    Client->>Store: write to 3 replicas\n```'), rule: 'palette', message: /needs a flowchart coloured with the 4-plane palette/, at: 'sequenceDiagram' },
  // Gates: one case per criterion.
  { name: '3 AM gate: no symptoms', file: TIMELINE, change: (t) => t.replace('symptoms:\n  - { kind: error, text: "SERVFAIL from resolvers" }\n', ''), rule: 'gate-3am', message: /lists the symptoms/ },
  { name: '3 AM gate: nothing says what to check first', file: GUIDE, change: (t) => t.replace('## Checks', '## Notes'), rule: 'gate-3am', message: /says what to check first/, alongside: ['gate-3am', 'sections'] },
  { name: '3 AM gate: nothing says how service was recovered', file: GUIDE, change: (t) => t.replace('Service restored', 'Errors stop'), rule: 'gate-3am', message: /shows how service was recovered/ },
  { name: 'New Hire gate: acronym not in the glossary', file: GUIDE, change: (t) => t.replace('A["Errors rise"]', 'A["NXDOMAIN errors rise"]'), rule: 'gate-new-hire', message: /every acronym in the diagrams is in the glossary/, alongside: ['glossary'] },
  { name: 'New Hire gate: undirected link', file: TIMELINE, change: (t) => t.replace('    B --> C', '    B --- C'), rule: 'gate-new-hire', message: /data flow is directional/ },
  { name: 'New Hire gate: no figure', file: GUIDE, change: (t) => t.replace(/facts:[\s\S]*?\n---/, 'facts: []\n---').replace('Wait 30 seconds for caches', 'Wait for caches'), rule: 'gate-new-hire', message: /scale or timing figures are included/ },
  { name: 'CFO gate: no cost shown', file: COST, change: (t) => t.replaceAll('$0.02/GB', '2 cents/GB').replaceAll('"$2"', '"200 cents"').replace('$2 a month', '200 cents a month').replace('Standard storage: $0.02 per GB', 'Standard storage: 2 cents/GB'), rule: 'gate-cfo', message: /infrastructure costs are shown/ },
  { name: 'CFO gate: no assumptions', file: COST, change: (t) => t.replace('## Assumptions', '## Notes'), rule: 'gate-cfo', message: /states its assumptions/, alongside: ['sections'] },
  { name: 'CFO gate: an illustrative cost', file: COST, change: (t) => t.replace('    source: example-price-list\n    where: Storage table', '    illustrative: "A typical price"'), rule: 'gate-cfo', message: /every cost is sourced or derived/ },
  { name: 'Incident gate: no blast radius', file: TIMELINE, change: (t) => t.replace('Blast radius: every', 'Affected: every'), rule: 'gate-incident', message: /blast radius is stated/ },
  { name: 'Incident gate: no duration', file: TIMELINE, change: (t) => t.replace('D["Outage lasted 45 minutes"]', 'D["Outage over"]').replace(/  - figure: "45 minutes"[\s\S]*?---/, '---'), rule: 'gate-incident', message: /recovery time is specified/ },
  { name: 'Incident gate: data loss not marked', file: TIMELINE, change: (t) => t.replace(' No data was lost.', ''), rule: 'gate-incident', message: /data loss potential is marked/ },
  { name: 'Incident gate: rollback not addressed', file: TIMELINE, change: (t) => t.replaceAll('change reverted', 'change undone').replace('The rollback restored', 'The fix restored'), rule: 'gate-incident', message: /rollback is addressed/ },
];

for (const c of bad) {
  test(`${c.rule}: ${c.name}`, () => assertBadCase(c.file === GUIDE ? makeAtlasWithGuide() : makeAtlas(), c));
}

test('every rule the validator runs is named, described, and caught by a test by that name', () => {
  const ids = checks.map((check) => check.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  const tests = readdirSync(path.join(repoRoot, 'test'))
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => read(repoRoot, `test/${name}`))
    .join('\n');
  for (const check of checks) {
    assert.match(check.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id is a kebab-case word');
    assert.ok(tests.includes(`'${check.id}'`), `no test expects a finding of the ${check.id} rule`);
    assert.match(check.description, /\w+ \w+ \w+/, `${check.id} describes itself`);
  }
});

test('the hostile title payload is refused by the schema, at its line, as the only finding', async () => {
  const dir = makeAtlas();
  const file = 'content/entries/debugging/title-breakout.md';
  mkdirSync(path.join(dir, 'content/entries/debugging'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'test/fixtures/hostile/rejected/title-breakout.md'), path.join(dir, file));
  const f = await onlyFinding(dir);
  assert.deepEqual([f.file, f.line, f.rule], [file, lineOf(read(dir, file), 'title:'), 'schema']);
  assert.match(f.message, /^title: must be plain text without "<" or ">"/);
});

test('a source dated by its year alone loads as written, quoted or bare', async () => {
  const dir = makeAtlas();
  edit(dir, 'content/sources.yaml', (t) => t.replace('published: 2020-01-02', 'published: 2020'));
  const run = await atlas(dir, 'validate', '--json');
  assert.equal(run.code, 0, run.stdout + run.stderr);
});

test('human output is file:line:col  rule  message, and names the column of a figure', async () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, (t) => t.replace('B["Zanzibar resolvers fail"]', 'B["Zanzibar resolvers fail for 99.9% of queries"]'));
  const run = await atlas(dir, 'validate', TIMELINE);
  assert.equal(run.code, 1);
  const text = read(dir, TIMELINE);
  const line = lineOf(text, '99.9%');
  const col = text.split('\n')[line - 1]!.indexOf('99.9%') + 1;
  assert.match(run.stdout, new RegExp(`^${TIMELINE.replace(/\./g, '\\.')}:${line}:${col}  provenance  figure "99\\.9%" is not declared in facts$`, 'm'));
});

test('an undeclared figure is reported once per line it is on, each figure on its own', async () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, (t) => t.replace('| change deployed |', '| change deployed to 40 servers, 40 servers and 7 racks |').replace('## Detection\n', '## Detection\n\n| alert | servers |\n| --- | --- |\n| DNS | 40 servers |\n'));
  const run = await atlas(dir, 'validate', '--json', TIMELINE);
  const text = read(dir, TIMELINE);
  const findings = (JSON.parse(run.stdout).findings as JsonFinding[]).map((f) => [f.line, f.rule, f.message]);
  assert.deepEqual(findings, [
    [lineOf(text, '7 racks'), 'provenance', 'figure "40 servers" is not declared in facts'],
    [lineOf(text, '7 racks'), 'provenance', 'figure "7 racks" is not declared in facts'],
    [lineOf(text, '| DNS | 40 servers |'), 'provenance', 'figure "40 servers" is not declared in facts'],
  ]);
});

test('duplicate ids are reported in both files', async () => {
  const dir = makeAtlas();
  edit(dir, COST, (t) => t.replace('id: COS-EXAMPLE-STORAGE', 'id: INC-EXAMPLE-2020-01-01-TIMELINE'));
  const run = await atlas(dir, 'validate', '--json');
  assert.equal(run.code, 1);
  const findings = JSON.parse(run.stdout).findings as JsonFinding[];
  const id = 'INC-EXAMPLE-2020-01-01-TIMELINE';
  // Each names the other file (and no third), at its own id line, with a fix.
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.rule, f.message, f.fix]).sort(),
    [
      [COST, lineOf(read(dir, COST), 'id:'), 'unique-id', `duplicate id "${id}" (also in ${TIMELINE})`, 'give one of the entries a new id'],
      [TIMELINE, lineOf(read(dir, TIMELINE), 'id:'), 'unique-id', `duplicate id "${id}" (also in ${COST})`, 'give one of the entries a new id'],
    ].sort(),
  );
});

test('a fact that cites an unknown source, or one missing from the entry\'s sources, is caught at its source line', async () => {
  const cases: [string, (t: string) => string, RegExp, string][] = [
    ['unknown', (t) => t.replace('    source: example-postmortem\n    where: Timeline\n    quote: "At 10:00', '    source: nowhere-blog\n    where: Timeline\n    quote: "At 10:00'), /^fact "10:00 UTC" cites unknown source "nowhere-blog"$/, 'register the source in content/sources.yaml'],
    ['not listed', (t) => t.replace('    source: example-postmortem\n    where: Timeline\n    quote: "At 10:00', '    source: example-price-list\n    where: Timeline\n    quote: "At 10:00'), /^fact "10:00 UTC" cites "example-price-list", which is not in the entry's sources$/, 'add example-price-list to sources'],
  ];
  for (const [name, change, message, fix] of cases) {
    const dir = makeAtlas();
    edit(dir, TIMELINE, change);
    const run = await atlas(dir, 'validate', '--json', TIMELINE);
    assert.equal(run.code, 1, name);
    const findings = JSON.parse(run.stdout).findings as JsonFinding[];
    assert.equal(findings.length, 1, `${name}: ${run.stdout}`);
    const [f] = findings;
    assert.equal(f!.rule, 'sources', name);
    assert.match(f!.message, message, name);
    assert.equal(f!.fix, fix, name);
    const text = read(dir, TIMELINE);
    assert.equal(f!.line, text.split('\n').findIndex((l, i, lines) => /^    source: /.test(l) && lines[i + 2]?.includes('At 10:00')) + 1, `${name}: the fact's source line`);
  }
});

test('an unreadable entry is one clear finding', async () => {
  const dir = makeAtlas();
  mkdirSync(path.join(dir, 'content/entries/debugging/broken.md'), { recursive: true });
  const run = await atlas(dir, 'validate');
  assert.equal(run.code, 1);
  assert.match(run.stdout, /content\/entries\/debugging\/broken\.md:1:1  read  cannot read the file/);
});

test('validating one file reports only that file', async () => {
  const dir = makeAtlas();
  edit(dir, COST, (t) => t.replace('category: costs', 'category: money'));
  assert.equal((await atlas(dir, 'validate', TIMELINE)).code, 0);
  assert.equal((await atlas(dir, 'validate', COST)).code, 1);
});

test('usage errors exit 2 with one line and no stack', async () => {
  const dir = makeAtlas();
  for (const args of [['validate', '--bogus'], ['validate', 'no/such/file.md'], ['frobnicate'], ['review', '--category', 'nope']]) {
    const run = await atlas(dir, ...args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.ok(run.stderr.trim().length > 0);
    assert.doesNotMatch(run.stderr, /\n\s+at /);
  }
});

test('validation modifies nothing', async () => {
  const dir = makeAtlas();
  const before = read(dir, TIMELINE);
  await atlas(dir, 'validate');
  assert.equal(read(dir, TIMELINE), before);
});
