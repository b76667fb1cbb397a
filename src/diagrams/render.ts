// The render stage: every diagram in every theme, from the cache where it can be,
// otherwise rendered by real Mermaid in parallel pages of one browser.
import os from 'node:os';
import { MermaidRenderer, THEMES, type RenderResult, type Theme } from './browser.ts';
import { profilesDir, RenderCache, renderKey } from './cache.ts';
import { compactSvg } from './compact.ts';
import { progressBar } from './progress.ts';
import { renderServerAllowed, WarmRenderer } from './render-server.ts';

/** At most this many diagrams go to the warm renderer's one page; more get pages of their own. */
const WARM_RENDERER_MAX = 16;

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
  /** SVGs made, one per diagram and theme. */
  rendered: number;
  /** Times Mermaid ran: a diagram's second theme usually comes from its first render. */
  renders: number;
  cached: number;
  failed: number;
  /** Whether the warm renderer (render-server.ts) rendered every diagram not in the cache. */
  warm: boolean;
}

/** While set, renderAll renders in this renderer and leaves it open: see keepRenderer. */
let kept: MermaidRenderer | undefined;

/**
 * Starts a renderer that every renderAll uses until the returned function closes it, so a
 * long-running process (atlas validate --watch) loads Mermaid once.
 */
export async function keepRenderer(cache: RenderCache, pages = 1): Promise<() => Promise<void>> {
  const renderer = await MermaidRenderer.start({ pages, profiles: profilesDir(cache) });
  kept = renderer;
  return async () => {
    if (kept === renderer) kept = undefined;
    await renderer.close();
  };
}

/** Renders each distinct job once; the map is keyed by `renderKey(source, theme)`. */
export async function renderAll(
  jobs: RenderJob[],
  cache: RenderCache,
  /** renderServer: render through the warm renderer when it may be used (`atlas validate`). */
  options: { label?: string; pages?: number; renderServer?: boolean } = {},
): Promise<{ outcomes: Map<string, RenderOutcome>; stats: RenderStats }> {
  const outcomes = new Map<string, RenderOutcome>();
  // Per diagram source, the themes the cache does not have.
  const missing = new Map<string, Set<Theme>>();
  for (const job of jobs) {
    const key = renderKey(job.source, job.theme);
    if (outcomes.has(key)) continue;
    const svg = cache.get(key);
    if (svg !== undefined) outcomes.set(key, { key, result: { ok: true, svg }, cached: true });
    else missing.set(job.source, (missing.get(job.source) ?? new Set()).add(job.theme));
  }
  const stats: RenderStats = { rendered: 0, renders: 0, cached: outcomes.size, failed: 0, warm: false };
  if (missing.size === 0) return { outcomes, stats };

  const warm =
    !kept && options.renderServer && missing.size <= WARM_RENDERER_MAX && renderServerAllowed() ? await WarmRenderer.connect(cache) : undefined;
  // No more pages than diagrams: each page costs a Mermaid load.
  const renderer =
    kept ?? warm ?? (await MermaidRenderer.start({ pages: Math.min(options.pages ?? os.availableParallelism(), missing.size), profiles: profilesDir(cache) }));
  const progress = progressBar(options.label ?? 'Rendering diagrams', missing.size);
  try {
    await Promise.all(
      [...missing].map(async ([source, wanted]) => {
        const themes = THEMES.filter((theme) => wanted.has(theme));
        const { results, renders } = await renderer.render(`m${renderKey(source, 'light').slice(0, 12)}`, source, themes);
        stats.renders += renders;
        for (const [theme, rendered] of results) {
          const key = renderKey(source, theme);
          const result = rendered.ok ? { ok: true as const, svg: compactSvg(rendered.svg) } : rendered;
          if (result.ok) {
            cache.set(key, result.svg);
            stats.rendered++;
          } else {
            stats.failed++;
          }
          outcomes.set(key, { key, result, cached: false });
        }
        progress.tick();
      }),
    );
  } finally {
    progress.stop();
    if (renderer !== kept) await renderer.close();
  }
  stats.warm = warm?.servedAll ?? false;
  return { outcomes, stats };
}
