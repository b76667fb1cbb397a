// Test helpers: a fresh copy of the fixture atlas per test, the real CLI run on it, bad
// fixtures and their one finding, and the real site build served on loopback.
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import type { CheckContext } from '../src/checks/context.ts';
import type { RenderResult } from '../src/diagrams/browser.ts';
import { parseEntry, type Entry } from '../src/model/entry.ts';
import type { Project } from '../src/model/project.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(repoRoot, 'test', 'fixtures', 'atlas');

/**
 * A folder removed when the test process exits. A mutation run makes a couple of hundred
 * fixture atlases per mutant, thousands of times: left behind, they would fill the disk.
 */
function temporaryDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}
const temporaryDirs: string[] = [];
process.on('exit', () => {
  for (const dir of temporaryDirs) rmSync(dir, { recursive: true, force: true });
});

// One render cache for the whole run: unchanged fixture diagrams render once
// (ATLAS_TEST_CACHE: one across runs, as `npm run mutate` uses).
const cacheDir = process.env.ATLAS_TEST_CACHE ?? temporaryDir('atlas-test-cache-');

/** A file of the fixture atlas, as committed. */
export const fixtureText = (file: string) => readFileSync(path.join(fixture, file), 'utf8');

/** An entry parsed from `text` as the loader reads the file at `file`, for a check's unit test. */
export function entryFrom(file: string, text: string): Entry {
  const parsed = parseEntry(file, text);
  assert.ok(parsed.ok, parsed.ok ? '' : `the test's entry does not parse: ${parsed.findings.map((f) => f.message).join('; ')}`);
  return parsed.entry;
}

/** [line, col] of the first line of `text` containing `needle`, the column where `from` starts on it. */
export function positionIn(text: string, needle: string, from = needle): [number, number] {
  const line = lineOf(text, needle);
  return [line, text.split('\n')[line - 1]!.indexOf(from) + 1];
}

/** What a check sees: the project, and each diagram rendered as `rendered` (undefined: not rendered). */
export function checkContext(project: Project, rendered?: RenderResult): CheckContext {
  return { project, idCount: new Map(), rendered: () => rendered };
}

/** A temporary atlas: the fixture content plus the real taxonomy, palette and templates. */
export function makeAtlas(): string {
  const dir = temporaryDir('atlas-fixture-');
  cpSync(fixture, dir, { recursive: true });
  for (const name of ['taxonomy.yaml', 'palette.yaml', 'templates']) {
    cpSync(path.join(repoRoot, 'content', name), path.join(dir, 'content', name), { recursive: true });
  }
  return dir;
}

export const TIMELINE = 'content/entries/incidents/example-2020-01-01/timeline.md';
export const PALETTE_ENTRY = 'content/entries/guarantees/linearizability/implementation.md';
export const COST = 'content/entries/costs/example-storage.md';

export function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  const before = readFileSync(full, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`test edit changed nothing in ${file}`);
  writeFileSync(full, after);
}

export function read(dir: string, file: string): string {
  return readFileSync(path.join(dir, file), 'utf8');
}

/** 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`"${needle}" not found`);
  return i + 1;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// Two ways to run the CLI. `atlas` runs its entry point, main(), in this process: the same
// code as bin/atlas.ts without a second of Node start-up and imports per run, which is what
// makes a mutation run (one test run per mutant) feasible. `atlasProcess` spawns bin/atlas.ts,
// for what only a real process shows: its exit status, a fault injected with --import, and
// the one test that the binary prints and exits as `atlas` does (test/cli.test.ts).

/** What a command writes while it runs in this process, by the async context it writes from. */
const captured = new AsyncLocalStorage<Record<'stdout' | 'stderr', string[]>>();
let running = false;
let cliMain: Promise<(argv: string[]) => Promise<number>> | undefined;

/** The CLI run in this process in `dir`, as the binary would run there (see atlasProcess). */
export async function atlas(dir: string, ...args: string[]): Promise<Run> {
  // The working folder, the environment and the exit code belong to the process: one run at a time.
  if (running) throw new Error('atlas(): runs in this process cannot overlap');
  running = true;
  const env = { ATLAS_CACHE_DIR: cacheDir, ATLAS_RENDER_SERVER: '0' };
  const saved = { cwd: process.cwd(), exitCode: process.exitCode, env: Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]])) };
  const writers = { stdout: process.stdout.write, stderr: process.stderr.write };
  const out: Record<'stdout' | 'stderr', string[]> = { stdout: [], stderr: [] };
  try {
    Object.assign(process.env, env);
    cliMain ??= import('../src/cli/main.ts').then((cli) => cli.main);
    const main = await cliMain;
    for (const name of ['stdout', 'stderr'] as const) {
      const write = writers[name];
      // Only writes from this run's async context are captured; the test runner's own output passes.
      process[name].write = function (this: NodeJS.WriteStream, chunk: string | Uint8Array, ...rest: unknown[]) {
        const sink = captured.getStore();
        if (!sink) return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
        sink[name].push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        (rest.find((r) => typeof r === 'function') as (() => void) | undefined)?.();
        return true;
      } as typeof write;
    }
    process.chdir(dir);
    process.exitCode = undefined;
    const code = await captured.run(out, () => main([process.execPath, path.join(repoRoot, 'bin', 'atlas.ts'), ...args]));
    // picocolors chose colours (or none) when it was first imported, whatever NO_COLOR says
    // now; the binary runs with NO_COLOR, so its text is compared without them.
    return { code, stdout: stripVTControlCharacters(out.stdout.join('')), stderr: stripVTControlCharacters(out.stderr.join('')) };
  } finally {
    process.stdout.write = writers.stdout;
    process.stderr.write = writers.stderr;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
    for (const [key, value] of Object.entries(saved.env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    running = false;
  }
}

/** bin/atlas.ts in a process of its own, with extra Node options (`--import` a fault injector) or environment. */
export function atlasProcess(dir: string, options: { nodeArgs?: string[]; env?: Record<string, string> }, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), path.join(repoRoot, 'bin', 'atlas.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    // No warm renderer unless a test asks for one: it would outlive the test.
    env: { ...process.env, NO_COLOR: '1', ATLAS_CACHE_DIR: cacheDir, ATLAS_RENDER_SERVER: '0', ...options.env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface JsonFinding {
  file: string;
  line: number;
  col: number;
  rule: string;
  message: string;
  fix?: string;
}

/** Validates the atlas and returns its one finding; fails when there are none or several. */
export async function onlyFinding(dir: string): Promise<JsonFinding> {
  const run = await atlas(dir, 'validate', '--json');
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const findings = JSON.parse(run.stdout).findings as JsonFinding[];
  assert.equal(findings.length, 1, `expected one finding, got:\n${JSON.stringify(findings, null, 1)}`);
  return findings[0]!;
}

/** A bad fixture: one edit of a good fixture file, and the finding it must cause. */
export interface BadCase {
  name: string;
  file: string;
  change: (text: string) => string;
  rule: string;
  message: RegExp;
  /** Text on the line the finding points at, or a function of the changed text; line 1 (the entry as a whole) when absent. */
  at?: string | ((text: string) => number);
  /** Other rules that report the same problem by design (the glossary rule and the New Hire gate). */
  alongside?: string[];
}

/** Applies a bad case to `dir` and asserts exit 1, its finding at its file and line, and no other finding. */
export async function assertBadCase(dir: string, c: BadCase, ...validated: string[]): Promise<void> {
  edit(dir, c.file, c.change);
  const run = await atlas(dir, 'validate', '--json', ...validated);
  assert.equal(run.code, 1, `the ${c.rule} rule does not catch: ${c.name}\n${run.stderr}`);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const findings = JSON.parse(run.stdout).findings as JsonFinding[];
  const shown = JSON.stringify(findings, null, 1);
  const hit = findings.find((f) => f.rule === c.rule && c.message.test(f.message));
  assert.ok(hit, `expected a ${c.rule} finding matching ${c.message}, got:\n${shown}`);
  assert.equal(hit.file, c.file);
  const text = read(dir, c.file);
  const line = typeof c.at === 'function' ? c.at(text) : c.at === undefined ? 1 : lineOf(text, c.at);
  assert.equal(hit.line, line, `line of the ${c.rule} finding`);
  // Every rule's finding says how to fix it, in a sentence (a YAML or schema error is its own fix).
  if (c.rule !== 'yaml' && c.rule !== 'schema') assert.match(hit.fix ?? '', /\w+ \w+/, `the ${c.rule} finding has a fix`);
  assert.deepEqual(findings.map((f) => f.rule).sort(), [c.rule, ...(c.alongside ?? [])].sort(), `the ${c.rule} finding is the only one:\n${shown}`);
}

/** Builds the site of the atlas in `dir` into `dir/dist` with the real build script. */
export function buildSite(dir: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['src/site/build.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ATLAS_ROOT: dir, ATLAS_OUT_DIR: path.join(dir, 'dist'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
}

const contentTypes: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm' };

/** Serves a built site from `root` on loopback, as a static host would; resolves to its origin. */
export async function serveSite(root: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Every file under `dir` (relative path) with the SHA-256 of its bytes. */
export function treeDigest(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
  const rows = files.map((d) => {
    const full = path.join(d.parentPath, d.name);
    return [path.relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex')] as const;
  });
  return Object.fromEntries(rows.sort(([a], [b]) => a.localeCompare(b)));
}
