// The sanitiser (the DOMPurify pass after Mermaid), fed hostile SVG directly: Mermaid's
// strict security level is not there to help, so each case fails if the pass is removed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { MermaidRenderer } from '../src/diagrams/browser.ts';

let renderer: MermaidRenderer;
before(async () => {
  renderer = await MermaidRenderer.start({ pages: 1 });
});
after(async () => {
  await renderer?.close();
});

const svg = (inner: string) => `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">${inner}</svg>`;

const hostile: { name: string; input: string; banned: RegExp[]; kept?: RegExp[] }[] = [
  {
    name: 'event handlers',
    input: svg('<g onclick="alert(1)" onload="alert(2)"><rect width="5" height="5" onmouseover="alert(3)" ONFOCUS="alert(4)"/></g><animate onbegin="alert(5)" attributeName="x"/><set attributeName="onclick" to="alert(6)"/>'),
    banned: [/\son\w+\s*=/i, /alert/],
    kept: [/<rect/],
  },
  {
    name: 'script elements',
    input: svg('<script>alert(1)</script><script xlink:href="https://evil.example/x.js"></script><g><text>label</text></g>'),
    banned: [/<script/i, /alert/, /evil/],
    kept: [/<text>label<\/text>/],
  },
  {
    name: 'foreignObject with script and iframe',
    input: svg('<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script><iframe src="javascript:alert(2)"></iframe><img src="x" onerror="alert(3)"/></div></foreignObject><embed src="x.swf"/><object data="x.html"></object>'),
    banned: [/<foreignObject/i, /<script/i, /<iframe/i, /<embed/i, /<object/i, /onerror/i, /alert/],
  },
  {
    name: 'javascript: and data: links in href and xlink:href',
    input: svg(
      '<a href="javascript:alert(1)"><text>a</text></a><a xlink:href="javascript:alert(2)"><text>b</text></a>' +
        '<a href=" JaVaScRiPt:alert(3)"><text>c</text></a><a href="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;"><text>d</text></a>' +
        '<a xlink:href="data:image/svg+xml;base64,PHN2Zz4="><text>e</text></a><a href="vbscript:x"><text>f</text></a><a href="//evil.example/"><text>g</text></a>' +
        '<use href="data:image/svg+xml,&lt;svg onload=alert(5)&gt;"/>' +
        '<a href="https://example.com/safe"><text>h</text></a><a href="/incidents/x/"><text>i</text></a><a href="#anchor"><text>j</text></a>',
    ),
    banned: [/javascript/i, /data:/i, /vbscript/i, /evil\.example/, /alert/],
    kept: [/href="https:\/\/example\.com\/safe"/, /href="\/incidents\/x\/"/, /href="#anchor"/],
  },
  {
    name: 'CSS breaking out of a stylesheet',
    input: svg('<style>.a{fill:red}</style><script>alert(1)</script><style>.b{fill:blue}</style><style>.c{fill:red}&lt;/style&gt;&lt;script&gt;alert(2)&lt;/script&gt;</style>'),
    banned: [/<script/i, /<\/style>\s*<script/i, /&lt;script/i, /&lt;\/style/i],
    kept: [/\.a\{fill:red\}/],
  },
  {
    name: 'CSS imports, script URLs and expressions',
    input: svg(
      '<style>@import url("https://evil.example/x.css");@import "https://evil.example/y.css";' +
        '.a{background:url(javascript:alert(1))}.b{width:expression(alert(2))}.c{fill:url("https://evil.example/t.svg#p")}' +
        '.d{behavior:url(x.htc);-moz-binding:url(x.xml#b)}.e{marker-end:url(#arrow)}</style>' +
        '<rect style="fill:url(javascript:alert(3));width:expression(alert(4))"/><rect style="fill:#123456"/>',
    ),
    banned: [/@import/i, /javascript/i, /expression\s*\(/i, /evil\.example/, /behavior\s*:/i, /-moz-binding/i, /x\.htc/, /alert/],
    kept: [/url\(#arrow\)/, /fill:#123456/],
  },
];

for (const c of hostile) {
  test(`sanitiser: ${c.name}`, async () => {
    const clean = await renderer.sanitize(c.input);
    for (const pattern of c.banned) assert.doesNotMatch(clean, pattern, `the DOMPurify pass let ${c.name} through (${pattern}):\n${clean}`);
    for (const pattern of c.kept ?? []) assert.match(clean, pattern, `the sanitiser removed safe content (${pattern}):\n${clean}`);
  });
}

test('sanitiser: hostile CSS a diagram adds to its stylesheet is cleaned from both themes, the one derived from the first render included', async () => {
  // themeCSS leaves the theme as the site's, so the dark SVG is derived from the light render.
  const source = [
    '%%{init: {"themeCSS": ".node rect { fill: url(https://evil.example/a.svg); stroke: #123456 }"}}%%',
    'flowchart TB',
    '  A[Client] --> B[Server]',
  ].join('\n');
  const rendered = await renderer.render('mevil', source, ['light', 'dark']);
  assert.equal(rendered.renders, 1, 'the dark SVG comes from the light render');
  for (const theme of ['light', 'dark'] as const) {
    const result = rendered.results.get(theme);
    assert.ok(result?.ok, `${theme} renders`);
    assert.doesNotMatch(result.svg, /evil\.example/, `${theme}: the url() is gone`);
    assert.match(result.svg, /\.node rect \{ fill: none; stroke: rgb\(18, 52, 86\); \}/, `${theme}: the rest of the rule stays`);
  }
});
