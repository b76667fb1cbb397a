// The site's view of the atlas: the same loader, checks and coverage as the CLI.
import { cachedContext } from '../../checks/run.ts';
import type { CheckContext } from '../../checks/context.ts';
import type { Entry } from '../../model/entry.ts';
import { loadProject, type Project } from '../../model/project.ts';
import { atlasRoot } from './root.ts';

let loaded: { project: Project; ctx: CheckContext } | undefined;

/** Loaded once per build; reloaded on every call in dev, so edits show at once. */
export function atlas(): { project: Project; ctx: CheckContext } {
  if (!loaded || import.meta.env.DEV) {
    const project = loadProject(atlasRoot());
    loaded = { project, ctx: cachedContext(project) };
  }
  return loaded;
}

/** The site URL of an entry file (content/entries/a/b/c.md -> /a/b/c/). */
export function entryHref(file: string): string {
  const id = file.replace(/^content\/entries\//, '').replace(/\.md$/, '').toLowerCase();
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}/${id}/`;
}

export function href(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;
}

/** The entry behind a page of the docs collection, by its collection id (incidents/x/timeline). */
export function entryById(collectionId: string): Entry | undefined {
  const file = `content/entries/${collectionId}.md`;
  return atlas().project.entries.find((e) => e.file.toLowerCase() === file);
}

export function subjectTitle(project: Project, category: string, subject: string): string {
  const lists: Record<string, { id: string; title: string }[]> = {
    systems: project.taxonomy.systems,
    guarantees: project.taxonomy.guarantees,
    mechanisms: project.taxonomy.mechanisms,
    patterns: project.taxonomy.patterns,
  };
  if (category === 'incidents') {
    // An incident is named by its entries' titles ("Slack, February 2022: ..."), timeline first.
    const named = project.entries
      .filter((e) => e.data.category === 'incidents' && e.data.subject === subject && e.data.title.includes(':'))
      .sort((a, b) => Number(b.data.kind === 'timeline') - Number(a.data.kind === 'timeline'))[0];
    return named ? named.data.title.slice(0, named.data.title.indexOf(':')) : subject;
  }
  return lists[category]?.find((s) => s.id === subject)?.title ?? subject;
}
