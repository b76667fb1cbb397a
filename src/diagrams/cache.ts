// The render cache: one file per rendered diagram, keyed by everything that can change
// the output. An unchanged diagram is never rendered twice.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MERMAID_CONFIG, MERMAID_VERSION, type Theme } from './browser.ts';

/** Bump when the sanitising or post-processing of SVG changes. */
const PIPELINE_VERSION = 4;

/** Everything besides a diagram's source and theme that its SVG depends on. */
const GENERATION = [PIPELINE_VERSION, MERMAID_VERSION, MERMAID_CONFIG] as const;

export function renderKey(source: string, theme: Theme): string {
  return createHash('sha256')
    .update(JSON.stringify([...GENERATION, theme, source]))
    .digest('hex');
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
    const target = this.file(key);
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, svg);
    renameSync(temporary, target);
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.svg`);
  }
}

export function defaultCacheDir(root: string): string {
  return process.env.ATLAS_CACHE_DIR ?? path.join(root, '.cache', 'diagrams');
}
