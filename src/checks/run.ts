// Running the rules: render the selected entries' diagrams (through the cache), then
// apply every check. Cross-entry facts (ids) always come from the whole atlas.
import path from 'node:path';
import { defaultCacheDir, RenderCache, renderKey } from '../diagrams/cache.ts';
import { renderAll, type RenderStats } from '../diagrams/render.ts';
import type { RenderResult } from '../diagrams/browser.ts';
import type { Entry } from '../model/entry.ts';
import { byPosition, type Finding } from '../model/finding.ts';
import { relativePath, type Project } from '../model/project.ts';
import type { CheckContext } from './context.ts';
import { checks } from './index.ts';

export function idCounts(project: Project): Map<string, number> {
  const counts = new Map<string, number>();
  for (const entry of project.entries) counts.set(entry.data.id, (counts.get(entry.data.id) ?? 0) + 1);
  return counts;
}

/** A context that sees only what is already in the render cache (no browser). */
export function cachedContext(project: Project): CheckContext {
  const cache = new RenderCache(defaultCacheDir(project.root));
  return {
    project,
    idCount: idCounts(project),
    rendered(entry, index) {
      const svg = cache.get(renderKey(entry.diagrams[index]!.source, 'light'));
      return svg === undefined ? undefined : { ok: true, svg };
    },
  };
}

export interface ValidationReport {
  findings: Finding[];
  ctx: CheckContext;
  entries: Entry[];
  render: RenderStats;
}

/** Entries under the given files or folders; none given means the whole atlas. */
export function selectEntries(project: Project, selection: string[]): { entries: Entry[]; inScope: (file: string) => boolean } {
  const wanted = selection.map((s) => relativePath(project.root, path.resolve(s)).replace(/\/$/, ''));
  const inScope = (file: string) => wanted.length === 0 || wanted.some((w) => w === '' || file === w || file.startsWith(`${w}/`));
  return { entries: project.entries.filter((e) => inScope(e.file)), inScope };
}

/** `renderServer`: diagrams may be rendered by the warm renderer (see renderAll). */
export async function validate(
  project: Project,
  entries: Entry[],
  inScope: (file: string) => boolean,
  options: { renderServer?: boolean } = {},
): Promise<ValidationReport> {
  const cache = new RenderCache(defaultCacheDir(project.root));
  const jobs = entries.flatMap((e) => e.diagrams.map((d) => ({ source: d.source, theme: 'light' as const })));
  const { outcomes, stats } = await renderAll(jobs, cache, { label: 'Validating diagrams', renderServer: options.renderServer });
  const rendered = (entry: Entry, index: number): RenderResult | undefined =>
    outcomes.get(renderKey(entry.diagrams[index]!.source, 'light'))?.result;
  const ctx: CheckContext = { project, idCount: idCounts(project), rendered };
  const findings = [
    // Registry problems concern every entry; an entry's own load problems only its scope.
    ...project.findings.filter((f) => inScope(f.file) || !f.file.startsWith('content/entries/')),
    ...entries.flatMap((entry) => checks.flatMap((check) => check.run(entry, ctx))),
  ].sort(byPosition);
  return { findings, ctx, entries, render: stats };
}
