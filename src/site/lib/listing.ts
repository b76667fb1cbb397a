// How a category's listing page groups its entries: by each field of the category's
// `group_by` in content/taxonomy.yaml, in turn (a debugging guide by symptom family, then
// by technology; a migration by company).
import type { Entry } from '../../model/entry.ts';
import type { Project } from '../../model/project.ts';
import { capacityResources, comparisonAreas, debuggingFamilies, type GroupField } from '../../model/schema.ts';

export interface Group {
  key: string;
  title: string;
  entries: Entry[];
}

export const groupHeading: Record<GroupField, string> = {
  system: 'By company',
  family: 'By symptom family',
  technologies: 'By technology',
  area: 'By technology area',
  resource: 'By resource',
};

const UNSET = 'Not yet classified';

/** Groups in reading order: the schema's order for fixed values, by title otherwise; unset last. */
export function groupEntries(project: Project, entries: Entry[], field: GroupField): Group[] {
  const fixed: Partial<Record<GroupField, Record<string, string>>> = { family: debuggingFamilies, area: comparisonAreas, resource: capacityResources };
  const titleOf = (key: string) =>
    fixed[field]?.[key] ?? (field === 'system' ? project.taxonomy.systems.find((s) => s.id === key)?.title : undefined) ?? key;
  const groups = new Map<string, Entry[]>();
  for (const entry of entries) {
    const value = entry.data[field];
    const keys = Array.isArray(value) ? value : value ? [value] : [];
    for (const key of keys.length ? keys : ['']) groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const order = Object.keys(fixed[field] ?? {});
  const rank = (key: string) => (key === '' ? Infinity : order.includes(key) ? order.indexOf(key) : -1);
  return [...groups.entries()]
    .map(([key, list]) => ({ key, title: key ? titleOf(key) : UNSET, entries: list.sort((a, b) => a.data.title.localeCompare(b.data.title)) }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.title.localeCompare(b.title));
}
