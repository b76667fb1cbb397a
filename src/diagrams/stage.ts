// The render stage of the site build: every diagram of every entry, in both themes,
// rendered in parallel into the cache before Astro runs. Fails with file:line.
// An entry the loader rejects (malformed YAML, schema) fails the build too.
import { loadProject } from '../model/project.ts';
import { formatFinding } from '../cli/context.ts';
import { finding } from '../model/finding.ts';
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
  const failures = diagrams.flatMap(({ entry, diagram }) => {
    const result = outcomes.get(renderKey(diagram.source, 'light'))?.result;
    return result && !result.ok ? [finding(entry.file, diagram.line + Math.max(0, (result.line ?? 1) - 1), 1, 'mermaid', `diagram does not render: ${result.message.split('\n')[0]}`)] : [];
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.error(`render stage: ${diagrams.length} diagrams x ${THEMES.length} themes: ${stats.rendered} rendered, ${stats.cached} from cache, ${stats.failed} failed in ${seconds}s`);
  for (const f of [...project.findings, ...failures]) console.error(formatFinding(f));
  return failures.length === 0 && project.findings.length === 0;
}
