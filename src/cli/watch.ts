// `atlas validate --watch`: one browser with Mermaid loaded for the whole session; every
// save re-validates the entries that changed (all of them when a registry changed) and
// prints only the findings that appeared and the ones that went away.
import path from 'node:path';
import { watch } from 'chokidar';
import pc from 'picocolors';
import { selectEntries, validate } from '../checks/run.ts';
import { defaultCacheDir, RenderCache } from '../diagrams/cache.ts';
import { keepRenderer } from '../diagrams/render.ts';
import { formatFinding, type Finding } from '../model/finding.ts';
import { relativePath } from '../model/project.ts';
import { findRoot, openProject, UsageError } from './context.ts';

/** Saves within this many milliseconds are validated together (editors write in steps). */
const SETTLE_MS = 80;

/** Moving a finding to another line does not make it new: it is the same problem. */
const identity = (f: Finding) => `${f.file}\0${f.rule}\0${f.message}`;

/** Findings of `after` not in `before`, counting repeats. */
function missingFrom(before: Finding[], after: Finding[]): Finding[] {
  const left = new Map<string, number>();
  for (const f of before) left.set(identity(f), (left.get(identity(f)) ?? 0) + 1);
  return after.filter((f) => {
    const n = left.get(identity(f)) ?? 0;
    left.set(identity(f), n - 1);
    return n <= 0;
  });
}

const clock = () => new Date().toTimeString().slice(0, 8);

export async function watchValidate(paths: string[]): Promise<void> {
  const root = findRoot();
  const closeRenderer = await keepRenderer(new RenderCache(defaultCacheDir(root)));
  let findings: Finding[] = [];

  /** Validates the given entry files, or everything in scope when `files` is undefined. */
  const run = async (files: string[] | undefined, initial = false): Promise<void> => {
    const started = performance.now();
    const project = openProject();
    const scope = selectEntries(project, paths).inScope;
    const selected = files?.filter(scope);
    if (selected?.length === 0) return;
    const { entries, inScope } = selectEntries(project, selected?.map((f) => path.join(root, f)) ?? paths);
    const report = await validate(project, entries, inScope);
    // Registry findings come with every run; an entry's own only when it was validated.
    const kept = findings.filter((f) => f.file.startsWith('content/entries/') && !inScope(f.file));
    const next = [...kept, ...report.findings];
    const [added, fixed] = [missingFrom(findings, next), missingFrom(next, findings)];
    findings = next;
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (initial) {
      for (const f of next) console.log(formatFinding(f));
      console.error(pc.dim(`${clock()} ${entries.length} entries, ${next.length} findings (${seconds}s)`));
      return;
    }
    for (const f of added) console.log(`${pc.red('new')}    ${formatFinding(f)}`);
    for (const f of fixed) console.log(`${pc.green('fixed')}  ${formatFinding(f)}`);
    const what = selected ? selected.join(', ') : `${entries.length} entries`;
    console.error(pc.dim(`${clock()} ${what}: ${added.length} new, ${fixed.length} fixed, ${findings.length} findings in all (${seconds}s)`));
  };

  const report = (error: unknown) =>
    console.error(`atlas: ${error instanceof UsageError ? error.message : `internal error: ${(error as Error).message ?? String(error)}`}`);

  // Changes arriving while a run is under way wait for it, then run together.
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = run(undefined, true).catch(report);
  // chokidar follows editors' saves by rename, which fs.watch loses on Linux.
  const watcher = watch(path.join(root, 'content'), { ignoreInitial: true }).on('all', (_event, changed) => {
    const file = relativePath(root, changed);
    if (!file.endsWith('.md') && !file.endsWith('.yaml')) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(async () => {
        if (pending.size === 0) return;
        const files = [...pending];
        pending.clear();
        const entriesOnly = files.every((f) => f.startsWith('content/entries/') && f.endsWith('.md'));
        await run(entriesOnly ? files : undefined).catch(report);
      });
    }, SETTLE_MS);
  });
  await Promise.all([new Promise<void>((ready) => watcher.once('ready', () => ready())), running]);
  console.error(pc.dim('watching for changes, Ctrl+C to stop'));

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await watcher.close();
  clearTimeout(timer);
  await running;
  await closeRenderer();
}
