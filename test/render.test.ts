// The renderer itself, in real headless Chromium: what it keeps of Mermaid's output.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, MermaidRenderer } from '../src/diagrams/browser.ts';
import { inlineFontFaceCss } from '../src/diagrams/font.ts';
import { svgLabels } from '../src/checks/context.ts';

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
    const result = await renderer.render('mwords', source, 'light');
    assert.ok(result.ok);
    // Each drawn line of a label is one text-outer-tspan; a word cut in two ends one and starts the next.
    const lines = [...result.svg.matchAll(/<tspan[^>]*class="text-outer-tspan[^"]*"[^>]*>([\s\S]*?)<\/tspan><\/tspan>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    const text = svgLabels(result.svg).join(' | ');
    for (const word of IDENTIFIERS.filter((w) => source.includes(w))) {
      assert.ok(lines.some((l) => l.includes(word)), `"${word}" whole on one line, got ${JSON.stringify(lines)}`);
      assert.ok(text.includes(word), `"${word}" in the diagram text: ${text}`);
    }
  }
});

test('labels are measured in the site font and fit inside their boxes, shown in Chromium with that font', async () => {
  const result = await renderer.render('mfit', LONG_LABELS, 'light');
  assert.ok(result.ok);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html><head><style>${inlineFontFaceCss()}</style></head><body>${result.svg}</body></html>`);
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
