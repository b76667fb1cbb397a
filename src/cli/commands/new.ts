import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { classDefLine } from '../../checks/palette.ts';
import { fillTemplate, templateFor } from '../../model/templates.ts';
import { relativePath } from '../../model/project.ts';
import { openProject, UsageError } from '../context.ts';

export function registerNew(program: Command): void {
  program
    .command('new')
    .description('scaffold an entry from its kind\'s template, with the required sections and, for architecture kinds, the palette')
    .argument('<category>', 'a category id from content/taxonomy.yaml')
    .argument('<slug>', 'the subject (system, guarantee, incident as <company>-<yyyy-mm-dd>, ...) or, for categories without subjects, the file name')
    .option('--kind <kind>', 'the kind, for categories that have kinds')
    .option('--system <system>', 'the system the entry is about')
    .option('--title <title>', 'the title', 'TODO: what the diagram shows')
    .action((category: string, slug: string, options: { kind?: string; system?: string; title: string }) => {
      const project = openProject();
      const { taxonomy } = project;
      const cat = taxonomy.categories.find((c) => c.id === category);
      if (!cat) throw new UsageError(`unknown category "${category}": use one of ${taxonomy.categories.map((c) => c.id).join(', ')}`);
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new UsageError(`slug "${slug}" must be lower-case words joined by hyphens`);
      if (cat.kinds && !options.kind) throw new UsageError(`category "${category}" needs --kind: one of ${cat.kinds.join(', ')}`);
      if (options.kind && !cat.kinds?.includes(options.kind)) throw new UsageError(`unknown kind "${options.kind}" for "${category}"${cat.kinds ? `: use one of ${cat.kinds.join(', ')}` : ' (it has no kinds)'}`);
      if (options.system && !taxonomy.systems.some((s) => s.id === options.system)) throw new UsageError(`unknown system "${options.system}"`);
      if (cat.subject === 'system' && !taxonomy.systems.some((s) => s.id === slug)) throw new UsageError(`unknown system "${slug}"`);
      if (cat.group_by?.includes('system') && !options.system) throw new UsageError(`category "${category}" lists entries by system: pass --system with one of ${taxonomy.systems.map((s) => s.id).join(', ')}`);

      const file = cat.kinds
        ? path.join(project.paths.entries, category, slug, `${options.kind}.md`)
        : path.join(project.paths.entries, category, `${slug}.md`);
      if (existsSync(file)) throw new UsageError(`${relativePath(project.root, file)} already exists`);

      const prefix = { systems: 'SYS', incidents: 'INC', guarantees: 'GUA', mechanisms: 'MEC', patterns: 'PAT' }[category] ?? category.slice(0, 3).toUpperCase();
      const id = [prefix, slug, options.kind].filter(Boolean).join('-').toUpperCase();
      const template = templateFor(project, category, options.kind);
      if (!existsSync(template)) throw new UsageError(`no template ${relativePath(project.root, template)}`);
      // The fields every entry shares; a template adds its own (symptoms, family, facts) after them.
      const frontmatter = [
        `id: ${id}`,
        `title: ${JSON.stringify(options.title)}`,
        'description: "TODO: one or two sentences on what a reader learns here."',
        `category: ${category}`,
        cat.subject ? `subject: ${slug}` : undefined,
        options.kind ? `kind: ${options.kind}` : undefined,
        options.system ? `system: ${options.system}` : undefined,
        'tags: []',
        'version: "0.1"',
        'status: draft',
        `last_reviewed: ${new Date().toISOString().slice(0, 10)}`,
        'sources: []',
      ].filter((line) => line !== undefined).join('\n');
      const text = fillTemplate(template, {
        frontmatter,
        palette: project.palette.planes.map((p) => `    ${classDefLine(p)}`).join('\n'),
      });
      mkdirSync(path.dirname(file), { recursive: true });
      // Write a temporary file, then link it into place: never clobbers a file that appeared meanwhile.
      const temporary = `${file}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, text);
        linkSync(temporary, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${relativePath(project.root, file)} already exists`);
        throw new Error(`cannot write ${relativePath(project.root, file)}: ${(error as Error).message}`);
      } finally {
        rmSync(temporary, { force: true });
      }
      console.log(`created ${relativePath(project.root, file)} from ${relativePath(project.root, template)}`);
    });
}
