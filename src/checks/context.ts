// What a check may look at: the whole project, and the rendered diagrams.
import type { Entry } from '../model/entry.ts';
import type { Finding } from '../model/finding.ts';
import type { Project } from '../model/project.ts';
import type { RenderResult } from '../diagrams/browser.ts';

export interface CheckContext {
  project: Project;
  /** How many entries carry each id, across the whole atlas. */
  idCount: Map<string, number>;
  /** The light rendering of an entry's diagram, when validation rendered it. */
  rendered(entry: Entry, index: number): RenderResult | undefined;
}

export interface Check {
  id: string;
  /** One line for `atlas review` and the README. */
  description: string;
  run(entry: Entry, ctx: CheckContext): Finding[];
}

/** The text a reader sees in a rendered SVG: its text elements, entities decoded. */
export function svgLabels(svg: string): string[] {
  const decode = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)]
    .map((m) => decode(m[1]!.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export function hasSection(entry: Entry, title: string): boolean {
  const wanted = title.toLowerCase();
  return entry.headings.some((h) => h.text.toLowerCase() === wanted);
}

export function categoryOf(entry: Entry, project: Project) {
  return project.taxonomy.categories.find((c) => c.id === entry.data.category);
}

/** `category/kind`, or the category alone where it has no kinds: the key of `sections`. */
export function kindKey(entry: Entry): string {
  return entry.data.kind ? `${entry.data.category}/${entry.data.kind}` : entry.data.category;
}

/** The file lines of a level-2 section's body: after its heading, up to the next level-2 heading or the end. */
export function sectionLines(entry: Entry, title: string): { from: number; to: number } | undefined {
  const wanted = title.toLowerCase();
  const i = entry.headings.findIndex((h) => h.text.toLowerCase() === wanted);
  if (i < 0) return undefined;
  const next = entry.headings[i + 1];
  return { from: entry.headings[i]!.line + 1, to: next ? next.line - 1 : entry.raw.split('\n').length };
}
