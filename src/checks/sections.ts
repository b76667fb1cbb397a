// Each kind has the sections the spec asks of it (content/taxonomy.yaml `sections`).
import { finding } from '../model/finding.ts';
import { hasSection, kindKey, type Check } from './context.ts';

export const sectionsCheck: Check = {
  id: 'sections',
  description: 'the entry has the level-2 sections its kind requires',
  run(entry, { project }) {
    const required = project.taxonomy.sections[kindKey(entry)] ?? [];
    const out = required
      .filter((title) => !hasSection(entry, title))
      .map((title) => finding(entry.file, entry.frontmatterEnd + 1, 1, 'sections', `missing section "## ${title}"`, { fix: `add a "## ${title}" section` }));
    if (entry.diagrams.length === 0) {
      out.push(finding(entry.file, entry.frontmatterEnd + 1, 1, 'sections', 'no ```mermaid diagram', { fix: 'add the primary diagram in a ```mermaid fence' }));
    }
    return out;
  },
};
