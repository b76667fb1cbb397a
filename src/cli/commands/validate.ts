import type { Command } from 'commander';
import pc from 'picocolors';
import { selectEntries, validate } from '../../checks/run.ts';
import { formatFinding } from '../../model/finding.ts';
import { EXIT, existingPaths, openProject, printJson, UsageError } from '../context.ts';
import type { ValidateOutput } from '../json-output.ts';
import { watchValidate } from '../watch.ts';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check entries: real Mermaid rendering, schema, provenance, sources, sections, links, glossary, palette and the quality gates')
    .argument('[paths...]', 'entry files or folders (default: the whole atlas)')
    .option('--json', 'print findings as JSON')
    .option('--watch', 'keep one browser open and re-validate entries as they are saved, printing new and fixed findings')
    .action(async (paths: string[], options: { json?: boolean; watch?: boolean }) => {
      if (options.watch) {
        if (options.json) throw new UsageError('--watch prints findings as they change; it cannot be combined with --json');
        await watchValidate(existingPaths(paths));
        return;
      }
      const project = openProject();
      const { entries, inScope } = selectEntries(project, existingPaths(paths));
      const report = await validate(project, entries, inScope, { renderServer: true });
      const errors = report.findings.filter((f) => f.severity === 'error').length;
      if (options.json) {
        const output: ValidateOutput = { entries: entries.length, diagrams: report.render, findings: report.findings };
        printJson(output);
      } else {
        for (const f of report.findings) console.log(formatFinding(f));
        const warm = report.render.warm ? ', rendered by the warm renderer' : '';
        const summary = `${entries.length} entries, ${report.render.rendered + report.render.cached} diagrams (${report.render.cached} from cache${warm}): ${report.findings.length} findings`;
        console.error(report.findings.length ? pc.red(summary) : pc.green(summary));
      }
      process.exitCode = errors > 0 ? EXIT.findings : EXIT.clean;
    });
}
