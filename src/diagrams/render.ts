// The render stage: every diagram in every theme, from the cache where it can be,
// otherwise rendered by real Mermaid in parallel pages of one browser.
import { MermaidRenderer, type RenderResult, type Theme } from './browser.ts';
import { RenderCache, renderKey } from './cache.ts';
import { compactSvg } from './compact.ts';
import { progressBar } from './progress.ts';

export interface RenderJob {
  source: string;
  theme: Theme;
}

export interface RenderOutcome {
  key: string;
  result: RenderResult;
  cached: boolean;
}

export interface RenderStats {
  rendered: number;
  cached: number;
  failed: number;
}

/** Renders each distinct job once; the map is keyed by `renderKey(source, theme)`. */
export async function renderAll(
  jobs: RenderJob[],
  cache: RenderCache,
  options: { label?: string; pages?: number } = {},
): Promise<{ outcomes: Map<string, RenderOutcome>; stats: RenderStats }> {
  const outcomes = new Map<string, RenderOutcome>();
  const missing = new Map<string, RenderJob>();
  for (const job of jobs) {
    const key = renderKey(job.source, job.theme);
    if (outcomes.has(key) || missing.has(key)) continue;
    const svg = cache.get(key);
    if (svg !== undefined) outcomes.set(key, { key, result: { ok: true, svg }, cached: true });
    else missing.set(key, job);
  }
  const stats: RenderStats = { rendered: 0, cached: outcomes.size, failed: 0 };
  if (missing.size === 0) return { outcomes, stats };

  const renderer = await MermaidRenderer.start(options.pages);
  const progress = progressBar(options.label ?? 'Rendering diagrams', missing.size);
  try {
    await Promise.all(
      [...missing].map(async ([key, job]) => {
        const rendered = await renderer.render(`m${key.slice(0, 12)}${job.theme[0]}`, job.source, job.theme);
        const result = rendered.ok ? { ok: true as const, svg: compactSvg(rendered.svg) } : rendered;
        if (result.ok) {
          cache.set(key, result.svg);
          stats.rendered++;
        } else {
          stats.failed++;
        }
        outcomes.set(key, { key, result, cached: false });
        progress.tick();
      }),
    );
  } finally {
    progress.stop();
    await renderer.close();
  }
  return { outcomes, stats };
}
