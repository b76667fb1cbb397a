// The pages of the site, derived from the content: where a link inside the atlas may
// point, and which subjects a diagram label can name. Paths are site paths without the
// base path (`/incidents/x/timeline/`).
import path from 'node:path';
import { diagramClicks, type Entry } from './entry.ts';
import type { Project } from './project.ts';
import type { Taxonomy } from './schema.ts';

/** The site path of an entry file (content/entries/a/b/c.md -> /a/b/c/). */
export function entryPath(file: string): string {
  return `/${file.replace(/^content\/entries\//, '').replace(/\.md$/, '').toLowerCase()}/`;
}

export const hubPath = (category: string, subject: string) => `/${category}/${subject}/`;

/** The categories whose subjects the taxonomy lists, with their lists; incidents name their own. */
const subjectLists = (taxonomy: Taxonomy): Record<string, { id: string; title: string }[]> => ({
  systems: taxonomy.systems,
  guarantees: taxonomy.guarantees,
  mechanisms: taxonomy.mechanisms,
  patterns: taxonomy.patterns,
});

/** Pages every atlas has, whatever its content. */
const FIXED_PAGES = ['/', '/respond/', '/dashboard/', '/sources/', '/glossary/', '/style-guide/', '/systems/'];

/** Every page the site builds: fixed pages, category listings, hubs and entries. */
export function sitePages(project: Project): Set<string> {
  const pages = new Set(FIXED_PAGES);
  const { taxonomy } = project;
  const listed = subjectLists(taxonomy);
  for (const category of taxonomy.categories) {
    const entries = project.entries.filter((e) => e.data.category === category.id);
    if (entries.length) pages.add(`/${category.id}/`);
    if (!category.subject) continue;
    for (const subject of [...(listed[category.id] ?? []).map((s) => s.id), ...entries.map((e) => e.data.subject!)]) pages.add(hubPath(category.id, subject));
  }
  for (const entry of project.entries) pages.add(entryPath(entry.file));
  return pages;
}

export interface Subject {
  /** The words a label names it by: a system, guarantee, mechanism or pattern title, or an incident's name. */
  name: string;
  path: string;
}

/** The title of a hub's subject: from the taxonomy, or for an incident its entries' name. */
export function subjectTitle(project: Project, category: string, subject: string): string {
  if (category === 'incidents') {
    // An incident is named by its entries' titles ("Slack, February 2022: ..."), timeline first.
    const named = project.entries
      .filter((e) => e.data.category === 'incidents' && e.data.subject === subject && e.data.title.includes(':'))
      .sort((a, b) => Number(b.data.kind === 'timeline') - Number(a.data.kind === 'timeline'))[0];
    return named ? named.data.title.slice(0, named.data.title.indexOf(':')) : subject;
  }
  return subjectLists(project.taxonomy)[category]?.find((s) => s.id === subject)?.title ?? subject;
}

/** Subjects whose hub has at least one entry, by the words a label names them with. */
export function linkableSubjects(project: Project): Subject[] {
  const seen = new Map<string, Subject>();
  const lists = subjectLists(project.taxonomy);
  for (const e of project.entries) {
    if (!e.data.subject || !(e.data.category === 'incidents' || e.data.category in lists)) continue;
    const path = hubPath(e.data.category, e.data.subject);
    const name = subjectTitle(project, e.data.category, e.data.subject);
    // An incident without a named entry has only its slug, which no label says.
    if (!seen.has(path) && name !== e.data.subject) seen.set(path, { name, path });
  }
  return [...seen.values()];
}

/** The hub an entry belongs to, if its category has subjects. */
export function ownHub(entry: Entry): string | undefined {
  return entry.data.subject ? hubPath(entry.data.category, entry.data.subject) : undefined;
}

/** A site path as the site builds it: no query or fragment, a trailing slash. */
export function pagePath(url: string): string {
  const bare = withoutQuery(url);
  return bare.endsWith('/') ? bare : `${bare}/`;
}

/** A URL without its query and fragment, decoded. */
const withoutQuery = (url: string) => decodeURIComponent(url.split('#')[0]!.split('?')[0]!);

/** The site paths an entry's text and diagram `click` lines point at. */
export function linkedPaths(entry: Entry): Set<string> {
  const urls = [...entry.links.map((l) => l.url), ...entry.diagrams.flatMap((d) => diagramClicks(d).flatMap((c) => c.target ?? []))];
  return new Set(
    urls.flatMap((url) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('#')) return [];
      if (url.startsWith('/')) return [pagePath(url)];
      const file = withoutQuery(url);
      return file.endsWith('.md') ? [entryPath(path.posix.join(path.posix.dirname(entry.file), file))] : [];
    }),
  );
}

const linkedFromOf = new WeakMap<Project, Map<string, Entry[]>>();

/** The entries whose text or diagrams point at a page, by its site path; never the page itself. */
export function linkedFrom(project: Project, page: string): Entry[] {
  if (!linkedFromOf.has(project)) {
    const index = new Map<string, Entry[]>();
    for (const entry of project.entries) {
      for (const target of linkedPaths(entry)) if (target !== entryPath(entry.file)) index.set(target, [...(index.get(target) ?? []), entry]);
    }
    linkedFromOf.set(project, index);
  }
  return linkedFromOf.get(project)!.get(page) ?? [];
}
