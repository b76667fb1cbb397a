// The security rule: one bad form per case in the fixture timeline, each reported at its
// line as the only finding. The good fixture (a safe click link, <br/> labels) is clean.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edit, lineOf, makeAtlas, onlyFinding, read, TIMELINE } from './helpers.ts';

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
