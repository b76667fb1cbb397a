// The security rule: one bad form per case in the fixture timeline, each reported at its
// line as the only finding. The good fixture (a safe click link, <br/> labels) is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { securityCheck } from '../src/checks/security.ts';
import { loadProject } from '../src/model/project.ts';
import { checkContext, edit, entryFrom, fixtureText, lineOf, makeAtlas, onlyFinding, positionIn, read, TIMELINE } from './helpers.ts';

const FLOWCHART = 'flowchart LR\n';
const LABEL = 'B["Zanzibar resolvers fail"]';
const PROSE = 'A fixture: a DNS change broke resolution for a while.';

interface BadCase {
  name: string;
  change: (text: string) => string;
  message: RegExp;
  /** Text on the line the finding must point at. */
  at: string;
}

const inDiagram = (before: string) => (t: string) => t.replace(FLOWCHART, `${before}\n${FLOWCHART}`);
const inProse = (added: string) => (t: string) => t.replace(PROSE, `${PROSE}\n${added}`);

const bad: BadCase[] = [
  { name: 'init directive sets securityLevel', change: inDiagram('%%{init: {"securityLevel": "loose"}}%%'), message: /sets "securityLevel"/, at: 'securityLevel' },
  { name: 'init directive sets htmlLabels', change: inDiagram("%%{init: {'flowchart': {'htmlLabels': true}}}%%"), message: /sets "htmlLabels"/, at: 'htmlLabels' },
  { name: 'init directive sets themeCSS', change: inDiagram('%%{init: {"themeCSS": ".node rect { fill: red; }"}}%%'), message: /sets "themeCSS"/, at: 'themeCSS' },
  { name: 'CSS in a theme variable', change: inDiagram('%%{init: {"themeVariables": {"fontSize": "16px; } .label { display: none"}}}%%'), message: /CSS in a diagram theme value/, at: 'fontSize' },
  { name: 'CSS in fontFamily', change: inDiagram('%%{init: {"fontFamily": "arial; background: url(https://example.com/x.png)"}}%%'), message: /CSS in a diagram theme value/, at: 'fontFamily' },
  {
    name: 'front matter config sets securityLevel',
    change: (t) => t.replace('```mermaid\nflowchart LR', '```mermaid\n---\nconfig:\n  securityLevel: loose\n---\nflowchart LR'),
    message: /sets "securityLevel"/,
    at: '  securityLevel: loose',
  },
  { name: 'click to a javascript: target', change: (t) => t.replace('click D "https://example.com/postmortem"', 'click D "javascript:alert(1)"'), message: /click target "javascript:alert\(1\)" is not an http\(s\) or site link/, at: 'click D' },
  { name: 'click href to a data: target', change: (t) => t.replace('click D "https://example.com/postmortem"', 'click D href "data:text/html,hi"'), message: /click target "data:text\/html,hi"/, at: 'click D' },
  { name: 'click call callback', change: (t) => t.replace('click D "https://example.com/postmortem" "The postmortem"', 'click D call alert(1)'), message: /click runs a callback/, at: 'click D' },
  { name: 'click callback by name', change: (t) => t.replace('click D "https://example.com/postmortem" "The postmortem"', 'click D openPostmortem "The postmortem"'), message: /click runs a callback/, at: 'click D' },
  { name: 'raw HTML in a diagram label', change: (t) => t.replace(LABEL, 'B["Zanzibar resolvers <img src=x onerror=alert(document.domain)> fail"]'), message: /raw HTML <img src=x onerror=alert\(document\.domain\)> in a diagram label/, at: 'Zanzibar resolvers <img' },
  { name: 'a javascript: link', change: inProse('Read [the notes](javascript:alert(1)).'), message: /uses the javascript: scheme/, at: 'the notes' },
  { name: 'a data: link', change: inProse('Read [the notes](data:text/html,hi).'), message: /uses the data: scheme/, at: 'the notes' },
  { name: 'a vbscript: link', change: inProse('Read [the notes](vbscript:msgbox).'), message: /uses the vbscript: scheme/, at: 'the notes' },
  { name: 'a file: link', change: inProse('Read [the notes](file:///etc/passwd).'), message: /uses the file: scheme/, at: 'the notes' },
  { name: 'a script element in the text', change: inProse('<script>alert(1)</script>'), message: /raw HTML in the text \(<script>/, at: '<script>' },
  { name: 'an iframe in the text', change: inProse('<iframe src="https://example.com"></iframe>'), message: /raw HTML in the text \(<iframe/, at: '<iframe' },
  { name: 'a style element in the text', change: inProse('<style>main { display: none }</style>'), message: /raw HTML in the text \(<style>/, at: '<style>' },
  { name: 'an img with an event handler in the text', change: inProse('Look: <img src="x" onerror="alert(1)"> here.'), message: /raw HTML in the text \(<img src="x" onerror/, at: 'Look: <img' },
  { name: 'an event handler in a table cell', change: (t) => t.replace('| change deployed |', '| <b onclick="alert(1)">change</b> deployed |'), message: /raw HTML in the text \(<b onclick/, at: '<b onclick' },
];

for (const c of bad) {
  test(`security: ${c.name}`, async () => {
    const dir = makeAtlas();
    edit(dir, TIMELINE, c.change);
    const f = await onlyFinding(dir);
    assert.equal(f.rule, 'security', f.message);
    assert.match(f.message, c.message);
    assert.equal(f.file, TIMELINE);
    assert.equal(f.line, lineOf(read(dir, TIMELINE), c.at), `line of ${c.at}`);
    assert.ok(f.fix, 'says how to fix it');
  });
}

// The rule itself on parsed entries: each finding's exact message, fix, line and column, and
// each form that is allowed or caught.
const ctx = checkContext(loadProject(makeAtlas()));
const timeline = fixtureText(TIMELINE);
const KEY_FIX = (key: string) => `remove "${key}" from the diagram's init directive or front matter`;
const KEY_MESSAGE = (key: string) => `diagram configuration sets "${key}": the site renders every diagram with Mermaid's strict settings`;
const CSS_FIX = 'use plain values: a colour such as #1D4ED8, font names separated by commas';
const CLICK_FIX = 'link to https://... or a site path such as /incidents/';
const CALLBACK_FIX = 'link instead: click ID "https://..." or click ID "/site/path/"';
const LABEL_FIX = 'write the label as plain text; use <br/> for a line break and #lt; #gt; for literal angle brackets';
const LINK_FIX = 'link to https://... or to a relative path of another entry';
const HTML_FIX = 'write it in words, or as `inline code` when it is an example';

/** The rule's findings on the changed timeline as [line, col, message, fix], and where a needle is. */
function security(change: (text: string) => string) {
  const text = change(timeline);
  const findings = securityCheck.run(entryFrom(TIMELINE, text), ctx).map((f) => [f.line, f.col, f.message, f.fix]);
  const at = (needle: string, from = needle) => positionIn(text, needle, from);
  return { findings, at };
}

test('security rule: each unsafe configuration key, at the key', () => {
  for (const key of ['securityLevel', 'htmlLabels', 'themeCSS', 'dompurifyConfig', 'secure']) {
    const { findings, at } = security(inDiagram(`%%{init: {"${key}": "x"}}%%`));
    assert.deepEqual(findings, [[...at(`"${key}"`), KEY_MESSAGE(key), KEY_FIX(key)]], key);
  }
  // A key named only inside a longer word is not the key; a directive may span lines.
  assert.deepEqual(security(inDiagram('%%{init: {"insecureLevelName": "x"}}%%')).findings, []);
  const spanning = security(inDiagram('%%{init: {\n  "theme": "base",\n  "securityLevel": "loose"\n}}%%'));
  assert.deepEqual(spanning.findings, [[...spanning.at('"securityLevel"'), KEY_MESSAGE('securityLevel'), KEY_FIX('securityLevel')]]);
  // A line that sets an unsafe key is reported for the key alone, even when its value also carries CSS.
  const both = security(inDiagram('%%{init: {"themeCSS": "a { color: red }"}}%%'));
  assert.deepEqual(both.findings.map((f) => f[2]), [KEY_MESSAGE('themeCSS')]);
});

test('security rule: CSS in a theme value, quoted or plain YAML, at the value', () => {
  for (const value of ['16px; x', 'a { b', 'b } a', '<b>', 'a > b', 'url(x.png)', 'URL (x.png)', '@import x', 'expression(alert(1))']) {
    const { findings, at } = security(inDiagram(`%%{init: {"themeVariables": {"fontSize": "${value}"}}}%%`));
    assert.deepEqual(findings, [[...at('"fontSize"', `"${value}"`), `CSS in a diagram theme value ("${value}")`, CSS_FIX]], value);
  }
  assert.deepEqual(security(inDiagram('%%{init: {"themeVariables": {"primaryColor": "#1D4ED8", "fontFamily": "Inter, Arial"}}}%%')).findings, []);
  const plain = security((t) => t.replace('```mermaid\nflowchart LR', '```mermaid\n---\nconfig:\n  fontFamily: arial; color: red\n---\nflowchart LR'));
  assert.deepEqual(plain.findings, [[...plain.at('  fontFamily', 'arial'), 'CSS in a diagram theme value ("arial; color: red")', CSS_FIX]]);
});

test('security rule: click callbacks and click targets, at what follows the node id', () => {
  const CLICK = 'click D "https://example.com/postmortem" "The postmortem"';
  const click = (line: string) => security((t) => t.replace(CLICK, line));
  const callback = click('click D call alert(1)');
  assert.deepEqual(callback.findings, [[...callback.at('click D', 'call'), 'click runs a callback ("call alert(1)"): diagrams may only link', CALLBACK_FIX]]);
  for (const target of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,hi', ' vbscript:x']) {
    const { findings, at } = click(`click D href "${target}"`);
    assert.deepEqual(findings, [[...at('click D', 'href'), `click target "${target}" is not an http(s) or site link`, CLICK_FIX]], target);
  }
  for (const target of ['http://example.com/postmortem', 'HTTPS://example.com/postmortem', '/incidents/', '../other.md', '#impact']) {
    assert.deepEqual(click(`click D "${target}"`).findings, [], target);
  }
});

test('security rule: raw HTML in a diagram label, the first tag of a line; only <br/> is allowed', () => {
  const LABEL = 'B["Zanzibar resolvers fail"]';
  const label = (text: string) => security((t) => t.replace(LABEL, `B["${text}"]`));
  const bold = label('resolvers <b>fail</b> <i>hard</i>');
  assert.deepEqual(bold.findings, [[...bold.at('resolvers <b>', '<b>'), 'raw HTML <b> in a diagram label: only <br/> is allowed', LABEL_FIX]]);
  for (const br of ['<br>', '<br/>', '<BR />', '</br>']) assert.deepEqual(label(`resolvers${br}fail`).findings, [], br);
  // A node id before its shape is not text: `A1[` is no tag.
  assert.deepEqual(label('a < b and c > d').findings, []);
});

test('security rule: links, images and definitions with another scheme, and dangerous raw HTML, at their node', () => {
  // A block of its own before "## Impact", so that a definition is one and HTML ends where it ends.
  const prose = (added: string) => security((t) => t.replace('## Impact', `${added}\n\n## Impact`));
  for (const [markdown, needle, url] of [
    ['Read [the notes](javascript:alert(1)).', '[the notes]', 'javascript:alert(1)'],
    ['See ![the chart](data:image/svg+xml,x).', '![the chart]', 'data:image/svg+xml,x'],
    ['[notes]: vbscript:msgbox', '[notes]:', 'vbscript:msgbox'],
  ] as const) {
    const { findings, at } = prose(markdown);
    const scheme = url.slice(0, url.indexOf(':'));
    assert.deepEqual(findings, [[...at(needle), `link to "${url}" uses the ${scheme}: scheme`, LINK_FIX]], markdown);
  }
  assert.deepEqual(prose('Read [the notes](https://example.com/notes) and [this](../x.md).').findings, []);
  // An HTML block is one node, shown up to 40 characters; inline HTML is a node per tag.
  for (const [html, shown] of [
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
    ['<iframe src="https://example.com"></iframe>', '<iframe src="https://example.com"></ifra'],
    ['<object data="x.swf"></object>', '<object data="x.swf">'],
    ['<embed src="x.swf">', '<embed src="x.swf">'],
    ['<frameset><frame src="x"></frameset>', '<frameset><frame src="x"></frameset>'],
    ['<form action="https://example.com"><input></form>', '<form action="https://example.com"><inpu'],
    ['<base href="https://evil.example.com/">', '<base href="https://evil.example.com/">'],
    ['<link rel="stylesheet" href="x.css">', '<link rel="stylesheet" href="x.css">'],
    ['<meta http-equiv="refresh" content="0">', '<meta http-equiv="refresh" content="0">'],
    ['<svg><circle r="1"/></svg>', '<svg>'],
    ['<math><mi>x</mi></math>', '<math>'],
    ['<div onmouseover="alert(1)">x</div>', '<div onmouseover="alert(1)">x</div>'],
    ['<a href="javascript:alert(1)">x</a>', '<a href="javascript:alert(1)">'],
    ['<img src = "data:image/png;base64,x">', '<img src = "data:image/png;base64,x">'],
    ['<button formaction="vbscript:x">x</button>', '<button formaction="vbscript:x">'],
  ] as const) {
    const { findings, at } = prose(html);
    assert.deepEqual(findings, [[...at(html), `raw HTML in the text (${shown}): the site shows it as text and other renderers may run it`, HTML_FIX]], html);
  }
  const inline = prose('See <style>x</style> here.');
  assert.deepEqual(inline.findings.map((f) => [f[0], f[1], f[2]]), [[...inline.at('See <style>', '<style>'), 'raw HTML in the text (<style>): the site shows it as text and other renderers may run it']]);
  for (const html of ['<kbd>Ctrl</kbd>', '<details><summary>More</summary>x</details>', '<a href="https://example.com">x</a>', '<span class="note">x</span>']) {
    assert.deepEqual(prose(html).findings, [], html);
  }
});
