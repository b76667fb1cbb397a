// The taxonomy rule (category, subject, kind, system, listing fields, file path) and the
// glossary rule (which words are acronyms, which are explained, where a missing one is),
// each finding with its line, message and fix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RenderResult } from '../src/diagrams/browser.ts';
import { acronymsIn, glossaryCheck, isExplained } from '../src/checks/glossary.ts';
import { taxonomyCheck } from '../src/checks/taxonomy.ts';
import type { Check } from '../src/checks/context.ts';
import { loadProject } from '../src/model/project.ts';
import { checkContext, COST, entryFrom, makeAtlas, read, TIMELINE } from './helpers.ts';

const dir = makeAtlas();
const project = loadProject(dir);
const GUIDE = 'content/entries/debugging/example-dns-timeouts.md';

function findings(check: Check, file: string, change: (t: string) => string, at = file, rendered?: RenderResult) {
  const text = change(read(dir, file));
  const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const out = check.run(entryFrom(at, text), checkContext(project, rendered));
  return { out: out.map((f) => [f.line, f.col, f.rule, f.message, f.fix]), lineOf };
}

test('taxonomy: each way an entry can be misfiled is one finding, with its line and fix', () => {
  const categories = project.taxonomy.categories.map((c) => c.id).join(', ');
  const incidentKinds = 'timeline, cascade, recovery';
  const same = (t: string) => t;
  const cases: [string, string, (t: string) => string, string | undefined, (lineOf: (s: string) => number) => unknown[][]][] = [
    ['the fixture', TIMELINE, same, undefined, () => []],
    ['unknown category', TIMELINE, (t) => t.replace('category: incidents', 'category: money'), undefined, (l) => [[l('category: money'), 1, 'taxonomy', 'unknown category "money"', `use one of: ${categories}`]]],
    ['no subject', TIMELINE, (t) => t.replace('subject: example-2020-01-01\n', ''), undefined, () => [
      [1, 1, 'taxonomy', 'category "incidents" needs a subject (incident)', 'add "subject:" naming the incident'],
      [1, 1, 'taxonomy', 'file is not where its frontmatter puts it (content/entries/incidents/timeline.md)', 'move it to content/entries/incidents/timeline.md'],
    ]],
    ...['example-2020-1-01', 'example-2020-01-01-x', 'example-20200-01-01', '2020-01-01'].map(
      (subject): [string, string, (t: string) => string, string, (lineOf: (s: string) => number) => unknown[][]] => [
        `incident subject ${subject}`,
        TIMELINE,
        (t) => t.replace('subject: example-2020-01-01', `subject: ${subject}`),
        `content/entries/incidents/${subject}/timeline.md`,
        (l) => [[l(`subject: ${subject}`), 1, 'taxonomy', `incident subject "${subject}" is not <company>-<yyyy-mm-dd>`, 'name the incident by company and start date, e.g. github-2018-10-21']],
      ],
    ),
    ['an incident subject with a one-letter company', TIMELINE, (t) => t.replace('subject: example-2020-01-01', 'subject: x-2020-01-01'), 'content/entries/incidents/x-2020-01-01/timeline.md', () => []],
    ['unknown guarantee', 'content/entries/guarantees/linearizability/implementation.md', (t) => t.replace('subject: linearizability', 'subject: eventual-magic'), 'content/entries/guarantees/eventual-magic/implementation.md', (l) => [[l('subject: eventual-magic'), 1, 'taxonomy', 'unknown guarantee "eventual-magic"', 'add it to the guarantee list in content/taxonomy.yaml, or use a known one']]],
    ['no kind', TIMELINE, (t) => t.replace('kind: timeline\n', ''), 'content/entries/incidents/example-2020-01-01/timeline.md', () => [[1, 1, 'taxonomy', 'category "incidents" needs a kind', `add "kind:" with one of: ${incidentKinds}`]]],
    ['unknown kind, and no path finding for it', TIMELINE, (t) => t.replace('kind: timeline', 'kind: story'), undefined, (l) => [[l('kind: story'), 1, 'taxonomy', 'unknown kind "story" for category "incidents"', `use one of: ${incidentKinds}`]]],
    ['a kind where the category has none', COST, (t) => t.replace('category: costs', 'category: costs\nkind: model'), undefined, (l) => [[l('kind: model'), 1, 'taxonomy', 'category "costs" has no kinds; remove "kind"', undefined]]],
    ['a listing field missing', COST, (t) => t.replace('system: github\n', ''), undefined, () => [[1, 1, 'taxonomy', 'category "costs" lists entries by system: "system" is missing', `add "system:" (see CONTRIBUTING, "${project.taxonomy.categories.find((c) => c.id === 'costs')!.title}")`]]],
    ['a listing list left empty', GUIDE, (t) => t.replace(/technologies: \[[^\]]*\]/, 'technologies: []'), undefined, () => [[1, 1, 'taxonomy', 'category "debugging" lists entries by technologies: "technologies" is missing', `add "technologies:" (see CONTRIBUTING, "${project.taxonomy.categories.find((c) => c.id === 'debugging')!.title}")`]]],
    ['unknown system', COST, (t) => t.replace('system: github', 'system: acme'), undefined, (l) => [[l('system: acme'), 1, 'taxonomy', 'unknown system "acme"', 'use a system id from content/taxonomy.yaml, or drop the field']]],
    ['a kind file in the wrong folder', TIMELINE, same, 'content/entries/incidents/example-2020-01-02/timeline.md', () => [[1, 1, 'taxonomy', 'file is not where its frontmatter puts it (content/entries/incidents/example-2020-01-01/timeline.md)', 'move it to content/entries/incidents/example-2020-01-01/timeline.md']]],
    ['a kind file under another name', TIMELINE, same, 'content/entries/incidents/example-2020-01-01/recovery.md', () => [[1, 1, 'taxonomy', 'file is not where its frontmatter puts it (content/entries/incidents/example-2020-01-01/timeline.md)', 'move it to content/entries/incidents/example-2020-01-01/timeline.md']]],
    ['a file without kind outside its category', COST, same, 'content/entries/capacity/example-storage.md', () => [[1, 1, 'taxonomy', 'file is not under content/entries/costs/', 'move it under content/entries/costs/']]],
    ['a file without kind in a folder whose name starts like its category', COST, same, 'content/entries/costs-old/example-storage.md', () => [[1, 1, 'taxonomy', 'file is not under content/entries/costs/', 'move it under content/entries/costs/']]],
    ['a file without kind anywhere under its category', COST, same, 'content/entries/costs/storage/example-storage.md', () => []],
  ];
  for (const [name, file, change, at, expected] of cases) {
    const { out, lineOf } = findings(taxonomyCheck, file, change, at ?? file);
    assert.deepEqual(out, expected(lineOf), name);
  }
});

test('glossary: which words are acronyms', () => {
  const cases: [string, string[]][] = [
    ['DNS and TLS', ['DNS', 'TLS']],
    ['APIs', ['API']],
    ['RAID0 and IPv4', ['RAID0']],
    ['S3 and EC2', ['EC2']],
    ['A B', []],
    ['OK at 2 AM, 4 PM, 5 GB, 1 TiB, 2 MiB, TODO', []],
    ['non-DNS DNS-based foo_DNS', []],
    ['HTTP/2 and gRPC', ['HTTP']],
    ['P99 p99 X2Y', ['X2Y']],
    ['SLOs, SLAs', ['SLO', 'SLA']],
    ['DNSSEC', ['DNSSEC']],
    ['DNSx', []],
  ];
  for (const [text, expected] of cases) assert.deepEqual(acronymsIn(text), expected, text);
  const glossary = new Map([['RAID', 1], ['DNS', 1]]);
  assert.equal(isExplained('DNS', glossary), true);
  assert.equal(isExplained('RAID10', glossary), true, 'a family with a number');
  assert.equal(isExplained('DNS2X', glossary), false);
  assert.equal(isExplained('TLS', glossary), false);
});

test('glossary: a missing acronym is reported once, at the diagram line and column where it is written', () => {
  const svg = (labels: string[]) => `<svg id="m1">${labels.map((l) => `<text>${l}</text>`).join('')}</svg>`;
  const withLabels = (t: string) => t.replace('B["Zanzibar resolvers fail"]', 'B["BGP and TLS<br/>fail"]').replace('C --> D', 'C --> D\n    D --> E["BGP again"]');
  const { out, lineOf } = findings(glossaryCheck, TIMELINE, withLabels, TIMELINE, { ok: true, svg: svg(['BGP and TLS fail', 'BGP again', 'DNS', 'Outage &amp; MTTR']) });
  const bgp = lineOf('BGP and TLS');
  const text = withLabels(read(dir, TIMELINE)).split('\n');
  assert.deepEqual(out, [
    [bgp, text[bgp - 1]!.indexOf('BGP') + 1, 'glossary', 'acronym "BGP" is not in the glossary', 'add { term: BGP, expansion, definition } to content/glossary.yaml'],
    [bgp, text[bgp - 1]!.indexOf('TLS') + 1, 'glossary', 'acronym "TLS" is not in the glossary', 'add { term: TLS, expansion, definition } to content/glossary.yaml'],
    [lineOf('flowchart LR'), 1, 'glossary', 'acronym "MTTR" is not in the glossary', 'add { term: MTTR, expansion, definition } to content/glossary.yaml'],
  ]);
  // Only a rendered diagram is read: unrendered or failed, there is nothing to check.
  assert.deepEqual(findings(glossaryCheck, TIMELINE, withLabels, TIMELINE, undefined).out, []);
  assert.deepEqual(findings(glossaryCheck, TIMELINE, withLabels, TIMELINE, { ok: false, message: 'broken' }).out, []);
});
