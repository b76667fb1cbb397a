// The render cache: one file per rendered diagram, keyed by everything that can change
// the output. An unchanged diagram is never rendered twice.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeAtomically } from '../model/frontmatter-edit.ts';
import { MERMAID_CONFIG, MERMAID_VERSION, type Theme } from './browser.ts';

/** Bump when the sanitising or post-processing of SVG changes. */
export const PIPELINE_VERSION = 8;

/** Everything that can change a rendered SVG. */
export interface RenderInputs {
  source: string;
  theme: Theme;
  mermaidVersion: string;
  config: object;
  pipelineVersion: number;
}

export function renderKeyOf(inputs: RenderInputs): string {
  const { pipelineVersion, mermaidVersion, config, theme, source } = inputs;
  return createHash('sha256').update(JSON.stringify([pipelineVersion, mermaidVersion, config, theme, source])).digest('hex');
}

/** Everything besides a diagram's source and theme that its SVG depends on. */
const GENERATION = [PIPELINE_VERSION, MERMAID_VERSION, MERMAID_CONFIG] as const;

export function renderKey(source: string, theme: Theme): string {
  return renderKeyOf({ source, theme, mermaidVersion: MERMAID_VERSION, config: MERMAID_CONFIG, pipelineVersion: PIPELINE_VERSION });
}

/** Names the cache's generation: CI keeps one saved render cache per generation. */
export const cacheGeneration = (): string => `mermaid-${MERMAID_VERSION}-${createHash('sha256').update(JSON.stringify(GENERATION)).digest('hex').slice(0, 12)}`;

export class RenderCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  get(key: string): string | undefined {
    try {
      return readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
  }

  set(key: string, svg: string): void {
    mkdirSync(this.dir, { recursive: true });
    writeAtomically(this.file(key), svg);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.svg`);
  }
}

/** The renderer's persistent Chromium profiles, kept with the render cache. */
export const profilesDir = (cache: RenderCache): string => path.join(cache.dir, 'chromium');

export function defaultCacheDir(root: string): string {
  return process.env.ATLAS_CACHE_DIR ?? path.join(root, '.cache', 'diagrams');
}
