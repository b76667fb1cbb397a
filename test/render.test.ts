// The renderer itself, in real headless Chromium: what it keeps of Mermaid's output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MermaidRenderer, type RenderResult, type Theme } from '../src/diagrams/browser.ts';
import { MERMAID_SCRIPT } from '../src/diagrams/mermaid-script.ts';
import { mergeThemes } from '../src/diagrams/themes.ts';

let renderer: MermaidRenderer;
before(async () => {
  renderer = await MermaidRenderer.start(1);
});
after(async () => {
  await renderer?.close();
});

const svgOf = (result: RenderResult | undefined): string => {
  assert.ok(result?.ok, 'renders');
  return result.svg;
};
const render = async (id: string, source: string, theme: Theme = 'light') => svgOf((await renderer.render(id, source, [theme])).results.get(theme));

const styleOf = (svg: string) => /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';

test('the stylesheet keeps the rules that style this diagram and drops the rest', async () => {
  const css = styleOf(await render('mtest', 'flowchart LR\n  A[one] -->|label| B[two]\n  classDef edge fill:#3B82F6,color:#000000\n  class A edge'));
  assert.match(css, /#mtestl\s*\{[^}]*font-family/, 'the root rule');
  assert.match(css, /#mtestl \.node rect/, 'node shapes');
  assert.match(css, /#mtestl \.edge rect \{ fill: rgb\(59, 130, 246\) !important/, 'the classDef');
  assert.match(css, /@keyframes/, 'at-rules are kept');
  assert.doesNotMatch(css, /\.edge-animation-slow/, 'animation classes this diagram does not use');
  assert.doesNotMatch(css, /#mtestl \.cluster rect \{/, 'subgraph rules, with no subgraph');
  const grouped = await render('mgroup', 'flowchart LR\n  subgraph G[group]\n    A --> B\n  end');
  assert.match(styleOf(grouped), /#mgroupl \.cluster rect \{/, 'with a subgraph, its rules stay');
});

test('a sequence diagram keeps its actor and message rules', async () => {
  const css = styleOf(await render('mseq', 'sequenceDiagram\n  Alice->>Bob: hello\n  Bob-->>Alice: hi', 'dark'));
  assert.match(css, /\.actor/);
  assert.match(css, /\.messageText/);
  assert.doesNotMatch(css, /\.loopText/, 'no loop in this diagram');
});

// Upstream Mermaid, unpatched, rendering each theme on its own: what the page must equal.
const FLOWCHART = 'flowchart LR\n  A[one] -->|label| B[two]\n  classDef edge fill:#3B82F6,color:#000000\n  class A edge';
const STATE = 'stateDiagram-v2\n  [*] --> S0\n  S0 --> S1: go\n  S1 --> [*]';
const OWN_THEME = '%%{init: {"theme": "forest"}}%%\nflowchart LR\n  A --> B';
const GROUPED = 'flowchart LR\n  subgraph G[group]\n    A[one] --> B[two]\n  end';

test('one render gives both themes where only the stylesheet differs, and the result is what two renders give', async () => {
  const upstream = await MermaidRenderer.start(1, readFileSync(MERMAID_SCRIPT, 'utf8'));
  try {
    for (const [id, source] of [['mflow', FLOWCHART], ['mgroup', GROUPED]] as const) {
      const once = await renderer.render(id, source, ['light', 'dark']);
      assert.equal(once.renders, 1, `${id}: one render`);
      const twice = await upstream.render(id, source, ['light', 'dark']);
      assert.equal(twice.renders, 2, 'upstream Mermaid has no hook, so it renders twice');
      const [light, dark] = [svgOf(once.results.get('light')), svgOf(once.results.get('dark'))];
      assert.equal(light, svgOf(twice.results.get('light')), `${id}: the light SVG is upstream's, byte for byte`);
      assert.notEqual(styleOf(dark), styleOf(light), 'the dark stylesheet is the dark theme');
      const withoutGradients = (svg: string | undefined) => svg?.replace(/<linearGradient\b[\s\S]*?<\/linearGradient>/g, '');
      assert.equal(withoutGradients(mergeThemes(light, dark)), withoutGradients(mergeThemes(light, svgOf(twice.results.get('dark')))), `${id}: the page is the same`);
    }
  } finally {
    await upstream.close();
  }
});

test('a diagram that colours marks with the theme, or sets its own theme, is rendered in each theme', async () => {
  for (const [id, source] of [['mstate', STATE], ['mown', OWN_THEME]] as const) {
    const rendered = await renderer.render(id, source, ['light', 'dark']);
    assert.equal(rendered.renders, 2, id);
    assert.match(svgOf(rendered.results.get('dark')), new RegExp(`<svg[^>]* id="${id}d"`), 'the dark SVG is its own render');
  }
});
