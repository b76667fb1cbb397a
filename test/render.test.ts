// The renderer itself, in real headless Chromium: what it keeps of Mermaid's output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MermaidRenderer } from '../src/diagrams/browser.ts';

let renderer: MermaidRenderer;
before(async () => {
  renderer = await MermaidRenderer.start(1);
});
after(async () => {
  await renderer?.close();
});

const styleOf = (svg: string) => /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';

test('the stylesheet keeps the rules that style this diagram and drops the rest', async () => {
  const result = await renderer.render('mtest', 'flowchart LR\n  A[one] -->|label| B[two]\n  classDef edge fill:#3B82F6,color:#000000\n  class A edge', 'light');
  assert.ok(result.ok);
  const css = styleOf(result.svg);
  assert.match(css, /#mtest\s*\{[^}]*font-family/, 'the root rule');
  assert.match(css, /#mtest \.node rect/, 'node shapes');
  assert.match(css, /#mtest \.edge rect \{ fill: rgb\(59, 130, 246\) !important/, 'the classDef');
  assert.match(css, /@keyframes/, 'at-rules are kept');
  assert.doesNotMatch(css, /\.edge-animation-slow/, 'animation classes this diagram does not use');
  assert.doesNotMatch(css, /#mtest \.cluster rect \{/, 'subgraph rules, with no subgraph');
  const grouped = await renderer.render('mgroup', 'flowchart LR\n  subgraph G[group]\n    A --> B\n  end', 'light');
  assert.ok(grouped.ok);
  assert.match(styleOf(grouped.svg), /#mgroup \.cluster rect \{/, 'with a subgraph, its rules stay');
});

test('a sequence diagram keeps its actor and message rules', async () => {
  const result = await renderer.render('mseq', 'sequenceDiagram\n  Alice->>Bob: hello\n  Bob-->>Alice: hi', 'dark');
  assert.ok(result.ok);
  const css = styleOf(result.svg);
  assert.match(css, /\.actor/);
  assert.match(css, /\.messageText/);
  assert.doesNotMatch(css, /\.loopText/, 'no loop in this diagram');
});
