// The one schema, field by field: what each accepts and refuses, and the message an author
// reads when a value is refused. (validate.test.ts shows schema findings through the CLI.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { SCHEMA_FILES, jsonSchemaText } from '../src/model/json-schema.ts';
import { entrySchema, factSchema, glossaryTermSchema, paletteSchema, sourceSchema, taxonomySchema } from '../src/model/schema.ts';
import { repoRoot } from './helpers.ts';

const SOURCED = { figure: '45 minutes', measures: 'Outage duration', source: 'example-postmortem', where: 'Timeline', quote: 'for 45 minutes' };
const ENTRY = {
  id: 'INC-EXAMPLE-2020-01-01-TIMELINE',
  title: 'Example outage',
  description: 'A fixture incident timeline.',
  category: 'incidents',
  version: '1.0',
  status: 'draft',
  last_reviewed: '2026-11-01',
};
const SOURCE = { id: 'example-postmortem', title: 'Postmortem', publisher: 'Example', url: 'https://example.com/pm', kind: 'postmortem', accessed: '2026-11-01' };

/** The messages of a refused value; [] when it is accepted. */
function refusal(schema: z.ZodType, value: unknown): string[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

function check(schema: z.ZodType, base: object, cases: [string, unknown, RegExp | 'ok'][]): void {
  for (const [field, value, expected] of cases) {
    const messages = refusal(schema, { ...base, [field]: value });
    const shown = `${field} = ${JSON.stringify(value)}`;
    if (expected === 'ok') assert.deepEqual(messages, [], `${shown} is accepted`);
    else {
      assert.equal(messages.length, 1, `${shown} is refused once: ${messages.join('; ')}`);
      // A refused value is named by its field; an unknown key by the object it is in.
      const [where] = messages[0]!.split(': ');
      assert.ok(where === field || where!.startsWith(`${field}.`) || (where === '' && /Unrecognized/.test(expected.source)), `${shown}: ${messages[0]}`);
      assert.match(messages[0]!, expected, shown);
    }
  }
}

const SLUG = /expected lower-case words joined by hyphens/;
const ANY = /./;

test('an entry: each field accepts its values and refuses others with a message that says what is expected', () => {
  assert.deepEqual(refusal(entrySchema, ENTRY), []);
  check(entrySchema, ENTRY, [
    ['id', 'INC-X-1', 'ok'],
    ['id', 'COS-EXAMPLE-STORAGE', 'ok'],
    ...['inc-x', 'INC', 'INC-', 'INC--X', '1NC-X', 'INC-x', ' INC-X', 'INC-X '].map((v): [string, unknown, RegExp] => ['id', v, /expected an upper-case id such as INC-GITHUB-2018-10-21-TIMELINE/]),
    ['title', 'Abc', 'ok'],
    ['title', 'Ab', ANY],
    ['title', 'A <b> title', /must be plain text without "<" or ">"/],
    ['title', 'A > B', /must be plain text/],
    ['description', 'Ten chars.', 'ok'],
    ['description', 'Nine char', ANY],
    ['description', 'Less < more, at length', /must be plain text/],
    ['category', 'a-b2', 'ok'],
    ...['A', 'a--b', 'a_b', '-a', 'a-', 'a b', ''].map((v): [string, unknown, RegExp] => ['category', v, SLUG]),
    ['subject', 'example-2020-01-01', 'ok'],
    ['subject', 'Example', SLUG],
    ['kind', 'Timeline', SLUG],
    ['system', 'git_hub', SLUG],
    ['tags', ['dns', 'tls'], 'ok'],
    ['tags', [''], ANY],
    ['version', '12.30', 'ok'],
    ...['1', '1.0.0', 'v1.0', '1.', '.1'].map((v): [string, unknown, RegExp] => ['version', v, /expected major\.minor, such as "1\.0"/]),
    ...['draft', 'needs_review', 'up_to_date', 'outdated'].map((v): [string, unknown, 'ok'] => ['status', v, 'ok']),
    ['status', 'finished', ANY],
    ['last_reviewed', '2026-11-01', 'ok'],
    ...['2026-1-01', '2026-11-1', '26-11-01', '2026-11-01T00:00', 'x2026-11-01'].map((v): [string, unknown, RegExp] => ['last_reviewed', v, /expected a date as YYYY-MM-DD/]),
    ['content_hash', 'a'.repeat(64), 'ok'],
    ['content_hash', 'a'.repeat(63), ANY],
    ['content_hash', 'A'.repeat(64), ANY],
    ['content_hash', `${'a'.repeat(64)}0`, ANY],
    ['sources', ['a-b', 'c'], 'ok'],
    ['sources', ['A'], SLUG],
    ['symptoms', [{ kind: 'error', text: 'SERVFAIL' }, { kind: 'metric', text: 'p99' }, { kind: 'status', text: 'Degraded' }, { kind: 'component', text: 'DNS' }], 'ok'],
    ['symptoms', [{ kind: 'log', text: 'a line' }], ANY],
    ['symptoms', [{ kind: 'error', text: 'x' }], ANY],
    ['symptoms', [{ kind: 'error', text: 'xy', seen: 'today' }], ANY],
    ...['latency', 'errors', 'unavailable', 'saturation', 'data', 'backlog', 'network', 'security'].map((v): [string, unknown, 'ok'] => ['family', v, 'ok']),
    ['family', 'slowness', ANY],
    ...['databases', 'messaging', 'caching', 'networking', 'compute', 'storage', 'coordination', 'observability'].map((v): [string, unknown, 'ok'] => ['area', v, 'ok']),
    ['area', 'queues', ANY],
    ...['compute', 'memory', 'storage', 'network', 'database', 'queue'].map((v): [string, unknown, 'ok'] => ['resource', v, 'ok']),
    ['resource', 'cpu', ANY],
    ['technologies', ['dns', 'bind-9'], 'ok'],
    ['technologies', ['BIND'], SLUG],
    ['facts', [SOURCED], 'ok'],
    ['owner', 'someone', /Unrecognized key/i],
  ]);
  // Defaults: an entry that lists nothing has empty lists.
  const parsed = entrySchema.parse(ENTRY);
  assert.deepEqual([parsed.tags, parsed.sources, parsed.symptoms, parsed.facts], [[], [], [], []]);
  // YAML reads an unquoted date as a date: it stays the same day, written back as text.
  assert.equal(entrySchema.parse({ ...ENTRY, last_reviewed: new Date('2026-11-01T00:00:00Z') }).last_reviewed, '2026-11-01');
});

test('a fact has exactly one provenance, and each of its parts is long enough to mean something', () => {
  const DERIVED = { figure: '45 minutes', measures: 'Outage duration', derived: { from: ['10:00 UTC', '10:45 UTC'], method: '10:45 - 10:00' } };
  const ILLUSTRATIVE = { figure: '100 GB', measures: 'Volume', illustrative: 'A round volume' };
  for (const fact of [SOURCED, DERIVED, ILLUSTRATIVE]) assert.deepEqual(refusal(factSchema, fact), []);
  const ONE = /a fact has exactly one of source, derived or illustrative/;
  for (const fact of [
    { figure: '45 minutes', measures: 'Outage duration' },
    { ...SOURCED, illustrative: 'A round volume' },
    { ...DERIVED, source: 'example-postmortem' },
    { ...ILLUSTRATIVE, derived: DERIVED.derived },
  ]) {
    const messages = refusal(factSchema, fact);
    assert.equal(messages.length, 1, JSON.stringify(fact));
    assert.match(messages[0]!, ONE);
  }
  check(factSchema, SOURCED, [
    ['figure', '1', 'ok'],
    ['figure', '', ANY],
    ['measures', 'Age', 'ok'],
    ['measures', 'Ag', ANY],
    ['source', 'Example', SLUG],
    ['quote', 'x', 'ok'],
    ['quote', '', ANY],
    ['page', 4, /Unrecognized key/i],
  ]);
  check(factSchema, DERIVED, [
    ['derived', { from: ['a'], method: 'a+b' }, 'ok'],
    ['derived', { from: [], method: 'a+b' }, ANY],
    ['derived', { from: [''], method: 'a+b' }, ANY],
    ['derived', { from: ['a'], method: 'ab' }, ANY],
    ['derived', { from: ['a'], method: 'a+b', note: 'x' }, ANY],
  ]);
  check(factSchema, ILLUSTRATIVE, [
    ['illustrative', 'Why', 'ok'],
    ['illustrative', 'No', ANY],
  ]);
});

test('a source: a web address, a date as precise as the source gives it, and a known kind', () => {
  assert.deepEqual(refusal(sourceSchema, SOURCE), []);
  check(sourceSchema, SOURCE, [
    ['id', 'Example', SLUG],
    ['title', 'Ab', 'ok'],
    ['title', 'A', ANY],
    ['publisher', 'AB', 'ok'],
    ['publisher', 'A', ANY],
    ['url', 'http://example.com/pm', 'ok'],
    ['url', 'ftp://example.com/pm', ANY],
    ['url', 'javascript:alert(1)', ANY],
    ['url', 'xhttps://example.com/pm', ANY],
    ['url', 'httpsx://example.com/pm', ANY],
    ['read_at', 'http://archive.example.org/pm', 'ok'],
    ['read_at', 'xhttps://archive.example.org/pm', ANY],
    ['read_at', 'httpsx://archive.example.org/pm', ANY],
    ['read_at', 'https://archive.example.org/pm', 'ok'],
    ['read_at', 'file:///etc/passwd', ANY],
    ...['2023', '2023-04', '2023-04-05'].map((v): [string, unknown, 'ok'] => ['published', v, 'ok']),
    ...['23', '2023-4', '2023-04-5', '2023/04/05', '2023-04-05x', 'x2023'].map((v): [string, unknown, RegExp] => ['published', v, /expected YYYY, YYYY-MM or YYYY-MM-DD/]),
    ['published', 999, ANY],
    ['published', 10000, ANY],
    ['published', 2023.5, ANY],
    ...['postmortem', 'engineering-blog', 'paper', 'talk', 'docs', 'filing', 'secondary'].map((v): [string, unknown, 'ok'] => ['kind', v, 'ok']),
    ['kind', 'tweet', ANY],
    ['accessed', '2026-13', /expected a date as YYYY-MM-DD/],
    ['note', 'x', /Unrecognized key/i],
  ]);
  // A bare year is read by YAML as a number, a full date as a date: both become text.
  assert.equal(sourceSchema.parse({ ...SOURCE, published: 2023 }).published, '2023');
  assert.equal(sourceSchema.parse({ ...SOURCE, published: 1000 }).published, '1000');
  assert.equal(sourceSchema.parse({ ...SOURCE, published: 9999 }).published, '9999');
  assert.equal(sourceSchema.parse({ ...SOURCE, published: new Date('2023-04-05T00:00:00Z') }).published, '2023-04-05');
});

test('a glossary term explains itself', () => {
  const TERM = { term: 'DNS', expansion: 'Domain Name System', definition: 'Names to addresses.' };
  assert.deepEqual(refusal(glossaryTermSchema, TERM), []);
  check(glossaryTermSchema, TERM, [
    ['term', 'IP', 'ok'],
    ['term', 'I', ANY],
    ['expansion', 'In', 'ok'],
    ['expansion', 'I', ANY],
    ['definition', 'Fives', 'ok'],
    ['definition', 'Four', ANY],
    ['see', 'x', /Unrecognized key/i],
  ]);
});

test('the taxonomy: the real one parses, and each constraint on a category, system and subject holds', () => {
  const taxonomy = parse(readFileSync(path.join(repoRoot, 'content/taxonomy.yaml'), 'utf8')) as { categories: object[]; systems: object[]; guarantees: object[] };
  assert.deepEqual(refusal(taxonomySchema, taxonomy), []);
  const withCategory = (change: object) => ({ ...taxonomy, categories: [{ ...taxonomy.categories[0], ...change }] });
  const withSystem = (change: object) => ({ ...taxonomy, systems: [{ ...taxonomy.systems[0], ...change }] });
  const withGuarantee = (change: object) => ({ ...taxonomy, guarantees: [{ ...taxonomy.guarantees[0], ...change }] });
  const cases: [string, object, boolean][] = [
    ['target 1', withCategory({ target: 1 }), true],
    ['target 0', withCategory({ target: 0 }), false],
    ['target 1.5', withCategory({ target: 1.5 }), false],
    ['a reason of ten characters', withCategory({ target_reason: 'Ten chars.' }), true],
    ['a reason of nine', withCategory({ target_reason: 'Nine char' }), false],
    ['each subject kind', withCategory({ subject: 'pattern' }), true],
    ['an unknown subject kind', withCategory({ subject: 'company' }), false],
    ['each group field', withCategory({ group_by: ['system', 'family', 'technologies', 'area', 'resource'] }), true],
    ['an unknown group field', withCategory({ group_by: ['owner'] }), false],
    ['a purpose that is no slug', withCategory({ purpose: 'Build' }), false],
    ['an unknown key in a category', withCategory({ owner: 'x' }), false],
    ['tier 1', withSystem({ tier: 1 }), true],
    ['tier 3', withSystem({ tier: 3 }), true],
    ['tier 0', withSystem({ tier: 0 }), false],
    ['tier 4', withSystem({ tier: 4 }), false],
    ['what is not public, in ten characters', withSystem({ public: 'Ten chars.' }), true],
    ['what is not public, in nine', withSystem({ public: 'Nine char' }), false],
    ['a definition of ten characters', withGuarantee({ definition: 'Ten chars.' }), true],
    ['a definition of nine', withGuarantee({ definition: 'Nine char' }), false],
    ['an unknown top-level key', { ...taxonomy, owners: [] }, false],
  ];
  for (const [name, value, accepted] of cases) assert.equal(refusal(taxonomySchema, value).length === 0, accepted, name);
});

test('the palette: each plane\'s text meets WCAG AA contrast on its fill, and the refusal says by how much (the formula: palette.test.ts)', () => {
  const PLANE = { class: 'edge', title: 'Edge plane', covers: 'CDN', fill: '#3B82F6', stroke: '#1D4ED8', text: '#000000' };
  assert.deepEqual(refusal(paletteSchema, { planes: [PLANE] }), []);
  assert.deepEqual(refusal(paletteSchema, { planes: [{ ...PLANE, text: '#FFFFFF' }] }), ['planes.0.text: text #FFFFFF on fill #3B82F6 has contrast 3.68:1; WCAG AA needs 4.5:1']);
  for (const hex of ['#3B82F', '3B82F6', '#3B82G6', '#3B82F6F', 'x#3B82F6']) assert.equal(refusal(paletteSchema, { planes: [{ ...PLANE, fill: hex }] }).length > 0, true, hex);
  assert.equal(refusal(paletteSchema, { planes: [{ ...PLANE, layer: 1 }] }).length, 1);
});

test('npm run schema writes every JSON Schema file and says so', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-schema-'));
  mkdirSync(path.join(dir, 'schemas'));
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'src/model/json-schema.ts')], { cwd: dir, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.stdout.trim().split('\n'), Object.keys(SCHEMA_FILES).map((file) => `wrote ${file}`));
  for (const [file, schema] of Object.entries(SCHEMA_FILES)) assert.equal(readFileSync(path.join(dir, file), 'utf8'), jsonSchemaText(schema), file);
  rmSync(dir, { recursive: true });
});

test('the JSON Schema files are up to date with the zod schema', () => {
  for (const [file, schema] of Object.entries(SCHEMA_FILES)) {
    assert.equal(readFileSync(path.join(repoRoot, file), 'utf8'), jsonSchemaText(schema), `${file}: run npm run schema`);
  }
  // Input shapes: an editor checks what authors write, so defaults are optional there.
  const entry = JSON.parse(jsonSchemaText(entrySchema)) as { required: string[]; additionalProperties: boolean };
  assert.ok(!entry.required.includes('tags') && entry.required.includes('id'));
  assert.equal(entry.additionalProperties, false);
});
