// The readable rule on real renders: a wide flowchart LR is one finding at its line, the
// same diagram drawn TB is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atlas, edit, lineOf, makeAtlas, read, TIMELINE } from './helpers.ts';
import { smallestFontSize, svgWidth } from '../src/checks/readable.ts';

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
