// Scaffolding a new entry from its kind's template. Templates live in
// content/templates: <category>-<kind>.md, then <category>.md, then architecture.md for
// palette kinds, then default.md. Placeholders are {{name}}.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from './project.ts';

export function templateFor(project: Project, category: string, kind?: string): string {
  const dir = project.paths.templates;
  const candidates = [
    kind ? `${category}-${kind}.md` : undefined,
    `${category}.md`,
    project.taxonomy.palette_kinds.includes(`${category}/${kind ?? ''}`) ? 'architecture.md' : undefined,
    'default.md',
  ].filter((c): c is string => !!c);
  const found = candidates.map((c) => path.join(dir, c)).find((f) => existsSync(f));
  if (!found) throw new Error(`no template in ${dir}`);
  return found;
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  return readFileSync(template, 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
