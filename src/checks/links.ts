// Links inside the atlas lead somewhere: a relative link to a file that exists, a site path
// to a page the site builds, and a diagram's `click` target to an entry, a page, or the
// URL of a registered source (a diagram links out only to what the atlas cites).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { diagramClicks } from '../model/entry.ts';
import { finding } from '../model/finding.ts';
import { pagePath, sitePages } from '../model/pages.ts';
import type { Project } from '../model/project.ts';
import type { Check } from './context.ts';
import { UNSAFE_SCHEME } from './security.ts';

const pagesOf = new WeakMap<Project, Set<string>>();
const sourceUrlsOf = new WeakMap<Project, Set<string>>();

export const linksCheck: Check = {
  id: 'links',
  description: 'links lead somewhere: relative links to files that exist, site paths to pages the site builds, diagram click targets to an entry, a page or a registered source',
  run(entry, { project }) {
    if (!pagesOf.has(project)) pagesOf.set(project, sitePages(project));
    if (!sourceUrlsOf.has(project)) sourceUrlsOf.set(project, new Set([...project.sources.values()].flatMap((s) => [s.url, s.read_at ?? []].flat())));
    const pages = pagesOf.get(project)!;
    const sourceUrls = sourceUrlsOf.get(project)!;
    const resolve = (target: string) => path.resolve(project.root, path.dirname(entry.file), decodeURIComponent(target.split('#')[0]!.split('?')[0]!));

    const markdown = entry.links.flatMap((link) => {
      if (/^([a-z][a-z0-9+.-]*:|#)/i.test(link.url) || link.url.split('#')[0] === '') return [];
      if (link.url.startsWith('/')) {
        return pages.has(pagePath(link.url)) ? [] : [finding(entry.file, link.line, link.col, 'links', `link to "${link.url}": the site has no such page`, { fix: 'link to an entry by its relative path (../../systems/x/architecture.md), or to a page the site builds (/incidents/)' })];
      }
      return existsSync(resolve(link.url)) ? [] : [finding(entry.file, link.line, link.col, 'links', `broken link "${link.url}"`, { fix: 'point it at an existing entry file (relative path to the .md)' })];
    });

    const clicks = entry.diagrams.flatMap((diagram) =>
      diagramClicks(diagram).flatMap((click) => {
        const target = click.target;
        // Callbacks and other schemes are the security rule's.
        if (target === undefined || UNSAFE_SCHEME.test(target) || target.startsWith('#')) return [];
        const at = (message: string, fix: string) => [finding(entry.file, click.line, click.col, 'links', message, { fix })];
        if (/^https?:/i.test(target)) {
          return sourceUrls.has(target) ? [] : at(`click target "${target}" is not the URL of a source in content/sources.yaml`, 'register the source (atlas sources) and link its exact url, or link a page of the atlas');
        }
        if (target.startsWith('/')) {
          return pages.has(pagePath(target)) ? [] : at(`click target "${target}": the site has no such page`, 'link a page the site builds, such as /incidents/ or /systems/github/, or an entry by its relative path');
        }
        const file = path.relative(project.root, resolve(target)).split(path.sep).join('/');
        return project.entries.some((e) => e.file === file) ? [] : at(`click target "${target}" is not an entry of the atlas`, 'link another entry by its relative path to the .md, for example ../../systems/github/architecture.md');
      }),
    );
    return [...markdown, ...clicks];
  },
};
