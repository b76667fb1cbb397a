// The New Hire test starts here: an acronym in a diagram is one the glossary explains.
import { finding, type Finding } from '../model/finding.ts';
import { svgLabels, type Check } from './context.ts';

const ACRONYM = /(?<![\w-])[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?=s?(?![\w-]))/g;
// Units and markers a reader does not need spelled out.
// TODO marks a template placeholder: the todo rule reports it.
const NOT_ACRONYMS = new Set(['KB', 'MB', 'GB', 'TB', 'PB', 'EB', 'KIB', 'MIB', 'GIB', 'TIB', 'AM', 'PM', 'OK', 'TODO']);

export function acronymsIn(text: string): string[] {
  return [...text.matchAll(ACRONYM)].map((m) => m[0]).filter((a) => !NOT_ACRONYMS.has(a.toUpperCase()));
}

/** Known as written, or as its family without a trailing number (RAID0 -> RAID). */
export function isExplained(acronym: string, glossary: ReadonlyMap<string, unknown>): boolean {
  return glossary.has(acronym) || glossary.has(acronym.replace(/\d+$/, ''));
}

export const glossaryCheck: Check = {
  id: 'glossary',
  description: 'every acronym in a diagram label is in content/glossary.yaml',
  run(entry, ctx) {
    const known = ctx.project.glossary;
    const out: Finding[] = [];
    for (const diagram of entry.diagrams) {
      const rendered = ctx.rendered(entry, diagram.index);
      if (!rendered?.ok) continue;
      const missing = new Set(svgLabels(rendered.svg).flatMap(acronymsIn).filter((a) => !isExplained(a, known)));
      const lines = diagram.source.split('\n');
      for (const acronym of missing) {
        const i = Math.max(0, lines.findIndex((l) => new RegExp(`(?<![\\w-])${acronym}(?![\\w-])`).test(l)));
        const col = Math.max(0, lines[i]!.indexOf(acronym)) + 1;
        out.push(finding(entry.file, diagram.line + i, col, 'glossary', `acronym "${acronym}" is not in the glossary`, { fix: `add { term: ${acronym}, expansion, definition } to content/glossary.yaml` }));
      }
    }
    return out;
  },
};
