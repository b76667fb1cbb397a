// Test helpers: a fresh copy of the fixture atlas per test, and the real CLI run on it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(repoRoot, 'test', 'fixtures', 'atlas');
// One render cache for the whole run: unchanged fixture diagrams render once
// (ATLAS_TEST_CACHE: one across runs, as `npm run mutate` uses).
const cacheDir = process.env.ATLAS_TEST_CACHE ?? mkdtempSync(path.join(os.tmpdir(), 'atlas-test-cache-'));

/** A temporary atlas: the fixture content plus the real taxonomy, palette and templates. */
export function makeAtlas(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-fixture-'));
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

export function atlas(dir: string, ...args: string[]): Run {
  return atlasWith(dir, {}, ...args);
}

/** The CLI with extra Node options (`--import` a fault injector) or environment. */
export function atlasWith(dir: string, options: { nodeArgs?: string[]; env?: Record<string, string> }, ...args: string[]): Run {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), path.join(repoRoot, 'bin', 'atlas.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ATLAS_CACHE_DIR: cacheDir, ...options.env },
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
export function onlyFinding(dir: string): JsonFinding {
  const run = atlas(dir, 'validate', '--json');
  assert.equal(run.code, 1, run.stdout + run.stderr);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  const findings = JSON.parse(run.stdout).findings as JsonFinding[];
  assert.equal(findings.length, 1, `expected one finding, got:\n${JSON.stringify(findings, null, 1)}`);
  return findings[0]!;
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
