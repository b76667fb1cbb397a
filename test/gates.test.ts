// The four gates, criterion by criterion, on entries parsed from the fixtures: which kinds
// each gate applies to, and each wording or shape a criterion accepts and refuses.
// (validate.test.ts has one bad fixture per criterion, through the CLI.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cfoGate } from '../src/checks/gate-cfo.ts';
import { incidentGate } from '../src/checks/gate-incident.ts';
import { newHireGate } from '../src/checks/gate-new-hire.ts';
import { threeAmGate } from '../src/checks/gate-three-am.ts';
import { evaluateGate, gateCheck, type Gate } from '../src/checks/gate.ts';
import type { Entry } from '../src/model/entry.ts';
import { loadProject, loadTaxonomy } from '../src/model/project.ts';
import { checkContext, COST, entryFrom, fixtureText, makeAtlas, read, repoRoot, TIMELINE } from './helpers.ts';

const CAPACITY = 'content/entries/capacity/example-cache-memory.md';
const guideText = () => read(repoRoot, 'test/fixtures/gates/example-guide.md');
const entryOf = (text: string) => entryFrom('content/entries/example.md', text);

const project = loadProject(makeAtlas());
// No criterion below looks at rendered diagrams (the glossary one is tested through the CLI).
const ctx = checkContext(project);

/** The labels of the criteria the entry fails; undefined when the gate does not apply. */
function failed(gate: Gate, entry: Entry): string[] | undefined {
  const result = evaluateGate(gate, entry, ctx);
  return result.applies ? result.failed.map((c) => c.label) : undefined;
}

const label = (gate: Gate, start: string) => {
  const found = gate.criteria.find((c) => c.label.startsWith(start));
  assert.ok(found, `${gate.id} has a criterion "${start}..."`);
  return found.label;
};

test('each gate applies to the categories and kinds the spec gives it', () => {
  const taxonomy = loadTaxonomy(repoRoot);
  const keys = taxonomy.categories.flatMap((c) => (c.kinds?.length ? c.kinds.map((k) => `${c.id}/${k}`) : [c.id]));
  const appliesTo = (gate: Gate) =>
    keys.filter((key) => {
      const [category, kind] = key.split('/');
      const text = fixtureText(TIMELINE)
        .replace('category: incidents', `category: ${category}`)
        .replace('kind: timeline', kind ? `kind: ${kind}` : '');
      return gate.appliesTo(entryOf(text), project);
    });
  const incidents = keys.filter((k) => k.startsWith('incidents'));
  assert.deepEqual(appliesTo(incidentGate), [...incidents, 'systems/failure-domains', 'guarantees/failure', 'mechanisms/failure', 'patterns/failure'].sort((a, b) => keys.indexOf(a) - keys.indexOf(b)));
  assert.deepEqual(appliesTo(threeAmGate).sort(), [...incidents, 'debugging', 'systems/operations', 'systems/failure-domains'].sort());
  assert.deepEqual(appliesTo(cfoGate).sort(), ['capacity', 'costs', 'systems/cost'].sort());
  // The New Hire test reads diagrams: every kind with a diagram, none without.
  assert.deepEqual(appliesTo(newHireGate), keys);
  const noDiagram = fixtureText(TIMELINE).replace(/```mermaid[\s\S]*?```/, '');
  assert.equal(newHireGate.appliesTo(entryOf(noDiagram), project), false);
});

test('a gate finding names its gate and criterion, with a fix', () => {
  for (const gate of [incidentGate, threeAmGate, cfoGate, newHireGate]) {
    assert.match(gate.title, /\w+ test$/, `${gate.id} has a title`);
    for (const c of gate.criteria) assert.match(c.fix, /^\w+ \S+ \S+/, `${gate.id}: "${c.label}" says how to fix it`);
    assert.equal(gateCheck(gate).description, `${gate.title}: ${gate.criteria.map((c) => c.label).join('; ')}`);
  }
  const entry = entryOf(fixtureText(TIMELINE).replace('Blast radius: every', 'Affected: every'));
  const radius = incidentGate.criteria.find((c) => c.label.includes('blast radius'))!;
  assert.deepEqual(
    gateCheck(incidentGate).run(entry, ctx).map((f) => [f.file, f.line, f.rule, f.message, f.fix]),
    [[entry.file, 1, 'gate-incident', `Incident test fails: ${radius.label}`, radius.fix]],
  );
});

test('Incident test: every way of writing a duration counts as a recovery time, and other figures do not', () => {
  const recovery = label(incidentGate, 'recovery time');
  const withDuration = (figure: string) =>
    entryOf(fixtureText(TIMELINE).replace('figure: "45 minutes"', `figure: "${figure}"`).replace('D["Outage lasted 45 minutes"]', `D["Outage lasted ${figure}"]`));
  for (const figure of ['45 minutes', '1 minute', '45min', '5 mins', '2 m', '300 ms', '10 µs', '10 us', '5 ns', '30 s', '30s', '3 sec', '3 secs', '2 second', '2 seconds', '1 h', '2 hr', '2 hrs', '1 hour', '3 hours', '1 d', '1 day', '2 days', '1 week', '3 weeks']) {
    assert.deepEqual(failed(incidentGate, withDuration(figure)), [], `"${figure}" is a duration`);
  }
  for (const figure of ['45 GB', '10 requests', '45 servers', '3 regions', '5 dsecs']) {
    assert.deepEqual(failed(incidentGate, withDuration(figure)), [recovery], `"${figure}" is not a duration`);
  }
});

test('Incident test: data loss is marked in any of its spellings, across line breaks and indentation', () => {
  const marked = label(incidentGate, 'data loss');
  const base = fixtureText(TIMELINE);
  assert.deepEqual(failed(incidentGate, entryOf(base.replace(' No data was lost.', ''))), [marked]);
  for (const phrase of [
    'Data were lost.', 'Data  was  lost.', 'Data  were\n  lost.', 'Data  lost.', 'Data loss: none.', 'Data  loss: none.',
    'It lost no data.', 'It lost no customer data.', 'It lost  no\n   customer  data.', 'It lost  data.',
    'No loss of data.', 'No loss of order data.', 'No loss of any order data.', 'No loss  of  any\n  order  data.', 'No data-loss.',
  ]) {
    assert.deepEqual(failed(incidentGate, entryOf(base.replace('No data was lost.', phrase))), [], JSON.stringify(phrase));
  }
  for (const phrase of ['Data was kept.', 'It lost three customers of data.', 'No loss of all the order data.', 'We lost time.']) {
    assert.deepEqual(failed(incidentGate, entryOf(base.replace('No data was lost.', phrase))), [marked], JSON.stringify(phrase));
  }
});

test('Incident test: rollback is addressed in any of its spellings', () => {
  const rollback = label(incidentGate, 'rollback');
  const base = fixtureText(TIMELINE).replaceAll('change reverted', 'change undone').replace('The rollback restored', 'The fix restored');
  assert.deepEqual(failed(incidentGate, entryOf(base)), [rollback]);
  for (const phrase of ['It was rolled back.', 'Rolling back failed.', 'A roll back was tried.', 'A rollback was tried.', 'A rolledback change.', 'They reverted it.']) {
    assert.deepEqual(failed(incidentGate, entryOf(base.replace('The fix restored service.', `${phrase} The fix restored service.`))), [], phrase);
  }
});

test('3 AM test: recovery is shown in any of its spellings', () => {
  const recovered = label(threeAmGate, 'shows how service was recovered');
  const base = fixtureText(TIMELINE)
    .replace('change reverted, service recovered', 'change undone')
    .replaceAll('change reverted', 'change undone')
    .replace('The rollback restored service.', 'Then it worked.');
  assert.deepEqual(failed(threeAmGate, entryOf(base)), [recovered]);
  for (const phrase of ['Service recovered.', 'Restored by hand.', 'Mitigated by a reload.', 'It was rolled back.', 'A roll back.', 'A rollback.', 'Reverted.', 'Traffic failed over.', 'A fail over.', 'A failover.']) {
    assert.deepEqual(failed(threeAmGate, entryOf(base.replace('Then it worked.', phrase))), [], phrase);
  }
});

test('3 AM test: a guide\'s checks cite documentation by a web link inside "## Checks"', () => {
  const cites = label(threeAmGate, 'the checks cite');
  const guide = guideText();
  const without = guide.replace(' ([documentation](https://example.com/resolver-docs))', '');
  assert.deepEqual(failed(threeAmGate, entryOf(guide)), []);
  const cases: [string, string, string[]][] = [
    ['no link', without, [cites]],
    ['a link before the section', without.replace('## Symptom\n', '## Symptom\n\nSee [the docs](https://example.com/docs).\n'), [cites]],
    ['a link in the next section', without.replace('None in this fixture.', '[Docs](https://example.com/docs).'), [cites]],
    ['a relative link', without.replace('across servers.', 'across servers ([notes](../notes/http-docs.md)).'), [cites]],
    ['an http link on the heading\'s next line', without.replace('## Checks\n', '## Checks\n[Docs](http://example.com/docs)\n'), []],
    ['a link on the section\'s last line', without.replace('\n## Seen in incidents', '[Docs](https://example.com/docs)\n## Seen in incidents'), []],
  ];
  for (const [name, text, expected] of cases) assert.deepEqual(failed(threeAmGate, entryOf(text)), expected, name);
  // Outside a debugging guide, the citation is not asked for.
  assert.deepEqual(failed(threeAmGate, entryOf(fixtureText(TIMELINE))), []);
});

test('New Hire test: links are directional, whatever the labels and comments say', () => {
  const directional = label(newHireGate, 'data flow');
  const diagram = fixtureText(TIMELINE);
  assert.ok(diagram.includes('flowchart LR\n') && diagram.includes('    click D'));
  const withLine = (line: string, header = 'flowchart LR') =>
    entryOf(diagram.replace('flowchart LR\n', `${header}\n`).replace('    click D', `${line}\n    click D`));
  for (const line of [
    '    C -- "a --- b" --> D',
    '    C["a --- b"] --> D',
    '    C("a --- b") --> D',
    '    C{"a --- b"} --> D',
    '    C[a --- b] --> D',
    '    C(a --- b) --> D',
    '    C{a --- b} --> D',
    '    C -->|a --- b| D',
    '    C ==> D',
    '    C -.-> D',
    '    C <--> D',
    '    C --o D',
    '    %% --- storage ---',
    '    linkStyle 0 stroke-dasharray: 5---5',
    '    classDef dashed stroke-dasharray: 3---3',
  ]) {
    assert.deepEqual(failed(newHireGate, withLine(line)), [], line);
  }
  for (const line of ['    C --- D', '    C ---- D', '    C -.- D', '    C -..- D', '    C === D', '    Cclass --- D', '    C -- "a" --- D["b"]']) {
    assert.deepEqual(failed(newHireGate, withLine(line)), [directional], line);
  }
  // Only flowcharts are read, wherever their first line is.
  const sequence = fixtureText(TIMELINE).replace('## Impact', '```mermaid\nsequenceDiagram\n    A->>B: copy --- then check\n```\n\n## Impact');
  assert.deepEqual(failed(newHireGate, entryOf(sequence)), []);
  assert.deepEqual(failed(newHireGate, withLine('    C --- D', '   \n  graph LR')), [directional]);
  assert.deepEqual(failed(newHireGate, withLine('    C --- D', '  flowchart TB')), [directional]);
});

test('New Hire test: an entry needs a declared figure, and each diagram is read', () => {
  const figures = label(newHireGate, 'scale or timing');
  assert.deepEqual(failed(newHireGate, entryOf(guideText().replace(/facts:[\s\S]*?\n---/, 'facts: []\n---').replace('Wait 30 seconds for caches', 'Wait for caches'))), [figures]);
  // A second diagram with an undirected link fails the entry, though the first is fine.
  const second = fixtureText(TIMELINE).replace('## Impact', '```mermaid\nflowchart TB\n    X --- Y\n```\n\n## Impact');
  assert.deepEqual(failed(newHireGate, entryOf(second)), [label(newHireGate, 'data flow')]);
});

test('New Hire test: every diagram\'s acronyms are read from its rendering', () => {
  const glossary = label(newHireGate, 'every acronym');
  const second = entryOf(fixtureText(TIMELINE).replace('## Impact', '```mermaid\nflowchart TB\n    X --> Y\n```\n\n## Impact'));
  const svg = (label: string) => ({ ok: true as const, svg: `<svg><text>${label}</text></svg>` });
  const renders = (first: string, other: string) => ({ ...ctx, rendered: (_: Entry, index: number) => svg(index === 0 ? first : other) });
  const fails = (first: string, other: string) => evaluateGate(newHireGate, second, renders(first, other)).failed.map((c) => c.label);
  assert.deepEqual(fails('DNS resolvers', 'API calls'), []);
  assert.deepEqual(fails('DNS resolvers', 'BGP sessions'), [glossary], 'the second diagram');
  assert.deepEqual(fails('BGP sessions', 'DNS resolvers'), [glossary], 'the first diagram');
});

test('CFO test: a cost is a currency figure, spaced or not, and an illustrative one fails', () => {
  const shown = label(cfoGate, 'infrastructure costs');
  const invented = label(cfoGate, 'no cost is invented');
  const cost = fixtureText(COST);
  assert.deepEqual(failed(cfoGate, entryOf(cost)), []);
  const priced = (figure: string) =>
    entryOf(cost.replaceAll('"$2"', `"${figure}"`).replaceAll('$0.02/GB', '2 cents/GB').replace('$2 a month', `${figure} a month`).replace('Standard storage: $0.02 per GB', 'Standard storage: 2 cents/GB'));
  for (const figure of ['$2', '$ 2', '€2', '£ 2', '¥200']) assert.deepEqual(failed(cfoGate, priced(figure)), [], figure);
  for (const figure of ['2 dollars', '$x2']) assert.deepEqual(failed(cfoGate, priced(figure)), [shown], figure);
  const illustrativeCost = cost.replace('    source: example-price-list\n    where: Storage table\n    quote: "Standard storage: $0.02 per GB"', '    illustrative: "A typical price"');
  assert.deepEqual(failed(cfoGate, entryOf(illustrativeCost)), [invented]);
});

test('CFO test: a system whose costs are not public passes only by saying so in the tree and in its section', () => {
  const shown = label(cfoGate, 'infrastructure costs');
  const system = (tree: string, section: string) =>
    entryOf(
      fixtureText(COST)
        .replace('category: costs', 'category: systems\nkind: cost')
        .replace(/facts:[\s\S]*?\n---/, 'facts: []\n---')
        .replace(/```mermaid[\s\S]*?```/, `\`\`\`mermaid\nflowchart TB\n    T["Total"] --> S["${tree}"]\n\`\`\``)
        .replace('## Assumptions', `## ${section}\n\nNo figures are published.\n\n## Assumptions`),
    );
  assert.deepEqual(failed(cfoGate, system('Storage: not public', 'What is not public')), []);
  assert.deepEqual(failed(cfoGate, system('Storage', 'What is not public')), [shown]);
  assert.deepEqual(failed(cfoGate, system('Storage: not public', 'Unknowns')), [shown]);
  // One diagram that says so is enough.
  const twoTrees = system('Storage: not public', 'What is not public');
  assert.deepEqual(failed(cfoGate, entryFrom(twoTrees.file, twoTrees.raw.replace('## What is not public', '```mermaid\nflowchart TB\n    N["Network"]\n```\n\n## What is not public'))), []);
  // The same words in a costs entry do not excuse it.
  const costs = entryOf(
    fixtureText(COST)
      .replace(/facts:[\s\S]*?\n---/, 'facts: []\n---')
      .replace(/```mermaid[\s\S]*?```/, '```mermaid\nflowchart TB\n    T["Total"] --> S["Storage: not public"]\n```')
      .replace('## Assumptions', '## What is not public\n\nNothing.\n\n## Assumptions'),
  );
  assert.deepEqual(failed(cfoGate, costs), [shown]);
});

test('CFO test: every output of a capacity model is a derived fact whose inputs are declared', () => {
  const outputs = label(cfoGate, 'every output');
  const capacity = fixtureText(CAPACITY);
  assert.deepEqual(failed(cfoGate, entryOf(capacity)), []);
  const withOutputs = (rows: string, facts = '') =>
    entryOf(capacity.replace('| nodes | 5 nodes |', rows).replace('\n---\n', `\n${facts}---\n`));
  const cases: [string, Entry, string[]][] = [
    ['no figure in the outputs', withOutputs('| nodes | enough |'), [outputs]],
    ['an output that is an input', withOutputs('| nodes | 5 nodes |\n| memory | 64 GB |'), [outputs]],
    ['an output with no fact', withOutputs('| nodes | 5 nodes |\n| racks | 2 racks |'), [outputs]],
    [
      'a derived output with an undeclared input',
      withOutputs('| nodes | 5 nodes |\n| racks | 2 racks |', '  - figure: "2 racks"\n    measures: Racks\n    derived:\n      from: ["5 nodes", "3 nodes"]\n      method: "5 / 3 rounded up"\n'),
      [outputs],
    ],
    [
      'the longest declared figure is the one an output starts with',
      entryOf(capacity.replace('| nodes | 5 nodes |', '| nodes | 5 nodes needed |').replace('facts:\n', 'facts:\n  - figure: "5"\n    measures: A count\n    illustrative: "listed first, to check which fact an output is read as"\n')),
      [],
    ],
    ['an underived figure on the first line of the section', entryOf(capacity.replace('## Outputs\n', '## Outputs\n64 GB each.\n')), [outputs]],
    ['no Outputs section', entryOf(capacity.replace('## Outputs\n', '## Results\n')), [outputs]],
  ];
  for (const [name, entry, expected] of cases) assert.deepEqual(failed(cfoGate, entry), expected, name);
  // A cost is not asked of a capacity model, nor outputs of a cost model.
  assert.deepEqual(failed(cfoGate, entryOf(fixtureText(COST))), []);
});
