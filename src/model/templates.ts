// Scaffolding a new entry from its kind's template: content/templates/<category>-<kind>.md,
// or <category>.md where the category has no kinds. Placeholders are {{name}}; every
// part an author must write carries the word TODO, which the todo rule reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Project } from './project.ts';

export function templateFor(project: Project, category: string, kind?: string): string {
  return path.join(project.paths.templates, kind ? `${category}-${kind}.md` : `${category}.md`);
}

export function fillTemplate(template: string, values: Record<string, string>): string {
  return readFileSync(template, 'utf8').replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
