// What every command shares: finding the atlas, loading it, printing findings, and
// turning expected failures into one clear line and an exit code.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadProject, ProjectError, type Project } from '../model/project.ts';

/** Exit codes: 0 clean, 1 findings, 2 usage or internal error. */
export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

/** A failure the user can fix: printed as one line, never with a stack. */
export class UsageError extends Error {}

export function findRoot(from = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'content', 'taxonomy.yaml'))) return dir;
    if (path.dirname(dir) === dir) throw new UsageError('no atlas here: no content/taxonomy.yaml in this folder or any parent');
  }
}

export function openProject(): Project {
  try {
    return loadProject(findRoot());
  } catch (error) {
    if (error instanceof ProjectError) throw new UsageError(error.message);
    throw error;
  }
}

export function existingPaths(paths: string[]): string[] {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new UsageError(`no such file or folder: ${missing.join(', ')}`);
  return paths;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
