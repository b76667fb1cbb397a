// `npm run build`: the render stage, then Astro into a fresh folder that replaces the
// previous site only when everything succeeded. A failed build leaves dist/ as it was.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { renderStage } from '../diagrams/stage.ts';
import { atlasRoot } from './lib/root.ts';

const root = process.cwd();
const outDir = path.resolve(root, process.env.ATLAS_OUT_DIR ?? 'dist');
const content = atlasRoot();
const staging = `${outDir}.building`;
const previous = `${outDir}.previous`;

const fail = (message: string): never => {
  rmSync(staging, { recursive: true, force: true });
  console.error(`build failed: ${message}; ${path.relative(root, outDir)}/ is unchanged`);
  process.exit(1);
};

if (!(await renderStage(content))) fail('a diagram does not render');
rmSync(staging, { recursive: true, force: true });
// Run Astro on this same Node (the pinned one), whatever `node` is on the PATH.
// --force: Astro caches rendered Markdown by the file's text alone, so a new Mermaid, a
// changed render pipeline or another atlas root would otherwise reuse stale diagrams.
const astro = spawnSync(process.execPath, [path.join(root, 'node_modules', '.bin', 'astro'), 'build', '--force'], {
  stdio: 'inherit',
  env: { ...process.env, ATLAS_OUT_DIR: staging, ASTRO_TELEMETRY_DISABLED: '1' },
});
if (astro.status !== 0) fail('astro build failed');
rmSync(previous, { recursive: true, force: true });
if (existsSync(outDir)) renameSync(outDir, previous);
renameSync(staging, outDir);
rmSync(previous, { recursive: true, force: true });
console.error(`site written to ${path.relative(root, outDir)}/`);
