// The dashboard's numbers, derived from the content alone: nothing is tracked twice.
import type { CheckContext } from '../checks/context.ts';
import { evaluateGate } from '../checks/gate.ts';
import { gates } from '../checks/index.ts';
import { contentHash } from '../model/frontmatter-edit.ts';
import type { Entry } from '../model/entry.ts';
import type { Project } from '../model/project.ts';
import { statusValues, type Status } from '../model/schema.ts';

export interface Coverage {
  entries: number;
  target: number;
  /** Per category: entries and their declared figures, and how many of each are reviewed. */
  categories: { id: string; title: string; target: number; targetReason: string; count: number; reviewed: number; figures: number; reviewedFigures: number }[];
  systems: { id: string; title: string; tier?: number; public?: string; kinds: Record<string, string | null> }[];
  subjects: { category: string; id: string; title: string; kinds: Record<string, string | null> }[];
  status: Record<Status, number>;
  /** Entries whose content changed since `atlas status mark-reviewed` recorded its hash. */
  changedSinceReview: string[];
  gates: { id: string; title: string; applicable: number; passed: number }[];
  figures: { total: number; sourced: number; derived: number; illustrative: number };
}

/** Each entry's content hash, computed once: the site asks on many pages, and YAML is slow to parse. */
const hashes = new WeakMap<Entry, string>();
function hashOf(entry: Entry): string {
  const hash = hashes.get(entry) ?? contentHash(entry.raw);
  hashes.set(entry, hash);
  return hash;
}

export function needsReview(entry: Entry): boolean {
  return entry.data.content_hash !== undefined && entry.data.content_hash !== hashOf(entry);
}

/** Reviewed: marked up to date, and unchanged since `atlas status mark-reviewed` recorded its hash. */
export function isReviewed(entry: Entry): boolean {
  return entry.data.status === 'up_to_date' && entry.data.content_hash === hashOf(entry);
}

function kindMatrix(project: Project, category: string, subject: string, kinds: string[]) {
  return Object.fromEntries(
    kinds.map((kind) => [kind, project.entries.find((e) => e.data.category === category && e.data.subject === subject && e.data.kind === kind)?.file ?? null]),
  );
}

export function coverage(project: Project, ctx: CheckContext): Coverage {
  const { taxonomy, entries } = project;
  const categoryById = new Map(taxonomy.categories.map((c) => [c.id, c]));
  const subjectLists = { guarantees: taxonomy.guarantees, mechanisms: taxonomy.mechanisms, patterns: taxonomy.patterns };
  const status = Object.fromEntries(statusValues.map((s) => [s, 0])) as Record<Status, number>;
  for (const e of entries) status[e.data.status]++;
  const facts = entries.flatMap((e) => e.data.facts);
  return {
    entries: entries.length,
    target: taxonomy.categories.reduce((sum, c) => sum + c.target, 0),
    categories: taxonomy.categories.map((c) => {
      const inCategory = entries.filter((e) => e.data.category === c.id);
      const reviewed = inCategory.filter(isReviewed);
      const figures = (list: Entry[]) => list.reduce((sum, e) => sum + e.data.facts.length, 0);
      return { id: c.id, title: c.title, target: c.target, targetReason: c.target_reason, count: inCategory.length, reviewed: reviewed.length, figures: figures(inCategory), reviewedFigures: figures(reviewed) };
    }),
    systems: taxonomy.systems.map((s) => ({ ...s, kinds: kindMatrix(project, 'systems', s.id, categoryById.get('systems')?.kinds ?? []) })),
    subjects: Object.entries(subjectLists).flatMap(([category, list]) =>
      list.map((s) => ({ category, id: s.id, title: s.title, kinds: kindMatrix(project, category, s.id, categoryById.get(category)?.kinds ?? []) })),
    ),
    status,
    changedSinceReview: entries.filter(needsReview).map((e) => e.file),
    gates: gates.map((gate) => {
      const results = entries.map((e) => evaluateGate(gate, e, ctx)).filter((r) => r.applies);
      return { id: gate.id, title: gate.title, applicable: results.length, passed: results.filter((r) => r.failed.length === 0).length };
    }),
    figures: {
      total: facts.length,
      sourced: facts.filter((f) => f.source).length,
      derived: facts.filter((f) => f.derived).length,
      illustrative: facts.filter((f) => f.illustrative).length,
    },
  };
}
