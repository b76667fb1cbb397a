import path from 'node:path';
import type { Command } from 'commander';
import { kindKey } from '../../checks/context.ts';
import { acronymsIn } from '../../checks/glossary.ts';
import type { Entry } from '../../model/entry.ts';
import { relativePath, type Project } from '../../model/project.ts';
import { templateFor } from '../../model/templates.ts';
import { existingPaths, openProject, printJson } from '../context.ts';
import type { ImpactOutput } from '../json-output.ts';

type Impact = ImpactOutput[number];

/** Which entries a change to `changed` can affect, and why. */
export function impactOf(project: Project, changed: string): Impact[] {
  const { paths, entries, taxonomy } = project;
  const abs = path.resolve(project.root, changed);
  const all = (reason: string) => entries.map((e) => ({ file: e.file, reason }));
  const where = (reason: string, test: (e: Entry) => boolean) => entries.filter(test).map((e) => ({ file: e.file, reason }));
  if (abs === paths.taxonomy) return all('the taxonomy defines every entry\'s category, kinds, sections and targets');
  if (abs === paths.palette) return where('architecture kind: its diagrams use the palette classDefs', (e) => taxonomy.palette_kinds.includes(kindKey(e)));
  if (abs === paths.glossary) {
    return where('its diagrams use acronyms the glossary explains', (e) => e.diagrams.some((d) => acronymsIn(d.source).some((a) => project.glossary.has(a))));
  }
  if (abs === paths.sources) return where('it cites sources from the registry', (e) => e.data.sources.length > 0);
  if (abs.startsWith(paths.templates + path.sep)) {
    return where('scaffolded from this template', (e) => templateFor(project, e.data.category, e.data.kind) === abs);
  }
  const rel = relativePath(project.root, abs);
  const target = entries.find((e) => e.file === rel);
  if (!target) return [];
  const linking = entries.filter((e) => e.file !== rel && e.links.some((l) => path.resolve(project.root, path.dirname(e.file), l.url.split('#')[0]!) === abs));
  const siblings = target.data.subject ? entries.filter((e) => e.file !== rel && e.data.category === target.data.category && e.data.subject === target.data.subject) : [];
  return [
    { file: rel, reason: 'the entry itself' },
    ...linking.map((e) => ({ file: e.file, reason: 'links to it' })),
    ...siblings.filter((e) => !linking.includes(e)).map((e) => ({ file: e.file, reason: `same ${target.data.category} subject (${target.data.subject}): the hub shows them together` })),
  ];
}

export function registerImpact(program: Command): void {
  program
    .command('impact')
    .description('which entries a change to a file affects: the taxonomy, the palette, the glossary, the source registry, a template or an entry')
    .argument('<file>', 'the changed file')
    .option('--json', 'print as JSON')
    .action((file: string, options: { json?: boolean }) => {
      const project = openProject();
      existingPaths([file]);
      const impacts = impactOf(project, file);
      if (options.json) printJson(impacts);
      else {
        for (const i of impacts) console.log(`${i.file}  ${i.reason}`);
        console.error(`${impacts.length} entries affected by ${relativePath(project.root, file)}`);
      }
    });
}
