// The readable rule on real renders: a wide flowchart LR is one finding at its line, the
// same diagram drawn TB is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atlas, checkContext, edit, entryFrom, fixtureText, lineOf, makeAtlas, read, TIMELINE } from './helpers.ts';
import { readableCheck, smallestFontSize, svgWidth } from '../src/checks/readable.ts';
import type { RenderResult } from '../src/diagrams/browser.ts';
import type { Project } from '../src/model/project.ts';

/** Twenty more steps after the fixture's last node: a long chain of short labels. */
const chain = Array.from({ length: 20 }, (_, i) => `    ${i === 0 ? 'D' : `R${i}`} --> R${i + 1}["Relay"]`).join('\n');
const withChain = (direction: 'LR' | 'TB') => (t: string) =>
  t.replace('    C --> D["Outage lasted 45 minutes"]', `    C --> D["Outage lasted 45 minutes"]\n${chain}`).replace('flowchart LR', `flowchart ${direction}`);

interface JsonFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

test('a flowchart LR of twenty-odd nodes is one readable finding at its first line, with the size and the width it needs', async () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, withChain('LR'));
  const run = await atlas(dir, 'validate', '--json');
  assert.equal(run.code, 1, run.stderr);
  const findings = JSON.parse(run.stdout).findings as JsonFinding[];
  assert.equal(findings.length, 1, JSON.stringify(findings, null, 1));
  const [hit] = findings;
  assert.equal(hit!.rule, 'readable');
  assert.equal(hit!.file, TIMELINE);
  assert.equal(hit!.line, lineOf(read(dir, TIMELINE), 'flowchart LR'));
  assert.match(hit!.message, /labels shrink to \d+(\.\d)? px on a 1280 px page \(minimum 11 px\): the diagram is [\d,]+ px wide, at most 870 px keeps its 16 px labels readable/);
  assert.match(hit!.message, /split it .* turn a wide flowchart LR into TB, shorten labels .* move detail into a table/);
});

test('the same diagram drawn TB is readable', async () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, withChain('TB'));
  const run = await atlas(dir, 'validate', '--json');
  assert.equal(run.code, 0, run.stdout);
});

test('labels set smaller than the minimum are one finding, whatever the width', async () => {
  const dir = makeAtlas();
  edit(dir, TIMELINE, (t) => t.replace('    C --> D["Outage lasted 45 minutes"]', '    C --> D["Outage lasted 45 minutes"]\n    style D font-size:9px'));
  const run = await atlas(dir, 'validate', '--json');
  assert.equal(run.code, 1, run.stderr);
  const findings = JSON.parse(run.stdout).findings as JsonFinding[];
  assert.equal(findings.length, 1, JSON.stringify(findings, null, 1));
  assert.equal(findings[0]!.rule, 'readable');
  assert.equal(findings[0]!.line, lineOf(read(dir, TIMELINE), 'flowchart LR'));
  assert.match(findings[0]!.message, /labels are drawn at 9 px, below the 11 px minimum/);
});

test('font sizes are read from the root rule, per-type classes and inline styles; width from max-width or viewBox', () => {
  const svg = (style: string, body: string, root = 'style="max-width: 900px;" viewBox="0 0 900 100"') =>
    `<svg id="m1" width="100%" ${root}><style>${style}</style>${body}</svg>`;
  assert.equal(smallestFontSize(svg('#m1{font-family:x;font-size:14px;}', '<text>a</text>')), 14);
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}#m1 .noteText{font-size:12px;}', '<text class="noteText">a</text>')), 12);
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}#m1 .loopText{font-size:8px;}', '<text class="messageText">a</text>')), 16, 'a rule for a class the diagram does not use');
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}', '<text style="font-size: 10px; font-weight: 400;">a</text>')), 10);
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}', '<text style="font-size:0.5em !important">a</text>')), 8);
  assert.deepEqual(svgWidth(svg('', '')), { intrinsic: 900, viewBox: 900 });
  assert.deepEqual(svgWidth(svg('', '', 'viewBox="-8 -8 700.5 100"')), { intrinsic: 700.5, viewBox: 700.5 });
});

test('every font-size unit converts to px, and a value that is not a size counts as the diagram\'s own', () => {
  const svg = (style: string, body: string) => `<svg id="m1" width="100%" style="max-width: 900px;" viewBox="0 0 900 100"><style>${style}</style>${body}</svg>`;
  const inline = (value: string) => smallestFontSize(svg('#m1{font-size:16px;}', `<text style="fill:red;font-size:${value}">a</text>`));
  const cases: [string, number][] = [
    ['12px', 12], ['12', 12], [' 12px ', 12], ['12px !important', 12], ['9pt', 12], ['0.75em', 12], ['0.75rem', 12], ['75%', 12],
    ['12pxabc', 16], ['x12px', 16], ['calc(1em - 4px)', 16], ['12px foo', 16],
  ];
  for (const [value, expected] of cases) assert.equal(inline(value), expected, `font-size:${value}`);
  // em and % are of the diagram's own size, read from its root rule.
  assert.equal(smallestFontSize(svg('#m1{font-size:20px;}', '<text style="font-size:0.5em">a</text><text style="font-size:60%">b</text>')), 10);
  assert.equal(smallestFontSize(svg('#m1{font-family:x;}#m1{font-size:20px;}', '<text>a</text>')), 20, 'the root rule is the one that sets a size');
  assert.equal(smallestFontSize(svg('.a{font-size:30px;}#m1{font-size:20px;}', '<text>a</text>')), 20, 'a class rule is not the root rule');
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}', '<text font-size="8">a</text>')), 8, 'the font-size attribute');
  // A stylesheet rule counts only when it names classes, all of which the diagram uses.
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}text{font-size:8px;}', '<text>a</text>')), 16);
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}.a.b{font-size:8px;}', '<text class="a">a</text>')), 16);
  assert.equal(smallestFontSize(svg('#m1{font-size:16px;}.a.b{font-size:8px;}', '<text class="a b">a</text>')), 8);
});

test('an SVG\'s width is its max-width, else its width, else its viewBox; none is no width', () => {
  const cases: [string, { intrinsic: number; viewBox: number } | undefined][] = [
    ['<svg id="m1" style="max-width:640.5px;" width="800" viewBox="0 0 1000 100">', { intrinsic: 640.5, viewBox: 1000 }],
    ['<svg id="m1" style="max-width: 640px;" viewBox="0, 0, 1000, 100">', { intrinsic: 640, viewBox: 1000 }],
    ['<svg id="m1" width="700px" viewBox="0 0 1400 100">', { intrinsic: 700, viewBox: 1400 }],
    ['<svg id="m1" width="700">', { intrinsic: 700, viewBox: 700 }],
    ['<svg id="m1" viewBox="-8 -8 700.5 100">', { intrinsic: 700.5, viewBox: 700.5 }],
    ['<svg id="m1">', undefined],
    ['<g width="700">', undefined],
    [' <svg id="m1" width="700">', undefined],
  ];
  for (const [root, expected] of cases) assert.deepEqual(svgWidth(`${root}</svg>`), expected, root);
});

test('the rule reads each rendered diagram: the threshold, the two messages, and what it skips', () => {
  const entry = entryFrom(TIMELINE, fixtureText(TIMELINE));
  const svg = (width: number, fontSize: number) =>
    `<svg id="m1" width="100%" style="max-width: ${width}px;" viewBox="0 0 ${width} 100"><style>#m1{font-size:${fontSize}px;}</style><text>a</text></svg>`;
  const run = (rendered: RenderResult | undefined) =>
    readableCheck.run(entry, checkContext({} as Project, rendered)).map((f) => [f.line, f.rule, f.message, f.fix]);
  const line = lineOf(fixtureText(TIMELINE), 'flowchart LR');
  const fix = 'split it into smaller diagrams, turn a wide flowchart LR into TB, shorten labels (break them with <br/>), or move detail into a table';
  assert.deepEqual(run(undefined), [], 'not rendered');
  assert.deepEqual(run({ ok: false, message: 'broken' }), [], 'failed to render (the mermaid rule reports it)');
  assert.deepEqual(run({ ok: true, svg: '<svg id="m1"></svg>' }), [], 'no width to read');
  assert.deepEqual(run({ ok: true, svg: svg(598, 11) }), [], 'exactly the minimum');
  assert.deepEqual(run({ ok: true, svg: svg(1196, 16) }), [
    [line, 'readable', 'labels shrink to 8 px on a 1280 px page (minimum 11 px): the diagram is 1,196 px wide, at most 870 px keeps its 16 px labels readable (a phone would pan across 2.5 screens); ' + fix, fix],
  ]);
  assert.deepEqual(run({ ok: true, svg: svg(1200, 11) }).map(([, , message]) => (message as string).slice(0, 26)), ['labels shrink to 5.5 px on'], 'at the minimum size, too wide');
  assert.deepEqual(run({ ok: true, svg: svg(300, 10.5) }), [
    [line, 'readable', 'labels are drawn at 10.5 px, below the 11 px minimum: remove the font-size setting that makes them smaller', 'remove the font-size setting'],
  ]);
});
