// Links inside the atlas resolve to a file that exists.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { finding } from '../model/finding.ts';
import type { Check } from './context.ts';

export const linksCheck: Check = {
  id: 'links',
  description: 'relative links point to files that exist',
  run(entry, { project }) {
    return entry.links.flatMap((link) => {
      if (/^([a-z][a-z0-9+.-]*:|#|\/)/i.test(link.url)) return [];
      const target = decodeURIComponent(link.url.split('#')[0]!.split('?')[0]!);
      if (!target) return [];
      const resolved = path.resolve(project.root, path.dirname(entry.file), target);
      return existsSync(resolved) ? [] : [finding(entry.file, link.line, link.col, 'links', `broken link "${link.url}"`, { fix: 'point it at an existing entry file (relative path to the .md)' })];
    });
  },
};
