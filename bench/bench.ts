// `npm run bench [-- --diagrams N]`: builds a synthetic corpus outside content/ with the
// real pipeline and prints (and writes to bench/out/results.json) the figures the
// project's goals are about. A benchmark, not a test: nothing here passes or fails.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, cpSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { diagrams: { type: 'string', default: '1000' } } });
const count = Number(values.diagrams);
const repo = path.resolve(import.meta.dirname, '..');
const corpus = mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-'));
const cache = path.join(corpus, '.cache');
const planes = ['edge', 'service', 'state', 'control'];
const words = ['gateway', 'session', 'shard', 'replica', 'queue', 'cache', 'ledger', 'router', 'indexer', 'scheduler', 'writer', 'reader', 'resolver', 'balancer', 'monitor'];
const word = (i: number) => words[i % words.length]!;

/** A flowchart in the palette, a sequence diagram or a state diagram, 8 to 30 elements. */
function diagram(i: number): string {
  const size = 8 + (i * 7) % 23;
  // Every diagram is distinct (its number is in a label), so the cache cannot share renders.
  const tag = `entry ${i}`;
  if (i % 3 === 1) {
    const lines = ['sequenceDiagram', `    participant C as Client of ${tag}`, ...Array.from({ length: 4 }, (_, k) => `    participant P${k} as ${word(i + k)} service`)];
    for (let k = 0; k < size; k++) lines.push(`    ${k % 2 ? `P${k % 4}` : 'C'}->>${k % 2 ? 'C' : `P${k % 4}`}: ${word(i + k)} step ${k}`);
    return lines.join('\n');
  }
  if (i % 3 === 2) {
    const lines = ['stateDiagram-v2', '    [*] --> S0', `    S0: ${tag}`];
    for (let k = 0; k < size - 1; k++) lines.push(`    S${k} --> S${(k + 1 + (k % 3)) % size}: ${word(i + k)}`);
    return lines.join('\n');
  }
  const lines = ['flowchart LR'];
  for (let g = 0; g < 4; g++) {
    lines.push(`    subgraph G${g}[${planes[g]} plane of ${tag}]`);
    for (let k = g; k < size; k += 4) lines.push(`        N${k}["${word(i + k)} ${k}<br/>handles ${word(k)} traffic"]`);
    lines.push('    end');
  }
  for (let k = 1; k < size; k++) lines.push(`    N${Math.floor((k - 1) / 2)} -->|${word(k)}| N${k}`);
  for (let k = 0; k < size; k++) lines.push(`    class N${k} ${planes[k % 4]}`);
  lines.push(
    '    classDef edge fill:#3B82F6,stroke:#1D4ED8,color:#000000',
    '    classDef service fill:#10B981,stroke:#047857,color:#000000',
    '    classDef state fill:#F59E0B,stroke:#B45309,color:#000000',
    '    classDef control fill:#8B5CF6,stroke:#6D28D9,color:#000000',
  );
  return lines.join('\n');
}

function writeCorpus(): void {
  const dir = path.join(corpus, 'content', 'entries', 'debugging');
  mkdirSync(dir, { recursive: true });
  for (const name of ['taxonomy.yaml', 'palette.yaml', 'templates', 'glossary.yaml']) cpSync(path.join(repo, 'content', name), path.join(corpus, 'content', name), { recursive: true });
  writeFileSync(path.join(corpus, 'content', 'sources.yaml'), '[]\n');
  for (let i = 0; i < count; i++) {
    const id = String(i).padStart(4, '0');
    writeFileSync(
      path.join(dir, `bench-${id}.md`),
      `---\nid: DEB-BENCH-${id}\ntitle: "Synthetic entry ${id}"\ndescription: A synthetic entry for the benchmark.\ncategory: debugging\ntags: [bench]\nversion: "1.0"\nstatus: draft\nlast_reviewed: 2026-11-23\nsources: []\nfacts: []\n---\n\nSynthetic entry ${id}: ${word(i)} and ${word(i + 3)}.\n\n\`\`\`mermaid\n${diagram(i)}\n\`\`\`\n\n## What to check first\n\nThe ${word(i + 5)}.\n`,
    );
  }
}

function timed(args: string[], env: Record<string, string> = {}, cwd = repo): { seconds: number; output: string; status: number } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, CI: '1', ASTRO_TELEMETRY_DISABLED: '1' }, maxBuffer: 1 << 28 });
  return { seconds: (performance.now() - started) / 1000, output: `${run.stdout}${run.stderr}`, status: run.status ?? -1 };
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .reduce((sum, d) => sum + statSync(path.join(d.parentPath, d.name)).size, 0);
}

writeCorpus();
const env = { ATLAS_ROOT: corpus, ATLAS_OUT_DIR: path.join(corpus, 'dist'), ATLAS_CACHE_DIR: cache };
const build = ['src/site/build.ts'];
const cold = timed(build, env);
if (cold.status !== 0) throw new Error(`cold build failed:\n${cold.output.slice(-3000)}`);
const stage = /render stage: (\d+) diagrams x 2 themes: (\d+) rendered, \d+ from cache, \d+ failed in ([\d.]+)s/.exec(cold.output);
const warm = timed(build, env);
if (warm.status !== 0) throw new Error(`warm build failed:\n${warm.output.slice(-3000)}`);

// With the build's render cache: what validation costs once the diagrams have rendered.
const validateWarm = timed([path.join(repo, 'bin', 'atlas.ts'), 'validate'], { ATLAS_CACHE_DIR: cache, NO_COLOR: '1' }, corpus);
// With an empty cache of its own: every diagram rendered once, in the light theme.
const validateCache = path.join(corpus, '.validate-cache');
const validateAll = timed([path.join(repo, 'bin', 'atlas.ts'), 'validate'], { ATLAS_CACHE_DIR: validateCache, NO_COLOR: '1' }, corpus);
const one = path.join(corpus, 'content', 'entries', 'debugging', 'bench-0000.md');
appendFileSync(one, '\nOne more line.\n');
const validateOne = timed([path.join(repo, 'bin', 'atlas.ts'), 'validate', one], { ATLAS_CACHE_DIR: validateCache, NO_COLOR: '1' }, corpus);

const page = path.join(corpus, 'dist', 'debugging', 'bench-0000', 'index.html');
const html = readFileSync(page, 'utf8');
const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]!);
const moduleImports = new Set<string>();
const collect = (src: string) => {
  const file = path.join(corpus, 'dist', src.replace(/^\//, ''));
  if (moduleImports.has(file)) return;
  moduleImports.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g)) collect(path.join(path.dirname(src), m[1] ?? m[2]!));
};
scripts.forEach(collect);
const inlineJs = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
const jsBytes = [...moduleImports].reduce((n, f) => n + statSync(f).size, 0) + inlineJs;

const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`,
  diagrams: count,
  cold_build_seconds: +cold.seconds.toFixed(1),
  warm_build_seconds: +warm.seconds.toFixed(1),
  render_stage_seconds: stage ? Number(stage[3]) : null,
  render_throughput_svgs_per_second: stage ? +(Number(stage[2]) / Number(stage[3])).toFixed(1) : null,
  validate_all_seconds: +validateAll.seconds.toFixed(1),
  validate_diagrams_per_second: +(count / validateAll.seconds).toFixed(1),
  validate_all_render_cache_full_seconds: +validateWarm.seconds.toFixed(1),
  validate_render_cache_full_diagrams_per_second: +(count / validateWarm.seconds).toFixed(1),
  validate_one_changed_file_seconds: +validateOne.seconds.toFixed(2),
  output_megabytes: +(folderBytes(path.join(corpus, 'dist')) / 2 ** 20).toFixed(1),
  entry_page_html_kilobytes: +(Buffer.byteLength(html) / 1024).toFixed(1),
  entry_page_js_kilobytes: +(jsBytes / 1024).toFixed(1),
  goals: { cold_build_seconds: 120, warm_build_seconds: 60, validate_diagrams_per_second: 100, validate_one_changed_file_seconds: 2, entry_page_js_kilobytes: 60, output_megabytes: 50 },
};
mkdirSync(path.join(repo, 'bench', 'out'), { recursive: true });
writeFileSync(path.join(repo, 'bench', 'out', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
console.log(`corpus and site left in ${corpus}`);
