// Reading one entry file: where its frontmatter ends, and the file line and column of each
// diagram, heading, link and table cell; YAML and schema errors at their lines; findings
// ordered by place. Every finding in the atlas points at a line this code computed.
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byPosition, finding, formatFinding } from '../src/model/finding.ts';
import { diagramClicks, frontmatterEndLine, parseEntry, type Entry } from '../src/model/entry.ts';
import { parseYaml } from '../src/model/yaml-source.ts';

const FRONTMATTER = [
  '---',
  'id: DEB-EXAMPLE',
  'title: "Example"',
  'description: An example entry for the reader.',
  'category: debugging',
  'version: "1.0"',
  'status: draft',
  'last_reviewed: 2026-11-01',
  'facts:',
  '  - figure: "30 seconds"',
  '    measures: Cache expiry',
  '    illustrative: "A round number"',
  '---',
];
const BODY = [
  '', // 14
  'Intro with a [link](../a.md) and a [reference][ref].', // 15
  '', // 16
  '```mermaid', // 17
  'flowchart TB', // 18
  '    A --> B', // 19
  '```', // 20
  '', // 21
  '## First `check` here ', // 22
  '', // 23
  '### A third-level heading', // 24
  '', // 25
  '```sh', // 26
  'echo not a diagram', // 27
  '```', // 28
  '', // 29
  '| part | value |', // 30
  '| --- | --- |', // 31
  '| cache | `30 seconds` then [docs](https://example.com/d) |', // 32
  '', // 33
  '## Second', // 34
  '', // 35
  '```mermaid', // 36
  'sequenceDiagram', // 37
  '```', // 38
  '', // 39
  '[ref]: https://example.com/ref', // 40
];

function parsed(lines: string[] = [...FRONTMATTER, ...BODY], eol = '\n'): Entry {
  const result = parseEntry('content/entries/debugging/example.md', lines.join(eol));
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.findings));
  return result.entry;
}

test('an entry knows where its frontmatter ends, with LF or CRLF line ends', () => {
  for (const eol of ['\n', '\r\n']) {
    const entry = parsed(undefined, eol);
    assert.equal(entry.frontmatterEnd, 13, JSON.stringify(eol));
    assert.equal(entry.data.id, 'DEB-EXAMPLE');
    assert.ok(entry.body.startsWith(`${eol}Intro with`), JSON.stringify(eol));
  }
  assert.equal(frontmatterEndLine([...FRONTMATTER, ...BODY].join('\n')), 13);
  assert.equal(frontmatterEndLine('No frontmatter here.\n---\n'), 0);
});

test('diagrams, level-2 headings, links and table cells carry their file lines and columns', () => {
  const entry = parsed();
  assert.deepEqual(entry.diagrams, [
    { index: 0, source: 'flowchart TB\n    A --> B', line: 18 },
    { index: 1, source: 'sequenceDiagram', line: 37 },
  ]);
  assert.deepEqual(entry.headings, [
    { text: 'First check here', line: 22, col: 1 },
    { text: 'Second', line: 34, col: 1 },
  ]);
  assert.deepEqual(entry.links, [
    { url: '../a.md', line: 15, col: 14 },
    { url: 'https://example.com/d', line: 32, col: 29 },
    { url: 'https://example.com/ref', line: 40, col: 1 },
  ]);
  assert.deepEqual(
    entry.tableText.map((t) => [t.text, t.line, t.col]),
    [['part', 30, 3], ['value', 30, 10], ['cache', 32, 3], ['30 seconds', 32, 11], [' then ', 32, 23], ['docs', 32, 30]],
  );
  assert.equal(entry.tree.type, 'root');
});

test('a file without frontmatter, with broken YAML or with a refused field is one finding at its line', () => {
  const file = 'content/entries/debugging/example.md';
  const without = parseEntry(file, BODY.join('\n'));
  assert.deepEqual(without.ok ? [] : without.findings.map((f) => [f.line, f.col, f.rule, f.message]), [
    [1, 1, 'frontmatter', 'no YAML frontmatter: the file must start with a line "---", the YAML, and a closing "---"'],
  ]);
  const broken = parseEntry(file, [...FRONTMATTER.slice(0, 6), 'status: draft: yes', ...FRONTMATTER.slice(7), ...BODY].join('\n'));
  assert.deepEqual(broken.ok ? [] : broken.findings.map((f) => [f.line, f.rule]), [[7, 'yaml']]);
  assert.match(broken.ok ? '' : broken.findings[0]!.message, /^malformed YAML: (?!.*at line)/);
  const refused = parseEntry(file, [...FRONTMATTER.slice(0, 6), 'status: finished', ...FRONTMATTER.slice(7), ...BODY].join('\n'));
  assert.deepEqual(refused.ok ? [] : refused.findings.map((f) => [f.line, f.col, f.rule, f.message.split(':')[0]]), [[7, 1, 'schema', 'status']]);
  // A duplicate key is refused, at the second one.
  const twice = parseEntry(file, [...FRONTMATTER.slice(0, 7), 'status: draft', ...FRONTMATTER.slice(7), ...BODY].join('\n'));
  assert.deepEqual(twice.ok ? [] : twice.findings.map((f) => [f.line, f.rule]), [[8, 'yaml']]);
  // A key the schema does not know is named, at its line.
  const unknown = parseEntry(file, [...FRONTMATTER.slice(0, 7), 'owner: someone', ...FRONTMATTER.slice(7), ...BODY].join('\n'));
  assert.deepEqual(unknown.ok ? [] : unknown.findings.map((f) => [f.line, f.rule, f.message]), [[2, 'schema', 'Unrecognized key: "owner"']]);
  // An empty frontmatter is the schema's finding, not a crash.
  const empty = parseEntry(file, ['---', '', '---', ...BODY].join('\n'));
  assert.equal(empty.ok, false);
  assert.ok(!empty.ok && empty.findings.every((f) => f.rule === 'schema' && f.line === 2));
});

test('a YAML path resolves to its own line, or to its nearest parent that exists', () => {
  const parsedYaml = parseYaml(FRONTMATTER.slice(1, -1).join('\n'), 'x.md', 2);
  assert.ok(parsedYaml.ok);
  const { lineOf } = parsedYaml.yaml;
  assert.equal(lineOf(['status']), 7);
  assert.equal(lineOf(['facts', 0, 'measures']), 11);
  assert.equal(lineOf(['facts', 0, 'source']), 10, 'a missing key: its fact');
  assert.equal(lineOf(['facts', 5]), 10, 'a missing item: its list, which starts at its first item');
  assert.equal(lineOf(['owner']), 2, 'nothing of the path: the first line');
  const commented = parseYaml('# a comment\na: 1', 'x.md', 1);
  assert.ok(commented.ok);
  assert.equal(commented.yaml.lineOf(['b']), 2, 'nothing of the path: the document, where its first key is');
  const bare = parseYaml('a: 1\nb: 2', 'x.md');
  assert.ok(bare.ok);
  assert.equal(bare.yaml.lineOf(['b']), 2, 'lines count from 1 unless told');
});

test('diagram click lines: a target, an href target, single quotes, or a callback', () => {
  const diagram = { index: 0, line: 10, source: 'flowchart TB\n  click A "../a.md"\nclick B href \'/x/\' "tip"\n    click C callFn\nA --> B' };
  assert.deepEqual(diagramClicks(diagram), [
    { node: 'A', target: '../a.md', rest: '"../a.md"', line: 11, col: 11 },
    { node: 'B', target: '/x/', rest: 'href \'/x/\' "tip"', line: 12, col: 9 },
    { node: 'C', target: undefined, rest: 'callFn', line: 13, col: 13 },
  ]);
});

test('findings sort by file, line, column and rule; a fix is kept only when there is one; warnings say so', () => {
  const a = finding('b.md', 2, 5, 'links', 'x');
  const sorted = [finding('b.md', 2, 5, 'yaml', 'x'), finding('b.md', 10, 1, 'x', 'x'), a, finding('b.md', 2, 1, 'x', 'x'), finding('a.md', 99, 1, 'x', 'x')].sort(byPosition);
  assert.deepEqual(sorted.map((f) => `${f.file}:${f.line}:${f.col}:${f.rule}`), ['a.md:99:1:x', 'b.md:2:1:x', 'b.md:2:5:links', 'b.md:2:5:yaml', 'b.md:10:1:x']);
  assert.deepEqual(a, { file: 'b.md', line: 2, col: 5, rule: 'links', message: 'x', severity: 'error' });
  assert.equal(finding('b.md', 1, 1, 'r', 'm', { fix: 'do it' }).fix, 'do it');
  assert.equal('fix' in finding('b.md', 1, 1, 'r', 'm', { fix: '' }), false);
  assert.equal(finding('b.md', 1, 1, 'r', 'm', { severity: 'warning' }).severity, 'warning');
  // In colour, an error's rule is red and a warning's yellow.
  const script = `import { finding, formatFinding } from ${JSON.stringify(new URL('../src/model/finding.ts', import.meta.url).href)};
    for (const severity of ['error', 'warning']) console.log(formatFinding(finding('b.md', 1, 1, 'r', 'm', { severity })));`;
  const coloured = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '1', NO_COLOR: '' } });
  assert.deepEqual(coloured.stdout.split('\n').slice(0, 2).map((l) => /\x1b\[(3[13])mr\x1b/.exec(l)?.[1]), ['31', '33'], coloured.stderr);
  const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
  assert.equal(plain(formatFinding(a)), 'b.md:2:5  links  x');
  assert.equal(plain(formatFinding(finding('b.md', 1, 1, 'r', 'm', { severity: 'warning' }))), 'b.md:1:1  r  m');
});
