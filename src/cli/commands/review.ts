import type { Command } from 'commander';
import pc from 'picocolors';
import { evaluateGate } from '../../checks/gate.ts';
import { gates } from '../../checks/index.ts';
import { validate } from '../../checks/run.ts';
import { EXIT, openProject, printJson, UsageError } from '../context.ts';
import type { ReviewOutput } from '../json-output.ts';

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('compliance report: every finding of every entry with a concrete fix, and the quality gates each entry passes')
    .option('--category <category>', 'only entries of this category')
    .option('--json', 'print the report as JSON')
    .action(async (options: { category?: string; json?: boolean }) => {
      const project = openProject();
      if (options.category && !project.taxonomy.categories.some((c) => c.id === options.category)) {
        throw new UsageError(`unknown category "${options.category}": use one of ${project.taxonomy.categories.map((c) => c.id).join(', ')}`);
      }
      const entries = project.entries.filter((e) => !options.category || e.data.category === options.category);
      const files = new Set(entries.map((e) => e.file));
      const report = await validate(project, entries, (file) => files.has(file));
      const rows: ReviewOutput['entries'] = entries.map((entry) => ({
        file: entry.file,
        id: entry.data.id,
        gates: Object.fromEntries(
          gates.map((g) => evaluateGate(g, entry, report.ctx)).filter((r) => r.applies).map((r) => [r.gate.id, r.failed.length === 0]),
        ),
        findings: report.findings.filter((f) => f.file === entry.file).map(({ line, col, rule, message, fix }) => ({ line, col, rule, message, fix })),
      }));
      const unattached = report.findings.filter((f) => !files.has(f.file));
      const output: ReviewOutput = { entries: rows, other: unattached };
      if (options.json) printJson(output);
      else {
        for (const row of rows) {
          const gateText = Object.entries(row.gates).map(([id, ok]) => (ok ? pc.green(`${id} ✓`) : pc.red(`${id} ✗`))).join('  ');
          console.log(`${pc.bold(row.file)}  ${row.findings.length ? pc.red(`${row.findings.length} to fix`) : pc.green('compliant')}  ${gateText}`);
          for (const f of row.findings) {
            console.log(`  ${f.line}:${f.col}  ${f.rule}  ${f.message}`);
            if (f.fix) console.log(pc.cyan(`      fix: ${f.fix}`));
          }
        }
        for (const f of unattached) console.log(`${f.file}:${f.line}:${f.col}  ${f.rule}  ${f.message}`);
        const compliant = rows.filter((r) => r.findings.length === 0).length;
        console.log(pc.bold(`\n${compliant} of ${rows.length} entries compliant`));
      }
      process.exitCode = report.findings.length ? EXIT.findings : EXIT.clean;
    });
}
