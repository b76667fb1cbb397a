// Nothing left from a template: every placeholder in content/templates carries the word
// TODO, and a required section must say something, so a scaffolded entry cannot pass
// validation until it is written.
import { finding, type Finding } from '../model/finding.ts';
import { kindKey, sectionLines, type Check } from './context.ts';

const PLACEHOLDER = /\bTODO\b/g;

export const todoCheck: Check = {
  id: 'todo',
  description: 'no TODO placeholder from a template is left, and no required section is empty',
  run(entry, { project }) {
    const lines = entry.raw.split('\n');
    const out: Finding[] = lines.flatMap((text, i) =>
      [...text.matchAll(PLACEHOLDER)].map((m) =>
        finding(entry.file, i + 1, m.index + 1, 'todo', `placeholder left from the template: "${text.trim().slice(0, 80)}"`, {
          fix: 'write what the placeholder asks for, or remove it',
        }),
      ),
    );
    for (const title of project.taxonomy.sections[kindKey(entry)] ?? []) {
      const section = sectionLines(entry, title);
      if (section && lines.slice(section.from - 1, section.to).every((l) => l.trim() === '')) {
        out.push(finding(entry.file, section.from - 1, 1, 'todo', `section "## ${title}" is empty`, { fix: `write the "## ${title}" section` }));
      }
    }
    return out;
  },
};
