// The CFO test: are the costs shown, and is every cost honest about where it came from?
import type { Entry } from '../model/entry.ts';
import { extractFigures, normalizeFigure } from '../model/figures.ts';
import { hasSection, kindKey, sectionLines } from './context.ts';
import { gateCheck, type Gate } from './gate.ts';

const CURRENCY = /[$€£¥]\s?\d/;

/**
 * A system whose company publishes no cost, and no quantities to model one from, passes
 * by saying so where the reader looks: in the cost tree and in "What is not public".
 */
function saysNothingIsPublic(entry: Entry): boolean {
  return kindKey(entry) === 'systems/cost' && hasSection(entry, 'What is not public') && entry.diagrams.some((d) => /not public/i.test(d.source));
}

/** A capacity model's outputs (figures in its "## Outputs" section) are derived from inputs it declares. */
function outputsDerived(entry: Entry): boolean {
  const section = sectionLines(entry, 'Outputs');
  if (!section) return false;
  const lines = entry.raw.split('\n').slice(section.from - 1, section.to);
  const figures = lines.flatMap((l) => extractFigures(l).map((f) => normalizeFigure(f.text)));
  const facts = entry.data.facts.map((f) => ({ ...f, key: normalizeFigure(f.figure) }));
  const declared = new Set(facts.map((f) => f.key));
  // The longest declared figure the output starts with ("12 servers" for "12 servers needed").
  const factOf = (figure: string) => facts.filter((f) => figure.startsWith(f.key)).sort((a, b) => b.key.length - a.key.length)[0];
  return (
    figures.length > 0 &&
    figures.every((figure) => {
      const fact = factOf(figure);
      return !!fact?.derived && fact.derived.from.every((input) => declared.has(normalizeFigure(input)));
    })
  );
}

export const cfoGate: Gate = {
  id: 'gate-cfo',
  title: 'CFO test',
  appliesTo: (entry) => ['costs', 'capacity'].includes(entry.data.category) || kindKey(entry) === 'systems/cost',
  criteria: [
    {
      label: 'infrastructure costs are shown, or said plainly not to be public',
      appliesTo: (entry) => entry.data.category !== 'capacity',
      met: (entry) => entry.data.facts.some((f) => CURRENCY.test(f.figure)) || saysNothingIsPublic(entry),
      fix: 'show at least one cost, sourced or modelled from public list prices; for a system whose company publishes none, mark the cost tree\'s lines "not public" and say what is missing under "## What is not public"',
    },
    {
      label: 'the model states its assumptions',
      met: (entry) => hasSection(entry, 'Assumptions'),
      fix: 'add a "## Assumptions" section: prices used, their date and region, quantities, what is left out',
    },
    {
      label: 'no cost is invented: every cost is sourced or derived',
      met: (entry) => entry.data.facts.filter((f) => CURRENCY.test(f.figure)).every((f) => !f.illustrative),
      fix: 'source each cost or derive it from sourced prices',
    },
    {
      label: 'every output of the model is derived from declared inputs',
      appliesTo: (entry) => entry.data.category === 'capacity',
      met: outputsDerived,
      fix: 'in "## Outputs", show only figures declared as `derived` facts whose `from` lists figures declared in the entry',
    },
  ],
};

export const cfoCheck = gateCheck(cfoGate);
