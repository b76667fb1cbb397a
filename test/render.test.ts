// The renderer itself, in real headless Chromium: what it keeps of Mermaid's output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium, MermaidRenderer, type RenderResult, type Theme } from '../src/diagrams/browser.ts';
import { inlineFontFaceCss } from '../src/diagrams/font.ts';
import { svgLabels } from '../src/checks/context.ts';
import { MERMAID_SCRIPT } from '../src/diagrams/mermaid-script.ts';
import { mergeThemes } from '../src/diagrams/themes.ts';
import { scriptOf } from '../src/diagrams/render-page.ts';

let renderer: MermaidRenderer;
before(async () => {
  renderer = await MermaidRenderer.start({ pages: 1 });
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

test('every url(#id) in an SVG points at an element it defines, and every arrowhead and icon it defines is used', async () => {
  const sources = [
    'flowchart LR\n  A[one] --> B[two]\n  B -.-> C((three))\n  C --x A',
    'stateDiagram-v2\n  [*] --> S0\n  S0 --> [*]',
    'sequenceDiagram\n  A->>B: hi\n  B-)A: async\n  A-xB: lost',
  ];
  for (const [i, source] of sources.entries()) {
    const svg = await render(`mref${i}`, source);
    const defined = new Set([...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const referenced = [...svg.matchAll(/url\((?:"|&quot;)?#([^)"&]+)/g)].map((m) => m[1]!);
    assert.ok(referenced.length > 0, `${source}: it uses arrowheads`);
    for (const id of referenced) assert.ok(defined.has(id), `${source}: url(#${id}) resolves`);
    for (const [, tag, id] of svg.matchAll(/<(marker|symbol) id="([^"]+)"/g)) assert.ok(referenced.includes(id!), `${source}: ${tag} ${id} is used`);
  }
});

test('a sequence diagram keeps its actor and message rules', async () => {
  const css = styleOf(await render('mseq', 'sequenceDiagram\n  Alice->>Bob: hello\n  Bob-->>Alice: hi', 'dark'));
  assert.match(css, /\.actor/);
  assert.match(css, /\.messageText/);
  assert.doesNotMatch(css, /\.loopText/, 'no loop in this diagram');
});

// Identifiers, hostnames and commands as the incident entries name them.
const IDENTIFIERS = ['pg_basebackup', 'max_wal_senders', 'dynamodb.us-east-1.amazonaws.com'];
const LONG_LABELS = `flowchart LR
  A["ran pg_basebackup against the primary"] -->|"resolve dynamodb.us-east-1.amazonaws.com again"| B["dynamodb.us-east-1.amazonaws.com"]
  B --> C["\`raise **max_wal_senders** then restart\`"]
  subgraph S["replica of dynamodb.us-east-1.amazonaws.com"]
    D["max_wal_senders"]
  end
  C --> D`;

test('no word is cut inside: identifiers stay whole in every label line, and so in the diagram text', async () => {
  for (const source of [LONG_LABELS, 'stateDiagram-v2\n  A: dynamodb.us-east-1.amazonaws.com max_wal_senders\n  A --> B: pg_basebackup against dynamodb.us-east-1.amazonaws.com']) {
    const svg = await render('mwords', source);
    // Each drawn line of a label is one text-outer-tspan; a word cut in two ends one and starts the next.
    const lines = [...svg.matchAll(/<tspan[^>]*class="text-outer-tspan[^"]*"[^>]*>([\s\S]*?)<\/tspan><\/tspan>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    const text = svgLabels(svg).join(' | ');
    for (const word of IDENTIFIERS.filter((w) => source.includes(w))) {
      assert.ok(lines.some((l) => l.includes(word)), `"${word}" whole on one line, got ${JSON.stringify(lines)}`);
      assert.ok(text.includes(word), `"${word}" in the diagram text: ${text}`);
    }
  }
});

test('labels are measured in the site font and fit inside their boxes, shown in Chromium with that font', async () => {
  const svg = await render('mfit', LONG_LABELS);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><head><style>${inlineFontFaceCss()}</style></head><body>${svg}</body></html>`);
    await page.evaluate(() => Promise.all([...document.fonts].map((f) => f.load())));
    const boxes = await page.evaluate(() =>
      [...document.querySelectorAll('g.node')].map((node) => {
        const text = node.querySelector('text')!.getBoundingClientRect();
        const shape = node.querySelector('rect, path, polygon')!.getBoundingClientRect();
        return { label: node.querySelector('text')!.textContent, text: [text.left, text.right, text.top, text.bottom], shape: [shape.left, shape.right, shape.top, shape.bottom] };
      }),
    );
    assert.equal(boxes.length, 4);
    for (const { label, text, shape } of boxes) {
      const [tl, tr, tt, tb] = text as [number, number, number, number];
      const [sl, sr, st, sb] = shape as [number, number, number, number];
      assert.ok(tl >= sl && tr <= sr && tt >= st && tb <= sb, `"${label}" fits its box: text ${text}, box ${shape}`);
      // Measured in another font, a long label's box would be wider than its text by more than the padding.
      if (tr - tl > 150) assert.ok(sr - sl - (tr - tl) <= 2 * 15 + 2, `"${label}" box fits its text: text ${tr - tl}, box ${sr - sl}`);
    }
  } finally {
    await browser.close();
  }
});

// Upstream Mermaid, unpatched, rendering each theme on its own: what the page must equal.
const FLOWCHART = 'flowchart LR\n  A[one] -->|label| B[two]\n  classDef edge fill:#3B82F6,color:#000000\n  class A edge';
// Start, end, choice, fork, join, a composite state and a note: Mermaid writes theme
// colours on these marks (THEMED_COLOURS in src/diagrams/browser.ts).
const STATE = [
  'stateDiagram-v2',
  '  [*] --> S0',
  '  S0 --> S1: go',
  '  state S1 {',
  '    a --> b',
  '  }',
  '  note right of S0: a note',
  '  S1 --> [*]',
  '  state c <<choice>>',
  '  S0 --> c',
  '  state f <<fork>>',
  '  c --> f',
  '  f --> S0',
  '  state j <<join>>',
  '  S0 --> j',
  '  j --> S1',
].join('\n');
const OWN_THEME = '%%{init: {"theme": "forest"}}%%\nflowchart LR\n  A --> B';
const GROUPED = 'flowchart LR\n  subgraph G[group]\n    A[one] --> B[two]\n  end';
// Participants, notes, blocks, a coloured rect and a box: Mermaid writes its fixed
// colours on these marks (FIXED_COLOURS in src/diagrams/browser.ts).
const SEQUENCE = [
  'sequenceDiagram',
  '  box Edge plane',
  '  participant C as Client',
  '  end',
  '  participant P as Server',
  '  C->>+P: request',
  '  P-->>-C: reply',
  '  Note over C,P: a note',
  '  loop every minute',
  '    C->>P: ping',
  '  end',
  '  alt ok',
  '    P->>C: done',
  '  else fails',
  '    P-xC: error',
  '  end',
  '  rect rgb(220, 230, 250)',
  '    C-)P: async',
  '  end',
].join('\n');
// Mermaid numbers some elements with a counter that runs across renders in a page.
const withoutCounters = (svg: string | undefined) => svg?.replace(/\b(actor|root-)\d+\b/g, '$1N');

test('one render gives both themes, and each is what upstream Mermaid renders in that theme, byte for byte', async () => {
  const upstream = await MermaidRenderer.start({ pages: 1, script: scriptOf(readFileSync(MERMAID_SCRIPT, 'utf8')) });
  try {
    for (const [id, source] of [['mflow', FLOWCHART], ['mgroup', GROUPED], ['mseq', SEQUENCE], ['mstate', STATE]] as const) {
      const once = await renderer.render(id, source, ['light', 'dark']);
      assert.equal(once.renders, 1, `${id}: one render`);
      const twice = await upstream.render(id, source, ['light', 'dark']);
      assert.equal(twice.renders, 2, 'upstream Mermaid has no hook, so it renders twice');
      const [light, dark] = [svgOf(once.results.get('light')), svgOf(once.results.get('dark'))].map(withoutCounters) as [string, string];
      const [upstreamLight, upstreamDark] = [svgOf(twice.results.get('light')), svgOf(twice.results.get('dark'))].map(withoutCounters) as [string, string];
      assert.equal(light, upstreamLight, `${id}: the light SVG is upstream's, byte for byte`);
      assert.notEqual(styleOf(dark), styleOf(light), 'the dark stylesheet is the dark theme');
      assert.equal(dark, upstreamDark, `${id}: the dark SVG is upstream's dark render, byte for byte, its id included`);
      const page = mergeThemes(light, dark);
      assert.ok(page, `${id}: one SVG carries both themes`);
      assert.equal(page.includes(`<linearGradient id="${id}l-gradient"`), dark.includes('<linearGradient'), `${id}: the gradient the dark theme draws with comes along`);
    }
  } finally {
    await upstream.close();
  }
});

test('a diagram that colours marks with the theme, or sets its own theme, is rendered in each theme', async () => {
  const ACTOR = 'sequenceDiagram\n  actor U as User\n  U->>U: think';
  for (const [id, source] of [['mown', OWN_THEME], ['mactor', ACTOR]] as const) {
    const rendered = await renderer.render(id, source, ['light', 'dark']);
    assert.equal(rendered.renders, 2, id);
    assert.match(svgOf(rendered.results.get('dark')), new RegExp(`<svg[^>]* id="${id}d"`), 'the dark SVG is its own render');
  }
});
