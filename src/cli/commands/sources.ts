import type { Command } from 'commander';
import pc from 'picocolors';
import type { Project } from '../../model/project.ts';
import { EXIT, openProject, printJson } from '../context.ts';
import type { SourcesOutput } from '../json-output.ts';

export function sourceHealth(project: Project): SourcesOutput {
  const citedBy = new Map<string, string[]>();
  for (const e of project.entries) {
    for (const id of new Set([...e.data.sources, ...e.data.facts.flatMap((f) => f.source ?? [])])) {
      citedBy.set(id, [...(citedBy.get(id) ?? []), e.file]);
    }
  }
  const byUrl = new Map<string, string[]>();
  for (const s of project.sources.values()) byUrl.set(s.url, [...(byUrl.get(s.url) ?? []), s.id]);
  return {
    registered: project.sources.size,
    unused: [...project.sources.keys()].filter((id) => !citedBy.has(id)),
    missing: [...citedBy.keys()].filter((id) => !project.sources.has(id)).map((id) => ({ id, citedBy: citedBy.get(id)! })),
    duplicateUrls: [...byUrl].filter(([, ids]) => ids.length > 1).map(([url, ids]) => ({ url, ids })),
    citedBy: Object.fromEntries([...project.sources.keys()].map((id) => [id, citedBy.get(id) ?? []])),
  };
}

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description('source registry health: unused and missing ids, duplicate URLs, and which entries cite each source')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const project = openProject();
      const health = sourceHealth(project);
      if (options.json) printJson(health);
      else {
        for (const [id, files] of Object.entries(health.citedBy)) {
          const s = project.sources.get(id)!;
          console.log(`${pc.bold(id)}  ${s.publisher}, ${s.kind}, ${s.published ?? 'undated'}  cited by ${files.length}`);
          for (const f of files) console.log(`    ${f}`);
        }
        for (const id of health.unused) console.log(pc.yellow(`unused: ${id} (${project.sources.get(id)!.file}:${project.sources.get(id)!.line})`));
        for (const m of health.missing) console.log(pc.red(`missing: ${m.id}, cited by ${m.citedBy.join(', ')}`));
        for (const d of health.duplicateUrls) console.log(pc.red(`duplicate URL: ${d.url} (${d.ids.join(', ')})`));
        console.error(`${health.registered} sources: ${health.unused.length} unused, ${health.missing.length} missing, ${health.duplicateUrls.length} duplicate URLs`);
      }
      process.exitCode = health.missing.length || health.duplicateUrls.length || project.findings.some((f) => f.file.endsWith('sources.yaml')) ? EXIT.findings : EXIT.clean;
    });
}
