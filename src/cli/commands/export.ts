import type { Command } from 'commander';
import { writeAtomically } from '../../model/frontmatter-edit.ts';
import type { Project } from '../../model/project.ts';
import { toCsv } from '../csv.ts';
import { openProject, UsageError } from '../context.ts';
import type { ExportOutput } from '../json-output.ts';

/** The facts ledger: every declared figure with its entry and its provenance. */
export function factsLedger(project: Project): ExportOutput {
  return project.entries.flatMap((e) =>
    e.data.facts.map((f) => {
      const source = f.source ? project.sources.get(f.source) : undefined;
      return {
        entry: e.data.id,
        file: e.file,
        figure: f.figure,
        measures: f.measures,
        provenance: f.source ? 'sourced' : f.derived ? 'derived' : 'illustrative',
        source: f.source ?? null,
        source_url: source?.url ?? null,
        where: f.where ?? null,
        quote: f.quote ?? null,
        derived_from: f.derived?.from.join('; ') ?? null,
        method: f.derived?.method ?? null,
        illustrative: f.illustrative ?? null,
      };
    }),
  );
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export the facts ledger: every figure in the atlas with its entry, source and provenance')
    .option('--format <format>', 'json or csv', 'json')
    .option('--out <file>', 'write to this file (atomically) instead of standard output')
    .action((options: { format: string; out?: string }) => {
      if (!['json', 'csv'].includes(options.format)) throw new UsageError(`unknown format "${options.format}": use json or csv`);
      const ledger = factsLedger(openProject());
      const text =
        options.format === 'json'
          ? `${JSON.stringify(ledger, null, 2)}\n`
          : toCsv([Object.keys(ledger[0] ?? { entry: '' }), ...ledger.map((row) => Object.values(row))]);
      if (options.out) writeAtomically(options.out, text);
      else process.stdout.write(text);
    });
}
