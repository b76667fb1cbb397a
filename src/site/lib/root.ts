// The atlas the site is built from: this repository, or ATLAS_ROOT (the tests build
// fixture atlases with the real site code this way).
import path from 'node:path';

export function atlasRoot(): string {
  return path.resolve(process.env.ATLAS_ROOT ?? process.cwd());
}

/** Where Astro keeps its content store for this atlas. */
export function astroCacheDir(): string {
  return path.join(atlasRoot(), '.cache', 'astro');
}
