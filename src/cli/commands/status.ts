import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { cachedContext } from '../../checks/run.ts';
import { bumpMinor, contentHash, setField, writeAtomically } from '../../model/frontmatter-edit.ts';
import { parseEntry } from '../../model/entry.ts';
import { relativePath } from '../../model/project.ts';
import { statusValues, type Status } from '../../model/schema.ts';
import { coverage, needsReview, type Coverage } from '../../report/coverage.ts';
import { toCsv } from '../csv.ts';
import { formatFinding } from '../../model/finding.ts';
import { EXIT, existingPaths, openProject, printJson, UsageError } from '../context.ts';

const bar = (count: number, target: number, width = 20) => {
  const filled = Math.min(width, Math.round((count / Math.max(1, target)) * width));
  return pc.green('#'.repeat(filled)) + pc.dim('.'.repeat(width - filled));
};
const percent = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)}%` : '-');

function printDashboard(c: Coverage): void {
  console.log(pc.bold(`Production Atlas: ${c.entries} of ${c.target} entries (${percent(c.entries, c.target)})`));
  console.log(pc.bold('\nCategories'));
  for (const cat of c.categories) console.log(`  ${cat.title.padEnd(26)} ${bar(cat.count, cat.target)} ${String(cat.count).padStart(4)} / ${cat.target}`);
  const started = c.systems.filter((s) => Object.values(s.kinds).some(Boolean));
  console.log(pc.bold(`\nSystems: mandatory 8 (${started.length} of ${c.systems.length} started)`));
  for (const s of c.systems) {
    const cells = Object.values(s.kinds).map((f) => (f ? pc.green('■') : pc.dim('·'))).join(' ');
    const have = Object.values(s.kinds).filter(Boolean).length;
    console.log(`  ${s.title.padEnd(12)} ${s.tier ? `T${s.tier}` : '  '} ${cells}  ${have}/8`);
  }
  console.log(pc.bold('\nStatus'));
  for (const s of statusValues) console.log(`  ${s.padEnd(13)} ${c.status[s]}`);
  if (c.changedSinceReview.length) {
    console.log(pc.yellow(`  changed since last review (${c.changedSinceReview.length}):`));
    for (const f of c.changedSinceReview) console.log(`    ${f}`);
  }
  console.log(pc.bold('\nReviewed (up to date and unchanged since review)'));
  for (const cat of c.categories.filter((x) => x.count > 0)) {
    console.log(`  ${cat.title.padEnd(26)} ${String(cat.reviewed).padStart(4)} / ${String(cat.count).padEnd(4)} entries ${percent(cat.reviewed, cat.count).padStart(4)}, ${String(cat.reviewedFigures).padStart(4)} / ${String(cat.figures).padEnd(4)} figures ${percent(cat.reviewedFigures, cat.figures).padStart(4)}`);
  }
  console.log(pc.bold('\nQuality gates (pass / applicable)'));
  for (const g of c.gates) console.log(`  ${g.title.padEnd(14)} ${String(g.passed).padStart(4)} / ${String(g.applicable).padEnd(4)} ${percent(g.passed, g.applicable)}`);
  const f = c.figures;
  console.log(pc.bold('\nFigures'));
  console.log(`  ${f.total} declared: ${f.sourced} sourced (${percent(f.sourced, f.total)}), ${f.derived} derived, ${f.illustrative} illustrative`);
}

/** Reads, changes and atomically rewrites one entry; refuses files that are not valid entries. */
function editEntry(root: string, file: string, change: (raw: string) => string): void {
  const rel = relativePath(root, file);
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${rel}: cannot read the file`);
  }
  const parsed = parseEntry(rel, raw);
  if (!parsed.ok) throw new UsageError(`not changed, the entry is invalid:\n${parsed.findings.map(formatFinding).join('\n')}`);
  writeAtomically(file, change(raw));
}

export function registerStatus(program: Command): void {
  const status = program
    .command('status')
    .description('dashboard derived from the content: coverage against targets, the systems x mandatory-8 matrix, status, the reviewed share per category, gate pass rates, sourced figures')
    .option('--json', 'print the dashboard as JSON')
    .option('--csv', 'print one CSV row per entry')
    .action((options: { json?: boolean; csv?: boolean }) => {
      const project = openProject();
      if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
      const c = coverage(project, cachedContext(project));
      if (options.json) printJson(c);
      else if (options.csv) {
        process.stdout.write(
          toCsv([
            ['file', 'id', 'category', 'subject', 'kind', 'status', 'version', 'last_reviewed', 'changed_since_review', 'facts', 'sourced', 'derived', 'illustrative'],
            ...project.entries.map((e) => [
              e.file, e.data.id, e.data.category, e.data.subject, e.data.kind, e.data.status, e.data.version, e.data.last_reviewed, needsReview(e),
              e.data.facts.length, e.data.facts.filter((f) => f.source).length, e.data.facts.filter((f) => f.derived).length, e.data.facts.filter((f) => f.illustrative).length,
            ]),
          ]),
        );
      } else printDashboard(c);
      for (const f of project.findings) console.error(formatFinding(f));
      process.exitCode = project.findings.length ? EXIT.findings : EXIT.clean;
    });

  status
    .command('mark-reviewed')
    .description('record a review: sets last_reviewed to today, bumps the minor version, writes content_hash and status up_to_date')
    .argument('<files...>', 'entry files')
    .action((files: string[]) => {
      const project = openProject();
      const today = new Date().toISOString().slice(0, 10);
      // Check every file before writing any, so a bad one leaves all untouched.
      existingPaths(files);
      const edits = files.map((file) => {
        const rel = relativePath(project.root, file);
        const entry = project.entries.find((e) => e.file === rel);
        if (!entry) throw new UsageError(`${rel}: not a valid atlas entry (run atlas validate ${rel})`);
        return { file, entry };
      });
      for (const { file, entry } of edits) {
        editEntry(project.root, file, (raw) => {
          let next = setField(raw, 'last_reviewed', today);
          next = setField(next, 'version', bumpMinor(entry.data.version));
          next = setField(next, 'status', 'up_to_date');
          return setField(next, 'content_hash', contentHash(next));
        });
        console.log(`${entry.file}: reviewed ${today}, version ${bumpMinor(entry.data.version)}`);
      }
    });

  status
    .command('set')
    .description('set the review status of an entry')
    .argument('<file>', 'entry file')
    .requiredOption('--status <status>', `one of: ${statusValues.join(', ')}`)
    .action((file: string, options: { status: string }) => {
      if (!statusValues.includes(options.status as Status)) throw new UsageError(`unknown status "${options.status}": use one of ${statusValues.join(', ')}`);
      const project = openProject();
      existingPaths([file]);
      editEntry(project.root, file, (raw) => setField(raw, 'status', options.status));
      console.log(`${relativePath(project.root, file)}: status ${options.status}`);
    });
}
