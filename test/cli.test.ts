// The workflow commands: their output, their exports, their exit codes, and writes that
// change only what they must.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { atlas, COST, edit, makeAtlas, PALETTE_ENTRY, read, repoRoot, TIMELINE } from './helpers.ts';

const today = new Date().toISOString().slice(0, 10);

test('every command has --help', async () => {
  const dir = makeAtlas();
  for (const command of ['validate', 'status', 'review', 'impact', 'new', 'sources', 'export']) {
    const run = await atlas(dir, command, '--help');
    assert.equal(run.code, 0, command);
    assert.match(run.stdout, new RegExp(`Usage: atlas ${command}`));
  }
  assert.match((await atlas(dir, 'status', 'mark-reviewed', '--help')).stdout, /Usage: atlas status mark-reviewed/);
});

test('a folder that is not an atlas is a usage error', async () => {
  const run = await atlas(path.parse(repoRoot).root, 'status');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no atlas here/);
});

test('status prints the dashboard derived from the content', async () => {
  const dir = makeAtlas();
  const run = await atlas(dir, 'status');
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /Production Atlas: 5 of \d+ entries/);
  assert.match(run.stdout, /Incident anatomies\s+\S+\s+1 \/ 100/);
  assert.match(run.stdout, /Discord\s+T2 (· ){7}·\s+0\/8/);
  assert.match(run.stdout, /draft\s+4\n\s+needs_review\s+0\n\s+up_to_date\s+1/);
  assert.match(run.stdout, /11 declared: 3 sourced \(27%\), 3 derived, 5 illustrative/);
});

test('status --json and --csv export the same numbers', async () => {
  const dir = makeAtlas();
  const json = JSON.parse((await atlas(dir, 'status', '--json')).stdout);
  assert.equal(json.entries, 5);
  assert.equal(json.categories.find((c: { id: string }) => c.id === 'costs').count, 1);
  assert.equal(json.systems.length, 36);
  assert.deepEqual(json.status, { draft: 4, needs_review: 0, up_to_date: 1, outdated: 0 });
  assert.deepEqual(json.figures, { total: 11, sourced: 3, derived: 3, illustrative: 5 });
  const csv = (await atlas(dir, 'status', '--csv')).stdout.trim().split('\r\n');
  assert.equal(csv[0], 'file,id,category,subject,kind,status,version,last_reviewed,changed_since_review,facts,sourced,derived,illustrative');
  assert.equal(csv.length, 6);
  assert.ok(csv.some((row) => row.startsWith(`${TIMELINE},INC-EXAMPLE-2020-01-01-TIMELINE,incidents,example-2020-01-01,timeline,draft,1.0`)));
  assert.equal((await atlas(dir, 'status', '--json', '--csv')).code, 2);
});

test('mark-reviewed writes only the review fields, and a later edit shows as changed (atomicity: test/atomic.test.ts)', async () => {
  const dir = makeAtlas();
  const before = read(dir, TIMELINE);
  const run = await atlas(dir, 'status', 'mark-reviewed', TIMELINE);
  assert.equal(run.code, 0, run.stderr);
  const after = read(dir, TIMELINE);
  const expected = before
    .replace(/^version: .*$/m, 'version: "1.1"')
    .replace(/^status: .*$/m, 'status: up_to_date')
    .replace(/^last_reviewed: .*$/m, `last_reviewed: ${today}`);
  assert.equal(after.replace(/^content_hash: [0-9a-f]{64}\n/m, ''), expected, 'only the review fields changed');
  const frontmatter = parse(after.split('---')[1]!);
  assert.equal(frontmatter.version, '1.1');
  assert.equal(frontmatter.status, 'up_to_date');
  assert.equal(frontmatter.last_reviewed, today);
  assert.match(frontmatter.content_hash, /^[0-9a-f]{64}$/);
  assert.equal((await atlas(dir, 'validate', TIMELINE)).code, 0, 'still a valid entry');
  const reviewed = JSON.parse((await atlas(dir, 'status', '--json')).stdout);
  assert.deepEqual(reviewed.changedSinceReview, []);
  type Category = { id: string; count: number; reviewed: number; figures: number; reviewedFigures: number };
  const share = (json: { categories: Category[] }, id: string) => {
    const { count, reviewed, figures, reviewedFigures } = json.categories.find((c) => c.id === id)!;
    return { count, reviewed, figures, reviewedFigures };
  };
  assert.deepEqual(share(reviewed, 'incidents'), { count: 1, reviewed: 1, figures: 3, reviewedFigures: 3 });
  // Up to date without a recorded hash is not reviewed.
  assert.deepEqual(share(reviewed, 'guarantees'), { count: 1, reviewed: 0, figures: 1, reviewedFigures: 0 });
  assert.match((await atlas(dir, 'status')).stdout, /Incident anatomies\s+1 \/ 1\s+entries 100%,\s+3 \/ 3\s+figures 100%/);

  edit(dir, TIMELINE, (t) => t.replace('Alerts on resolution errors.', 'Alerts on resolution errors, then customer reports.'));
  const changed = JSON.parse((await atlas(dir, 'status', '--json')).stdout);
  assert.deepEqual(changed.changedSinceReview, [TIMELINE]);
  assert.deepEqual(share(changed, 'incidents'), { count: 1, reviewed: 0, figures: 3, reviewedFigures: 0 });
  assert.match((await atlas(dir, 'status')).stdout, /changed since last review \(1\)/);
});

test('status set changes the status and nothing else; bad input changes nothing', async () => {
  const dir = makeAtlas();
  const before = read(dir, COST);
  assert.equal((await atlas(dir, 'status', 'set', COST, '--status', 'needs_review')).code, 0);
  assert.equal(read(dir, COST), before.replace('status: draft', 'status: needs_review'));

  const unchanged = read(dir, COST);
  const bad = await atlas(dir, 'status', 'set', COST, '--status', 'finished');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown status "finished"/);
  assert.equal(read(dir, COST), unchanged);

  edit(dir, TIMELINE, (t) => t.replace('tags: [dns]', 'tags: [dns'));
  const broken = read(dir, TIMELINE);
  const refused = await atlas(dir, 'status', 'mark-reviewed', COST, TIMELINE);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /timeline\.md: not a valid atlas entry/);
  assert.equal(read(dir, TIMELINE), broken);
  assert.equal(read(dir, COST), unchanged, 'no file is written when one is refused');
  assert.equal((await atlas(dir, 'status', 'set', 'nope.md', '--status', 'draft')).code, 2);
});

test('new scaffolds an entry with the kind\'s sections and the palette, and never overwrites', async () => {
  const dir = makeAtlas();
  const run = await atlas(dir, 'new', 'incidents', 'acme-2024-05-01', '--kind', 'cascade', '--system', 'github');
  assert.equal(run.code, 0, run.stderr);
  const file = 'content/entries/incidents/acme-2024-05-01/cascade.md';
  const text = read(dir, file);
  assert.match(text, /^id: INC-ACME-2024-05-01-CASCADE$/m);
  assert.match(text, /^system: github$/m);
  for (const section of ['Impact', 'Cascade', 'Safeguards', 'What to check first']) assert.match(text, new RegExp(`^## ${section}$`, 'm'));
  assert.match(text, /classDef state fill:#F59E0B,stroke:#B45309,color:#000000/);
  const findings = JSON.parse((await atlas(dir, 'validate', '--json', file)).stdout).findings.map((f: { rule: string }) => f.rule);
  assert.ok(!findings.includes('schema') && !findings.includes('mermaid') && !findings.includes('palette') && !findings.includes('taxonomy'), findings.join(','));

  const again = await atlas(dir, 'new', 'incidents', 'acme-2024-05-01', '--kind', 'cascade');
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);
  assert.equal(read(dir, file), text);

  for (const args of [['nope', 'x'], ['incidents', 'acme-2024-05-01'], ['incidents', 'acme', '--kind', 'story'], ['systems', 'nowhere', '--kind', 'cost'], ['incidents', 'Bad Slug', '--kind', 'timeline'], ['performance', 'acme-cache']]) {
    const bad = await atlas(dir, 'new', ...args);
    assert.equal(bad.code, 2, args.join(' '));
  }
  assert.equal(existsSync(path.join(dir, 'content/entries/nope')), false);
});

test('impact lists the entries a change affects', async () => {
  const dir = makeAtlas();
  const json = async (file: string) => JSON.parse((await atlas(dir, 'impact', file, '--json')).stdout) as { file: string; reason: string }[];
  assert.deepEqual((await json('content/palette.yaml')).map((i) => i.file), [PALETTE_ENTRY]);
  assert.equal((await json('content/taxonomy.yaml')).length, 5);
  assert.deepEqual((await json('content/glossary.yaml')).map((i) => i.file), ['content/entries/debugging/example-dns-timeouts.md', PALETTE_ENTRY, TIMELINE], 'all use API or DNS');
  assert.deepEqual((await json('content/templates/guarantees-implementation.md')).map((i) => i.file), [PALETTE_ENTRY]);
  const entry = await json(PALETTE_ENTRY);
  assert.deepEqual(entry.map((i) => [i.file, i.reason]), [[PALETTE_ENTRY, 'the entry itself'], [TIMELINE, 'links to it']]);
  assert.equal((await atlas(dir, 'impact', 'no/such.md')).code, 2);
});

test('sources reports unused, missing and duplicate-URL sources and who cites what', async () => {
  const dir = makeAtlas();
  const health = JSON.parse((await atlas(dir, 'sources', '--json')).stdout);
  assert.deepEqual(health.unused, ['example-unused']);
  assert.deepEqual(health.citedBy['example-postmortem'], [TIMELINE]);
  assert.equal((await atlas(dir, 'sources')).code, 0);
  edit(dir, 'content/sources.yaml', (t) => t.replace('url: https://example.com/unused', 'url: https://example.com/prices'));
  edit(dir, COST, (t) => t.replace('sources: [example-price-list]', 'sources: [example-price-list, ghost-source]'));
  const run = await atlas(dir, 'sources', '--json');
  assert.equal(run.code, 1);
  const bad = JSON.parse(run.stdout);
  assert.deepEqual(bad.missing, [{ id: 'ghost-source', citedBy: [COST] }]);
  assert.deepEqual(bad.duplicateUrls, [{ url: 'https://example.com/prices', ids: ['example-price-list', 'example-unused'] }]);
});

test('a broken registry is reported at its line', async () => {
  const dir = makeAtlas();
  edit(dir, 'content/sources.yaml', (t) => t.replace('  kind: docs\n', '  kind: rumour\n'));
  const run = await atlas(dir, 'validate', COST);
  assert.equal(run.code, 1);
  const line = read(dir, 'content/sources.yaml').split('\n').findIndex((l) => l.includes('rumour')) + 1;
  assert.match(run.stdout, new RegExp(`content/sources\\.yaml:${line}:1  registry  1\\.kind: `));
});

test('export writes the facts ledger as JSON and CSV, to standard output or a file', async () => {
  const dir = makeAtlas();
  const ledger = JSON.parse((await atlas(dir, 'export')).stdout);
  const fact = ledger.find((f: { figure: string }) => f.figure === '$0.02/GB');
  assert.deepEqual(
    { provenance: fact.provenance, source: fact.source, source_url: fact.source_url, where: fact.where, quote: fact.quote },
    { provenance: 'sourced', source: 'example-price-list', source_url: 'https://example.com/prices', where: 'Storage table', quote: 'Standard storage: $0.02 per GB' },
  );
  assert.equal(ledger.find((f: { figure: string }) => f.figure === '45 minutes').provenance, 'derived');
  assert.equal((await atlas(dir, 'export', '--format', 'csv', '--out', 'ledger.csv')).code, 0);
  const csv = readFileSync(path.join(dir, 'ledger.csv'), 'utf8');
  assert.match(csv, /^entry,file,figure,measures,provenance,source,source_url,where,quote,derived_from,method,illustrative\r\n/);
  assert.match(csv, /COS-EXAMPLE-STORAGE,content\/entries\/costs\/example-storage\.md,\$2,/);
  assert.match(csv, /,Storage table,Standard storage: \$0\.02 per GB,/);
  assert.equal((await atlas(dir, 'export', '--format', 'xml')).code, 2);
});

test('review gives a fix for each finding and the gates of each entry', async () => {
  const dir = makeAtlas();
  assert.equal((await atlas(dir, 'review')).code, 0);
  edit(dir, COST, (t) => t.replace('## Assumptions', '## Notes'));
  const run = await atlas(dir, 'review', '--category', 'costs');
  assert.equal(run.code, 1);
  assert.match(run.stdout, /example-storage\.md {2}2 to fix {2}gate-new-hire ✓ {2}gate-cfo ✗/);
  assert.match(run.stdout, /fix: add a "## Assumptions" section/);
  assert.doesNotMatch(run.stdout, /timeline\.md/);
});

