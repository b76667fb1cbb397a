// The CFO test: are the costs shown, and is every cost honest about where it came from?
import { hasSection, kindKey } from './context.ts';
import { gateCheck, type Gate } from './gate.ts';

const CURRENCY = /[$€£¥]\s?\d/;

export const cfoGate: Gate = {
  id: 'gate-cfo',
  title: 'CFO test',
  appliesTo: (entry) => ['costs', 'capacity'].includes(entry.data.category) || kindKey(entry) === 'systems/cost',
  criteria: [
    {
      label: 'infrastructure costs are shown',
      met: (entry) => entry.data.facts.some((f) => CURRENCY.test(f.figure)),
      fix: 'show at least one cost, sourced or modelled from public list prices',
    },
    {
      label: 'the cost model states its assumptions',
      met: (entry) => hasSection(entry, 'Assumptions'),
      fix: 'add a "## Assumptions" section: prices used, their date and region, quantities, what is left out',
    },
    {
      label: 'no cost is invented: every cost is sourced or derived',
      met: (entry) => entry.data.facts.filter((f) => CURRENCY.test(f.figure)).every((f) => !f.illustrative),
      fix: 'source each cost or derive it from sourced prices',
    },
  ],
};

export const cfoCheck = gateCheck(cfoGate);
