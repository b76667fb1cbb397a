// The truth rule, mechanised: every figure in a diagram or table is declared in
// `facts`, every declared fact still appears, and derived facts name real inputs.
import { diagramTextLines, type Entry, type TextSpan } from '../model/entry.ts';
import { canonicalText, extractFigures, normalizeFigure, startsWithMagnitude, wholeFigurePattern } from '../model/figures.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { Fact } from '../model/schema.ts';
import type { Check } from './context.ts';

/** The comparison keys a fact answers to: its whole figure and each figure inside it. */
export function factKeys(fact: Fact): string[] {
  return [normalizeFigure(fact.figure), ...extractFigures(fact.figure).map((f) => normalizeFigure(f.text))];
}

/** Every figure shown in the entry's diagrams and tables, with its place. */
export function shownFigures(entry: Entry): (TextSpan & { figure: string })[] {
  const spans = [...entry.diagrams.flatMap(diagramTextLines), ...entry.tableText];
  return spans.flatMap((span) =>
    extractFigures(span.text).map((f) => ({ figure: f.text, text: span.text, line: span.line, col: span.col + f.index })),
  );
}

export const provenanceCheck: Check = {
  id: 'provenance',
  description: 'every figure in a diagram or table is declared in facts (sourced, derived or illustrative), and every fact is used',
  run(entry, { project }) {
    const { data, yaml, file } = entry;
    const out: Finding[] = [];
    const declared = new Map<string, Fact>();
    for (const fact of data.facts) for (const key of factKeys(fact)) declared.set(key, fact);

    // A declared figure also covers the same figure shown with its unit spelled out:
    // "3.2 million" covers "3.2 million messages", "$0.17" covers "$0.17 per GB-month";
    // not with a magnitude after it: "$2" does not cover "$2 million".
    const keys = [...declared.keys()];
    const covered = (key: string) =>
      declared.has(key) ||
      keys.some((k) => /\d/.test(k) && key.startsWith(k) && !/[\d.,]/.test(key.charAt(k.length)) && !startsWithMagnitude(key.slice(k.length)));
    const reported = new Set<string>();
    for (const shown of shownFigures(entry)) {
      const key = normalizeFigure(shown.figure);
      if (covered(key) || reported.has(`${key}@${shown.line}`)) continue;
      reported.add(`${key}@${shown.line}`);
      out.push(finding(file, shown.line, shown.col, 'provenance', `figure "${shown.figure}" is not declared in facts`, {
        fix: `add a fact { figure: "${shown.figure}", measures, source + where | derived | illustrative }, or remove the figure`,
      }));
    }

    // Made canonical once: every fact is looked for in the same text.
    const body = canonicalText(entry.body);
    const inputs = new Set(data.facts.flatMap((f) => f.derived?.from.map(normalizeFigure) ?? []));
    const isIncident = project.taxonomy.categories.find((c) => c.id === data.category)?.subject === 'incident';
    data.facts.forEach((fact, i) => {
      const line = yaml.lineOf(['facts', i]);
      // Shown whole, not inside a longer number: "48" does not appear in "21:48".
      if (!wholeFigurePattern(fact.figure).test(body) && !inputs.has(normalizeFigure(fact.figure))) {
        out.push(finding(file, line, 1, 'provenance', `fact "${fact.figure}" no longer appears in the entry`, { fix: 'remove the fact, or show the figure again' }));
      }
      for (const input of fact.derived?.from ?? []) {
        if (!data.facts.some((f) => f !== fact && normalizeFigure(f.figure) === normalizeFigure(input))) {
          out.push(finding(file, yaml.lineOf(['facts', i, 'derived', 'from']), 1, 'provenance', `derived fact "${fact.figure}" uses "${input}", which is not a declared fact`, { fix: `declare "${input}" as a fact with its source` }));
        }
      }
      if (isIncident && fact.illustrative) {
        out.push(finding(file, yaml.lineOf(['facts', i, 'illustrative']), 1, 'provenance', `incident fact "${fact.figure}" is illustrative: an incident is history`, { fix: 'source the figure from the postmortem, derive it, or remove it' }));
      }
    });
    return out;
  },
};
