// The render stage of the site build: every diagram of every entry, in both themes,
// rendered in parallel into the cache before Astro runs. Fails with file:line.
// An entry the loader rejects (malformed YAML, schema) fails the build too.
import { loadProject } from '../model/project.ts';
import { formatFinding } from '../model/finding.ts';
import { renderFailure } from './failure.ts';
import { renderKey, RenderCache, defaultCacheDir } from './cache.ts';
import { renderAll } from './render.ts';
import { THEMES } from './browser.ts';

/** Renders everything into the cache; returns false when a diagram fails. */
export async function renderStage(root: string): Promise<boolean> {
  const project = loadProject(root);
  const diagrams = project.entries.flatMap((entry) => entry.diagrams.map((diagram) => ({ entry, diagram })));
  const jobs = diagrams.flatMap(({ diagram }) => THEMES.map((theme) => ({ source: diagram.source, theme })));
  const started = performance.now();
  const { outcomes, stats } = await renderAll(jobs, new RenderCache(defaultCacheDir(root)), { label: 'Rendering diagrams' });
  const failures = diagrams.flatMap(({ entry, diagram }) => renderFailure(entry.file, diagram, outcomes.get(renderKey(diagram.source, 'light'))?.result) ?? []);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`render stage: ${diagrams.length} diagrams x ${THEMES.length} themes: ${stats.rendered} rendered (${stats.renders} Mermaid renders), ${stats.cached} from cache, ${stats.failed} failed in ${seconds}s`);
  for (const f of [...project.findings, ...failures]) console.error(formatFinding(f));
  return failures.length === 0 && project.findings.length === 0;
}
