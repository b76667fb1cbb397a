// The site's view of the atlas: the same loader, checks and coverage as the CLI.
import { cachedContext } from '../../checks/run.ts';
import type { CheckContext } from '../../checks/context.ts';
import type { Entry } from '../../model/entry.ts';
import { entryPath } from '../../model/pages.ts';
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
  return href(entryPath(file));
}

export function href(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;
}

/** The entry behind a page of the docs collection, by its collection id (incidents/x/timeline). */
export function entryById(collectionId: string): Entry | undefined {
  const file = `content/entries/${collectionId}.md`;
  return atlas().project.entries.find((e) => e.file.toLowerCase() === file);
}
