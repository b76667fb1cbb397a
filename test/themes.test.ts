import { test } from 'node:test';
import assert from 'node:assert/strict';
import { legibleEdgeLabels, mergeThemes } from '../src/diagrams/themes.ts';

const light =
  '<svg id="mAl" class="flowchart"><style>#mAl{fill:#333;}#mAl .edge{stroke:#333;marker-end:url(#mAl_end);}</style><defs><filter id="mAl-s"><feDropShadow flood-color="#000000"></feDropShadow></filter></defs><path class="edge" d="M0,0"/></svg>';
const dark =
  '<svg id="mBd" class="flowchart"><style>#mBd{fill:#ccc;}@keyframes dash{to{stroke-dashoffset:0;}}#mBd .edge{stroke:#ddd;marker-end:url(#mBd_end);}</style><defs><filter id="mBd-s"><feDropShadow flood-color="#FFFFFF"></feDropShadow></filter></defs><path class="edge" d="M0,0"/><linearGradient id="mBd-gradient"><stop stop-color="#ccc"></stop></linearGradient></svg>';

test('renders that differ only in colour become one SVG with the dark rules scoped to the dark theme', () => {
  const dim = ":is([data-theme='dark'] #mAl,#mAl[data-theme='dark'])";
  assert.equal(
    mergeThemes(light, dark),
    `<svg id="mAl" class="flowchart"><style>#mAl{fill:#333;}#mAl .edge{stroke:#333;marker-end:url(#mAl_end);}</style><style>${dim}{&{fill:#ccc;}& .edge{stroke:#ddd;marker-end:url(#mAl_end);}}</style><defs><filter id="mAl-s"><feDropShadow flood-color="#000000"></feDropShadow></filter></defs><path class="edge" d="M0,0"/><linearGradient id="mAl-gradient"><stop stop-color="#ccc"></stop></linearGradient></svg>`,
  );
});

test('marks coloured by the theme get a class, coloured in the dark theme below every Mermaid rule', () => {
  const merged = mergeThemes(
    light.replace('<path class="edge"', '<rect fill="#eee" stroke="#111"/><circle fill="#eee"></circle><path class="edge" stroke="#111"'),
    dark.replace('<path class="edge"', '<rect fill="#222" stroke="#999"/><circle fill="#222"></circle><path class="edge" stroke="#999"'),
  );
  const scope = ":where([data-theme='dark'] #mAl,#mAl[data-theme='dark'])";
  assert.ok(merged?.includes(`}}${scope} .atlas-dark-0{fill:#222}${scope} .atlas-dark-1{stroke:#999}</style>`), merged);
  assert.ok(
    merged?.includes('<rect fill="#eee" stroke="#111" class="atlas-dark-0 atlas-dark-1"/><circle fill="#eee" class="atlas-dark-0"></circle><path class="edge atlas-dark-1" stroke="#111" d="M0,0"/>'),
    'the light drawing keeps its colours; one class per dark colour, added to a class already there',
  );
});

test('renders whose drawings differ in more than colours are not merged', () => {
  assert.equal(mergeThemes(light, dark.replace('M0,0', 'M0,1')), undefined, 'a point');
  assert.equal(mergeThemes(light, dark.replace('<path', '<rect fill="#222"/><path')), undefined, 'a mark more');
  assert.equal(mergeThemes(light.replace('<path', '<rect fill="#eee"/><path'), dark.replace('<path', '<circle fill="#222"/><path')), undefined, 'another mark');
  assert.equal(mergeThemes(light.replace('<path', '<rect width="1"/><path'), dark.replace('<path', '<rect width="2"/><path')), undefined, 'a size');
  assert.equal(
    mergeThemes(light.replace('<path', '<rect fill="#eee"/><path'), dark.replace('<path', '<rect fill="red}body{display:none"/><path')),
    undefined,
    'a colour that could end the rule',
  );
  assert.equal(mergeThemes('<svg id="x"></svg>', dark), undefined, 'no stylesheet');
});

test('edge-label backgrounds become opaque, and dark enough in the dark theme, after Mermaid\'s own rules', () => {
  assert.equal(legibleEdgeLabels(light, 'light'), light.replace('</style>', '#mAl .edgeLabel rect{opacity:1;}</style>'));
  assert.equal(legibleEdgeLabels(dark, 'dark'), dark.replace('</style>', '#mBd .edgeLabel rect{opacity:1;fill:#3a3a3a;}</style>'));
  // Applied to both renders alike, they still merge into one SVG.
  assert.ok(mergeThemes(legibleEdgeLabels(light, 'light'), legibleEdgeLabels(dark, 'dark'))?.includes('& .edgeLabel rect{opacity:1;fill:#3a3a3a;}'));
  assert.equal(legibleEdgeLabels('<svg id="x"></svg>', 'dark'), '<svg id="x"></svg>', 'no stylesheet: unchanged');
});
