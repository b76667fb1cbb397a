// `npm run bench [-- --diagrams N]`: builds a synthetic corpus outside content/ with the
// real pipeline and prints (and writes to bench/out/results.json) the figures the
// project's goals are about. A benchmark, not a test: nothing here passes or fails.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync, cpSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { createMermaidRenderer } from 'mermaid-isomorphic';
import { chromiumPath, launchChromium, MermaidRenderer, MERMAID_CONFIG, MERMAID_VERSION, type Theme } from '../src/diagrams/browser.ts';
import { MERMAID_SCRIPT, patchedMermaid } from '../src/diagrams/mermaid-script.ts';
import { stopRenderServer } from '../src/diagrams/render-server.ts';

const { values } = parseArgs({ options: { diagrams: { type: 'string', default: '1000' }, renderers: { type: 'boolean', default: false } } });
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

/**
 * The same diagrams through the bare upstream loop, mermaid-isomorphic and this project's
 * renderer (one page each). `--renderers` runs only this part.
 */
async function renderersSideBySide(size: number) {
  const sample = Array.from({ length: size }, (_, i) => diagram(i));
  // mermaid-isomorphic brings its own Mermaid: the bare loop of that one too tells the
  // Mermaid version's share of the difference from this project's share.
  const isomorphicRequire = createRequire(createRequire(import.meta.url).resolve('mermaid-isomorphic'));
  const isomorphicMermaid: string = isomorphicRequire('mermaid/package.json').version;
  // Mermaid 12 lays flowcharts and state diagrams out with ELK, 11 with dagre: the dagre
  // rows compare like with like.
  const bare = await bareMermaidPerSecond(sample);
  const barePatched = await bareMermaidPerSecond(sample, { patched: true });
  const bareDagre = await bareMermaidPerSecond(sample, { config: { ...MERMAID_CONFIG, layout: 'dagre' } });
  const bareIsomorphicMermaid = await bareMermaidPerSecond(sample, { script: isomorphicRequire.resolve('mermaid/dist/mermaid.min.js') });
  const isomorphic = await isomorphicPerSecond(sample);
  const light = await projectPerSecond(sample, ['light']);
  const both = await projectPerSecond(sample, ['light', 'dark']);
  const lightDagre = await projectPerSecond(sample, ['light'], 'dagre');
  return {
    bare_mermaid_render_loop_diagrams_per_second: +bare.toFixed(2),
    bare_note: `upstream mermaid ${MERMAID_VERSION} (its default layout, ELK), light theme only, ${size} diagrams, one page, render loop only`,
    bare_mermaid_patched_diagrams_per_second: +barePatched.toFixed(2),
    bare_mermaid_patched_note: `the same loop with this project's getConfig patch: the floor of this project's renderer`,
    bare_mermaid_dagre_diagrams_per_second: +bareDagre.toFixed(2),
    bare_mermaid_dagre_note: `the same loop with layout: dagre`,
    bare_mermaid_isomorphic_version_diagrams_per_second: +bareIsomorphicMermaid.toFixed(2),
    bare_mermaid_isomorphic_version_note: `the same loop with mermaid ${isomorphicMermaid} (its default layout, dagre), the version mermaid-isomorphic brings`,
    // One page each, timed from launching Chromium to the last SVG.
    mermaid_isomorphic_diagrams_per_second: +isomorphic.toFixed(2),
    mermaid_isomorphic_note: `mermaid-isomorphic with its own mermaid ${isomorphicMermaid}, light theme only, ${size} diagrams, one page, Chromium launch included`,
    this_project_light_diagrams_per_second: +light.toFixed(2),
    this_project_both_themes_diagrams_per_second: +both.toFixed(2),
    this_project_light_dagre_diagrams_per_second: +lightDagre.toFixed(2),
    this_project_note: `sanitised, unused CSS dropped, ${size} diagrams, one page, Chromium launch included; the dagre row with layout: dagre`,
    ratio_this_project_light_to_mermaid_isomorphic: +(light / isomorphic).toFixed(2),
    ratio_this_project_both_themes_to_mermaid_isomorphic: +(both / isomorphic).toFixed(2),
    ratio_this_project_light_dagre_to_mermaid_isomorphic: +(lightDagre / isomorphic).toFixed(2),
    ratio_this_project_light_to_bare: +(light / bare).toFixed(2),
    ratio_this_project_light_to_bare_patched: +(light / barePatched).toFixed(2),
    ratio_this_project_both_themes_to_bare_patched: +(both / barePatched).toFixed(2),
    ratio_this_project_light_dagre_to_bare_dagre: +(lightDagre / bareDagre).toFixed(2),
  };
}

const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
/** Prints the results and writes them to bench/out/NAME. */
function report(name: string, results: object): void {
  mkdirSync(path.join(repo, 'bench', 'out'), { recursive: true });
  writeFileSync(path.join(repo, 'bench', 'out', name), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
}

if (values.renderers) {
  report('renderers.json', { date: new Date().toISOString(), machine, side_by_side: await renderersSideBySide(Math.min(count, 100)) });
  process.exit(0);
}

writeCorpus();
const env = { ATLAS_ROOT: corpus, ATLAS_OUT_DIR: path.join(corpus, 'dist'), ATLAS_CACHE_DIR: cache };
const build = ['src/site/build.ts'];
const cold = timed(build, env);
if (cold.status !== 0) throw new Error(`cold build failed:\n${cold.output.slice(-3000)}`);
const stage = /render stage: (\d+) diagrams x 2 themes: (\d+) rendered \((\d+) Mermaid renders\), \d+ from cache, \d+ failed in ([\d.]+)s/.exec(cold.output);
if (!stage) throw new Error(`no render stage line in the cold build's output:\n${cold.output.slice(-3000)}`);
const [stageDiagrams, stageSvgs, stageRenders, stageSeconds] = stage.slice(1).map(Number) as [number, number, number, number];
const warm = timed(build, env);
if (warm.status !== 0) throw new Error(`warm build failed:\n${warm.output.slice(-3000)}`);

// With the build's render cache: what validation costs once the diagrams have rendered.
const validateWarm = timed([path.join(repo, 'bin', 'atlas.ts'), 'validate'], { ATLAS_CACHE_DIR: cache, NO_COLOR: '1' }, corpus);
// With an empty cache of its own: every diagram rendered once, in the light theme.
const validateCache = path.join(corpus, '.validate-cache');
const validateAll = timed([path.join(repo, 'bin', 'atlas.ts'), 'validate'], { ATLAS_CACHE_DIR: validateCache, NO_COLOR: '1' }, corpus);
const atlasCli = path.join(repo, 'bin', 'atlas.ts');
const validateEnv = { ATLAS_CACHE_DIR: validateCache, NO_COLOR: '1' };
const one = path.join(corpus, 'content', 'entries', 'debugging', 'bench-0000.md');
appendFileSync(one, '\nOne more line.\n');
const validateOne = timed([atlasCli, 'validate', one], validateEnv, corpus);
if (validateOne.status > 1) throw new Error(`validate of one file failed:\n${validateOne.output.slice(-3000)}`);

// The author's loop: one diagram's label changed, that file validated, three saves each
// way. In-process (the warm renderer off, as under CI): the browser's caches fill on the
// first save, so the later ones are what such a run costs. With the warm renderer: the
// first save starts it, the later ones are what an author sees.
const relabel = (file: string, n: number) => writeFileSync(file, readFileSync(file, 'utf8').replace(/(of entry \d+)( edit \d+)?/g, (_, label: string) => `${label} edit ${n}`));
const changedDiagram = (first: number, renderServer: '0' | '1') =>
  [first, first + 1, first + 2].map((n) => {
    relabel(one, n);
    const run = timed([atlasCli, 'validate', one], { ...validateEnv, ATLAS_RENDER_SERVER: renderServer }, corpus);
    const rendered = renderServer === '1' ? '(0 from cache, rendered by the warm renderer)' : '(0 from cache)';
    if (run.status > 1 || !run.output.includes(rendered)) throw new Error(`validate of a changed diagram failed or did not render ${rendered}:\n${run.output.slice(-3000)}`);
    return +run.seconds.toFixed(2);
  });
const changedDiagramInProcess = changedDiagram(1, '0');
let changedDiagramWarm: number[];
try {
  changedDiagramWarm = changedDiagram(4, '1');
} finally {
  await stopRenderServer(validateCache);
}

/** `atlas validate --watch FILE`: seconds from each save to its summary line. */
async function watchRerender(file: string, saves: number): Promise<number[]> {
  const child = spawn(process.execPath, [atlasCli, 'validate', '--watch', file], { cwd: corpus, env: { ...process.env, ...validateEnv } });
  let stderr = '';
  const seen = (pattern: RegExp, count: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => ((stderr.match(new RegExp(pattern, 'g'))?.length ?? 0) >= count ? resolve() : undefined);
      child.stderr.on('data', check);
      child.once('exit', () => reject(new Error(`--watch exited:\n${stderr}`)));
      check();
    });
  child.stderr.on('data', (chunk) => (stderr += chunk));
  try {
    await seen(/watching for changes/, 1);
    const seconds: number[] = [];
    for (let n = 1; n <= saves; n++) {
      const started = performance.now();
      relabel(file, 100 + n);
      await seen(/\d+ new, \d+ fixed/, n);
      seconds.push(+((performance.now() - started) / 1000).toFixed(2));
    }
    return seconds;
  } finally {
    child.kill('SIGTERM');
  }
}
const watchSeconds = await watchRerender(one, 3);

/**
 * Mermaid alone: the same diagrams in a bare `mermaid.render` loop in one page. `patched`
 * loads the pinned Mermaid with this project's getConfig patch (src/diagrams/mermaid-script.ts)
 * and the one-line hook it calls: the floor of this project's renderer, which adds the
 * sanitiser, the stylesheet pruning and the second theme to it.
 */
async function bareMermaidPerSecond(sources: string[], { script = MERMAID_SCRIPT, config = MERMAID_CONFIG, patched = false }: { script?: string; config?: object; patched?: boolean } = {}): Promise<number> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addScriptTag(patched ? { content: patchedMermaid.load() } : { path: script });
    return await page.evaluate(
      async ({ sources, config, patched }) => {
        const w = window as unknown as { mermaid: { initialize(c: object): void; render(id: string, s: string): Promise<unknown> }; atlasMermaidHooks?: object };
        if (patched) {
          let state: unknown;
          let copy: unknown;
          w.atlasMermaidHooks = {
            config: (current: unknown, copyOf: () => unknown) => (current === state ? copy : ((state = current), (copy = copyOf()))),
            styles: (create: (...args: unknown[]) => string, ...args: unknown[]) => create(...args),
          };
        }
        w.mermaid.initialize(config);
        const started = performance.now();
        for (const [i, source] of sources.entries()) await w.mermaid.render(`b${i}`, source);
        return sources.length / ((performance.now() - started) / 1000);
      },
      { sources, config, patched },
    );
  } finally {
    await browser.close();
  }
}
/**
 * mermaid-isomorphic, the library most projects use to pre-render Mermaid, on the same
 * diagrams: one call, so one page, from launching Chromium to the last SVG.
 */
async function isomorphicPerSecond(sources: string[]): Promise<number> {
  const render = createMermaidRenderer({ launchOptions: { executablePath: chromiumPath(), args: ['--no-sandbox'] } });
  const started = performance.now();
  const results = await render(sources);
  const seconds = (performance.now() - started) / 1000;
  const failed = results.filter((r) => r.status === 'rejected').length;
  if (failed) throw new Error(`mermaid-isomorphic failed on ${failed} of ${sources.length} diagrams`);
  return sources.length / seconds;
}

/** This project's renderer on the same diagrams, one page, from launching Chromium to the last SVG. */
async function projectPerSecond(sources: string[], themes: readonly Theme[], layout?: 'dagre'): Promise<number> {
  const started = performance.now();
  const renderer = await MermaidRenderer.start({ pages: 1, layout });
  try {
    for (const [i, source] of sources.entries()) {
      const { results } = await renderer.render(`p${i}`, source, themes);
      if ([...results.values()].some((r) => !r.ok)) throw new Error(`this project's renderer failed on diagram ${i}`);
    }
  } finally {
    await renderer.close();
  }
  return sources.length / ((performance.now() - started) / 1000);
}

const sideBySide = await renderersSideBySide(Math.min(count, 100));
const pages = os.availableParallelism();
const projectPerPage = stageDiagrams / stageSeconds / pages;

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
  note: count < 1000 ? `smaller corpus (${count} diagrams): the goals are for 1,000` : undefined,
  machine,
  diagrams: count,
  cold_build_seconds: +cold.seconds.toFixed(1),
  warm_build_seconds: +warm.seconds.toFixed(1),
  render_stage_seconds: stageSeconds,
  render_stage_mermaid_renders: stageRenders,
  render_throughput_svgs_per_second: +(stageSvgs / stageSeconds).toFixed(1),
  validate_all_seconds: +validateAll.seconds.toFixed(1),
  validate_diagrams_per_second: +(count / validateAll.seconds).toFixed(1),
  validate_all_render_cache_full_seconds: +validateWarm.seconds.toFixed(1),
  validate_render_cache_full_diagrams_per_second: +(count / validateWarm.seconds).toFixed(1),
  validate_one_changed_file_seconds: +validateOne.seconds.toFixed(2),
  validate_one_changed_diagram_seconds: changedDiagramInProcess,
  validate_one_changed_diagram_warm_renderer_seconds: changedDiagramWarm,
  watch_rerender_after_save_seconds: watchSeconds,
  side_by_side: {
    this_project_render_stage_diagrams_per_second_per_page: +projectPerPage.toFixed(2),
    this_project_render_stage_note: 'render stage: both themes of each diagram, sanitised, unused CSS dropped, pages in parallel',
    ...sideBySide,
  },
  output_megabytes: +(folderBytes(path.join(corpus, 'dist')) / 2 ** 20).toFixed(1),
  entry_page_html_kilobytes: +(Buffer.byteLength(html) / 1024).toFixed(1),
  entry_page_js_kilobytes: +(jsBytes / 1024).toFixed(1),
  goals: { cold_build_seconds: 120, warm_build_seconds: 60, validate_diagrams_per_second: 100, validate_one_changed_file_seconds: 2, validate_one_changed_diagram_warm_renderer_seconds: 2, entry_page_js_kilobytes: 60, output_megabytes: 50 },
};
report('results.json', results);
console.log(`corpus and site left in ${corpus}`);
