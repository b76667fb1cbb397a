// The atlas's shape: targets that add up, one template per category and kind that
// scaffolds an entry the todo rule stops until it is written, and the rules the new
// categories' shapes add (listing fields, the 3 AM gate for debugging, the CFO gate for
// capacity), each with a bad fixture whose finding is the only one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadTaxonomy } from '../src/model/project.ts';
import { assertBadCase, atlas, type BadCase, COST, edit, type JsonFinding, makeAtlas, read, repoRoot, TIMELINE } from './helpers.ts';

const DEBUGGING = 'content/entries/debugging/example-dns-timeouts.md';
const CAPACITY = 'content/entries/capacity/example-cache-memory.md';
const taxonomy = loadTaxonomy(repoRoot);

const findingsOf = async (dir: string, ...files: string[]) => JSON.parse((await atlas(dir, 'validate', '--json', ...files)).stdout).findings as JsonFinding[];

test('targets add up: subjects x kinds, and systems are the spec\'s tiered 30 x the mandatory 8', () => {
  const subjects: Record<string, number> = {
    guarantees: taxonomy.guarantees.length,
    mechanisms: taxonomy.mechanisms.length,
    patterns: taxonomy.patterns.length,
    systems: taxonomy.systems.filter((s) => s.tier).length,
  };
  assert.deepEqual([subjects.guarantees, subjects.mechanisms, subjects.patterns, subjects.systems], [18, 20, 21, 30]);
  for (const [id, count] of Object.entries(subjects)) {
    const cat = taxonomy.categories.find((c) => c.id === id)!;
    assert.equal(cat.target, count * cat.kinds!.length, id);
  }
  // An anatomy is three entries: the reason says how many anatomies reach the target.
  const incidents = taxonomy.categories.find((c) => c.id === 'incidents')!;
  assert.match(incidents.target_reason, new RegExp(`\\b${Math.ceil(incidents.target / 3)} anatomies`), 'whole anatomies');
});

test('every category and kind has exactly one template, and no template is left over', () => {
  const expected = taxonomy.categories.flatMap((c) => (c.kinds ? c.kinds.map((k) => `${c.id}-${k}.md`) : [`${c.id}.md`])).sort();
  assert.deepEqual(readdirSync(path.join(repoRoot, 'content/templates')).sort(), expected);
});

test('every template, scaffolded by atlas new, fails validation with todo findings and nothing malformed', async () => {
  const dir = makeAtlas();
  const files: string[] = [];
  for (const c of taxonomy.categories) {
    const slug = { systems: 'github', incidents: 'acme-2024-05-01', guarantees: 'durability', mechanisms: 'leases', patterns: 'saga' }[c.id] ?? `new-${c.id}`;
    for (const kind of c.kinds ?? [undefined]) {
      const run = await atlas(dir, 'new', c.id, slug, ...(kind ? ['--kind', kind] : []), ...(c.group_by?.includes('system') ? ['--system', 'github'] : []));
      assert.equal(run.code, 0, run.stderr);
      files.push(run.stdout.match(/^created (\S+)/)![1]!);
    }
  }
  const findings = await findingsOf(dir, ...files);
  for (const file of files) {
    const rules = new Set(findings.filter((f) => f.file === file).map((f) => f.rule));
    assert.ok(rules.has('todo'), `${file}: no todo finding`);
    for (const malformed of ['yaml', 'schema', 'frontmatter', 'mermaid', 'palette', 'sections', 'links']) assert.ok(!rules.has(malformed), `${file}: ${malformed}`);
  }
  // Each starts with its kind's diagram and blocks, never a generic client/service flowchart.
  const primary = (file: string) => read(dir, file).split('```mermaid\n')[1]!.split('\n')[0];
  assert.equal(primary('content/entries/incidents/acme-2024-05-01/timeline.md'), 'flowchart TB');
  assert.match(read(dir, 'content/entries/incidents/acme-2024-05-01/timeline.md'), /^symptoms:\n {2}- \{ kind: /m);
  assert.equal(primary('content/entries/guarantees/durability/concept.md'), 'sequenceDiagram');
  assert.match(read(dir, 'content/entries/capacity/new-capacity.md'), /## Inputs\n\n\| input \| value \| source \|[\s\S]*## Outputs\n\n\| output \| value \| arithmetic \|/);
  assert.match(read(dir, 'content/entries/costs/new-costs.md'), /## Assumptions\n\n\| assumption \| value \| source \|/);
  for (const file of files) assert.doesNotMatch(read(dir, file), /Client -->/, file);
});

test('a scaffolded debugging guide, once written, validates clean', async () => {
  const dir = makeAtlas();
  assert.equal((await atlas(dir, 'new', 'debugging', 'slow-lookups')).code, 0);
  const file = 'content/entries/debugging/slow-lookups.md';
  edit(dir, file, (t) =>
    t
      .replace(/^family: .*$/m, 'family: network')
      .replace(/^technologies: .*$/m, 'technologies: [coredns]')
      .replace('facts: []', 'facts:\n  - figure: "5 seconds"\n    measures: Example lookup time\n    illustrative: "A round number for the test"')
      .replace('S["TODO: the symptom, in the alert\'s words"]', 'S["Lookups take 5 seconds"]')
      .replace('https://TODO', 'https://example.com/docs')
      .replace(/TODO:?/g, 'Written'),
  );
  const run = await atlas(dir, 'validate', file);
  assert.equal(run.code, 0, run.stdout);
});

const bad: BadCase[] = [
  { name: 'a placeholder left from the template', file: TIMELINE, change: (t) => t.replace('Alerts on resolution errors.', 'TODO: what alerted.'), rule: 'todo', message: /placeholder left from the template: "TODO: what alerted\."/, at: 'TODO: what alerted' },
  { name: 'a placeholder in a frontmatter comment', file: DEBUGGING, change: (t) => t.replace('family: network', 'family: network # TODO: pick the family'), rule: 'todo', message: /placeholder/, at: '# TODO' },
  { name: 'an empty required section', file: TIMELINE, change: (t) => t.replace('## Detection\n\nAlerts on resolution errors.\n', '## Detection\n\n'), rule: 'todo', message: /section "## Detection" is empty/, at: '## Detection' },
  { name: 'a system-grouped entry without a system', file: COST, change: (t) => t.replace('system: github\n', ''), rule: 'taxonomy', message: /lists entries by system: "system" is missing/ },
  { name: 'a debugging guide without a symptom family', file: DEBUGGING, change: (t) => t.replace('family: network\n', ''), rule: 'taxonomy', message: /lists entries by family: "family" is missing/ },
  { name: 'a debugging guide without technologies', file: DEBUGGING, change: (t) => t.replace('technologies: [coredns]', 'technologies: []'), rule: 'taxonomy', message: /"technologies" is missing/ },
  { name: 'debugging checks that cite no documentation', file: DEBUGGING, change: (t) => t.replace(' ([documentation](https://example.com/resolver-docs))', ''), rule: 'gate-3am', message: /cite the documentation/ },
  { name: 'a capacity output that is not derived', file: CAPACITY, change: (t) => t.replace('    derived:\n      from: ["300 GB", "64 GB"]\n      method: "300 / 64 = 4.7, rounded up to 5"', '    illustrative: "a guess"'), rule: 'gate-cfo', message: /every output of the model is derived/ },
];

for (const c of bad) {
  test(`${c.rule}: ${c.name}`, () => assertBadCase(makeAtlas(), c, c.file));
}

test('a system cost entry without a published cost passes the CFO test only when its cost tree and "What is not public" say so', async () => {
  const dir = makeAtlas();
  assert.equal((await atlas(dir, 'new', 'systems', 'github', '--kind', 'cost')).code, 0);
  const file = 'content/entries/systems/github/cost.md';
  edit(dir, file, (t) =>
    t
      .replace('facts: []', 'facts:\n  - figure: "3 regions"\n    measures: Regions the compute runs in\n    illustrative: "A round number for the test"')
      .replace('T["TODO: total, sourced or derived"] --> C1["TODO: compute"]', 'T["Total: not public"] --> C1["Compute in 3 regions: not public"]')
      .replace('C2["TODO: storage"]', 'C2["Storage: not public"]')
      .replace('C3["TODO: network"]', 'C3["Network: not public"]')
      .replace('| TODO: price used, with date and region | TODO | TODO |', '| No price model: no published quantities | none | this entry |')
      .replace(/TODO:?/g, 'Written'),
  );
  assert.deepEqual(await findingsOf(dir, file), []);
  edit(dir, file, (t) => t.replaceAll(': not public"]', ': unknown"]'));
  assert.deepEqual(
    (await findingsOf(dir, file)).map((f) => [f.rule, f.line, f.message]),
    [['gate-cfo', 1, 'CFO test fails: infrastructure costs are shown, or said plainly not to be public']],
  );
});
