// The New Hire test: can someone new to the system read the diagram unaided?
import { svgLabels } from './context.ts';
import { gateCheck, type Gate } from './gate.ts';
import { acronymsIn, isExplained } from './glossary.ts';

const FLOWCHART = /^\s*(flowchart|graph)\b/;
// An undirected link, once labels are taken out: A --- B, A -.- B, A === B.
const UNDIRECTED = /(?<![-<.=ox])(-{3,}|-\.+-|={3,})(?![->.=ox])/;
const LABELS = /"[^"]*"|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|\|[^|]*\|/g;

export const newHireGate: Gate = {
  id: 'gate-new-hire',
  title: 'New Hire test',
  appliesTo: (entry) => entry.diagrams.length > 0,
  criteria: [
    {
      label: 'every acronym in the diagrams is in the glossary',
      met: (entry, ctx) =>
        entry.diagrams.every((d) => {
          const r = ctx.rendered(entry, d.index);
          return !r?.ok || svgLabels(r.svg).flatMap(acronymsIn).every((a) => isExplained(a, ctx.project.glossary));
        }),
      fix: 'add the missing acronyms to content/glossary.yaml',
    },
    {
      label: 'data flow is directional',
      met: (entry) =>
        entry.diagrams
          .filter((d) => FLOWCHART.test(d.source.split('\n').find((l) => l.trim()) ?? ''))
          .every((d) => d.source.split('\n').every((l) => /^\s*(classDef|class|style|linkStyle|click|%%)/.test(l) || !UNDIRECTED.test(l.replace(LABELS, '""')))),
      fix: 'replace undirected links (---) with arrows (-->)',
    },
    {
      label: 'scale or timing figures are included',
      met: (entry) => entry.data.facts.length > 0,
      fix: 'show at least one declared figure: a scale, a latency, a duration',
    },
  ],
};

export const newHireCheck = gateCheck(newHireGate);
