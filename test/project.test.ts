// Loading the whole atlas: registries keyed and located, every problem a finding at its
// line (never an exception), except registries the atlas cannot work without.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fillTemplate, templateFor } from '../src/model/templates.ts';
import { categoriesWithEntries, loadProject, loadTaxonomy, ProjectError, relativePath } from '../src/model/project.ts';
import { COST, edit, lineOf, makeAtlas, PALETTE_ENTRY, read, TIMELINE } from './helpers.ts';

const SOURCES = 'content/sources.yaml';
const GLOSSARY = 'content/glossary.yaml';
const summary = (dir: string) => loadProject(dir).findings.map((f) => [f.file, f.line, f.col, f.rule, f.message]);

test('a clean atlas loads every registry keyed by id or term, each record with its file and line, and its entries in path order', () => {
  const dir = makeAtlas();
  const project = loadProject(dir);
  assert.deepEqual(project.findings, []);
  const sources = read(dir, SOURCES);
  assert.deepEqual(
    [...project.sources.values()].map((s) => [s.id, s.file, s.line]),
    ['example-postmortem', 'example-price-list', 'example-unused'].map((id) => [id, SOURCES, lineOf(sources, `- id: ${id}`)]),
  );
  assert.equal(project.glossary.get('DNS')?.expansion, 'Domain Name System');
  assert.equal(project.glossary.get('DNS')?.line, lineOf(read(dir, GLOSSARY), 'term: DNS'));
  const files = project.entries.map((e) => e.file);
  assert.deepEqual(files, [...files].sort());
  assert.ok(files.includes(TIMELINE) && files.includes(COST) && files.includes(PALETTE_ENTRY));
  assert.equal(project.root, dir);
  assert.equal(project.paths.templates, path.join(dir, 'content', 'templates'));
  assert.deepEqual([...categoriesWithEntries(dir)].sort(), ['capacity', 'costs', 'debugging', 'guarantees', 'incidents']);
});

test('a duplicate source id or glossary term is a finding at the second, naming the first; the first is kept', () => {
  const dir = makeAtlas();
  edit(dir, SOURCES, (t) => t.replace('- id: example-unused', '- id: example-postmortem'));
  edit(dir, GLOSSARY, (t) => t.replace('term: UTC', 'term: DNS'));
  const sources = read(dir, SOURCES);
  const glossary = read(dir, GLOSSARY);
  assert.deepEqual(summary(dir), [
    [SOURCES, sources.split('\n').lastIndexOf('- id: example-postmortem') + 1, 1, 'registry', `duplicate id "example-postmortem" (first at line ${lineOf(sources, '- id: example-postmortem')})`],
    [GLOSSARY, glossary.split('\n').findIndex((l) => l.includes('Coordinated')) + 1, 1, 'registry', `duplicate term "DNS" (first at line ${lineOf(glossary, 'term: DNS')})`],
  ]);
  const project = loadProject(dir);
  assert.equal(project.sources.get('example-postmortem')?.title, 'Example outage report');
  assert.equal(project.glossary.get('DNS')?.expansion, 'Domain Name System');
});

test('an invalid registry item is a finding at its field, and the other items still load', () => {
  const dir = makeAtlas();
  edit(dir, SOURCES, (t) => t.replace('  kind: docs\n', '  kind: rumour\n').replace('  title: A source nobody cites\n', ''));
  const text = read(dir, SOURCES);
  const findings = summary(dir);
  assert.deepEqual(
    findings.map(([file, line, , rule, message]) => [file, line, rule, String(message).split(':')[0]]),
    [
      [SOURCES, lineOf(text, 'kind: rumour'), 'registry', '1.kind'],
      [SOURCES, lineOf(text, '- id: example-unused'), 'registry', '2.title'],
    ],
  );
  assert.deepEqual([...loadProject(dir).sources.keys()], ['example-postmortem']);
});

test('an unreadable, malformed or misshapen registry is one finding; entries still load', () => {
  const cases: [string, (dir: string) => void, unknown[]][] = [
    ['missing glossary', (dir) => rmSync(path.join(dir, GLOSSARY)), [GLOSSARY, 1, 1, 'read', 'cannot read the file (ENOENT)']],
    ['malformed sources', (dir) => edit(dir, SOURCES, (t) => t.replace('  kind: docs\n', '  kind: [docs\n')), [SOURCES, 'yaml']],
    ['sources as a map', (dir) => writeFileSync(path.join(dir, SOURCES), 'example: {}\n'), [SOURCES, 1, 1, 'schema']],
  ];
  for (const [name, change, expected] of cases) {
    const dir = makeAtlas();
    change(dir);
    const project = loadProject(dir);
    assert.equal(project.findings.length, 1, `${name}: ${JSON.stringify(project.findings)}`);
    const f = project.findings[0]!;
    const actual = expected.length === 2 ? [f.file, f.rule] : [f.file, f.line, f.col, f.rule, ...(expected.length === 5 ? [f.message] : [])];
    assert.deepEqual(actual, expected, name);
    assert.ok(project.entries.length > 0, `${name}: entries still load`);
  }
});

test('an entry that cannot be read or parsed is a finding and is left out; the rest load', () => {
  const dir = makeAtlas();
  mkdirSync(path.join(dir, 'content/entries/debugging/folder.md'), { recursive: true });
  edit(dir, COST, (t) => t.replace('status: draft', 'status: finished'));
  const project = loadProject(dir);
  assert.deepEqual(
    project.findings.map((f) => [f.file, f.line, f.rule, f.message.split(':')[0]]),
    [
      [COST, lineOf(read(dir, COST), 'status: finished'), 'schema', 'status'],
      ['content/entries/debugging/folder.md', 1, 'read', 'cannot read the file (EISDIR)'],
    ],
  );
  assert.ok(!project.entries.some((e) => e.file === COST));
  assert.equal(project.entries.length, loadProject(makeAtlas()).entries.length - 1, 'only the entry that does not parse is left out');
  assert.ok(project.entries.every((e) => typeof e.data.id === 'string'));
  assert.ok(project.entries.some((e) => e.file === TIMELINE));
});

test('without a usable taxonomy or palette the atlas cannot load, and the error names every problem with its place', () => {
  const broken = makeAtlas();
  edit(broken, 'content/taxonomy.yaml', (t) => t.replace(/target: \d+/, 'target: -1'));
  rmSync(path.join(broken, 'content/palette.yaml'));
  assert.throws(() => loadProject(broken), (error: Error) => {
    assert.ok(error instanceof ProjectError);
    const [head, ...lines] = error.message.split('\n');
    assert.equal(head, 'the atlas registries cannot be used:');
    assert.equal(lines.length, 2, error.message);
    assert.match(lines[0]!, /^content\/taxonomy\.yaml:\d+:1 {2}categories\.0\.target: /);
    assert.equal(lines[1], 'content/palette.yaml:1:1  cannot read the file (ENOENT)');
    return true;
  });
  assert.throws(() => loadTaxonomy(broken), (error: Error) => {
    assert.match(error.message, /^the atlas registries cannot be used:\ncontent\/taxonomy\.yaml:\d+:1 {2}categories\.0\.target: [^\n]+$/);
    return true;
  });
  const paletteOnly = makeAtlas();
  edit(paletteOnly, 'content/palette.yaml', (t) => t.replace('text: "#000000"', 'text: "#FFFFFF"'));
  assert.throws(() => loadProject(paletteOnly), /content\/palette\.yaml:\d+:1 {2}planes\.0\.text: text #FFFFFF on fill #3B82F6/);
  assert.equal(loadTaxonomy(paletteOnly).categories.length > 0, true, 'the taxonomy alone still loads');
});

test('paths are made relative to the root with forward slashes', () => {
  assert.equal(relativePath('/atlas', '/atlas/content/entries/a.md'), 'content/entries/a.md');
  assert.equal(relativePath('/atlas', 'content/entries/a.md'), 'content/entries/a.md');
  assert.equal(relativePath('/atlas', '/elsewhere/a.md'), '../elsewhere/a.md');
});

test('a new entry starts from its kind\'s template, or its category\'s, with every known placeholder filled', () => {
  const dir = makeAtlas();
  const project = loadProject(dir);
  assert.equal(templateFor(project, 'incidents', 'timeline'), path.join(dir, 'content/templates/incidents-timeline.md'));
  assert.equal(templateFor(project, 'debugging'), path.join(dir, 'content/templates/debugging.md'));
  const template = path.join(dir, 'template.md');
  writeFileSync(template, 'id: {{id}}\ntitle: {{title}} ({{id}})\nleft: {{unknown}} {{ spaced }}\n');
  assert.equal(fillTemplate(template, { id: 'DEB-X', title: 'X' }), 'id: DEB-X\ntitle: X (DEB-X)\nleft: {{unknown}} {{ spaced }}\n');
});
