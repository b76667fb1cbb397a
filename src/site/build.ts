// `npm run build`: the render stage, then Astro into a fresh folder that replaces the
// previous site only when everything succeeded. A failed build leaves dist/ as it was.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { renderStage } from '../diagrams/stage.ts';
import { writeAtomically } from '../model/frontmatter-edit.ts';
import { linkableSubjects } from '../model/pages.ts';
import { loadProject } from '../model/project.ts';
import { astroCacheDir, atlasRoot } from './lib/root.ts';

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

/**
 * Astro keeps each entry's rendered Markdown until the entry's text changes. What else
 * shapes it (our code, the pinned packages, the base path) is summed up here; when this
 * sum changes, every entry is rendered again. That includes the subjects a diagram label
 * links to by naming them, which other entries decide.
 */
function renderInputsDigest(): string {
  const subjects = linkableSubjects(loadProject(content));
  const hash = createHash('sha256').update(JSON.stringify([process.env.ATLAS_BASE_PATH, process.env.ATLAS_SITE_URL, subjects]));
  const code = readdirSync(path.join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
  for (const file of [...code.sort(), path.join(root, 'astro.config.ts'), path.join(root, 'package-lock.json')]) {
    hash.update(path.relative(root, file)).update(readFileSync(file));
  }
  return hash.digest('hex');
}

if (!(await renderStage(content))) fail('a diagram does not render');
rmSync(staging, { recursive: true, force: true });
const digestFile = path.join(astroCacheDir(), 'render-inputs.sha256');
const digest = renderInputsDigest();
const stale = !existsSync(digestFile) || readFileSync(digestFile, 'utf8') !== digest;
// Run Astro on this same Node (the pinned one), whatever `node` is on the PATH.
const astro = spawnSync(process.execPath, [path.join(root, 'node_modules', '.bin', 'astro'), 'build', ...(stale ? ['--force'] : [])], {
  stdio: 'inherit',
  env: { ...process.env, ATLAS_OUT_DIR: staging, ASTRO_TELEMETRY_DISABLED: '1' },
});
if (astro.status !== 0) fail('astro build failed');
mkdirSync(path.dirname(digestFile), { recursive: true });
writeAtomically(digestFile, digest);
rmSync(previous, { recursive: true, force: true });
if (existsSync(outDir)) renameSync(outDir, previous);
renameSync(staging, outDir);
rmSync(previous, { recursive: true, force: true });
console.error(`site written to ${path.relative(root, outDir)}/`);
