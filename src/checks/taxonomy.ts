// Category, subject, kind and system are ones the taxonomy knows, and the file sits
// where its category, subject and kind say it should.
import { finding, type Finding } from '../model/finding.ts';
import { categoryOf, type Check } from './context.ts';

export const taxonomyCheck: Check = {
  id: 'taxonomy',
  description: 'category, subject, kind and system are known to content/taxonomy.yaml, the fields its listing groups by are set, and the file path matches them',
  run(entry, { project }) {
    const { data, yaml, file } = entry;
    const taxonomy = project.taxonomy;
    const out: Finding[] = [];
    const at = (key: string) => yaml.lineOf([key]);
    const category = categoryOf(entry, project);
    if (!category) {
      const known = taxonomy.categories.map((c) => c.id).join(', ');
      return [finding(file, at('category'), 1, 'taxonomy', `unknown category "${data.category}"`, { fix: `use one of: ${known}` })];
    }
    if (category.subject) {
      const lists = { system: taxonomy.systems, guarantee: taxonomy.guarantees, mechanism: taxonomy.mechanisms, pattern: taxonomy.patterns };
      if (!data.subject) {
        out.push(finding(file, 1, 1, 'taxonomy', `category "${category.id}" needs a subject (${category.subject})`, { fix: `add "subject:" naming the ${category.subject}` }));
      } else if (category.subject === 'incident') {
        if (!/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}$/.test(data.subject)) {
          out.push(finding(file, at('subject'), 1, 'taxonomy', `incident subject "${data.subject}" is not <company>-<yyyy-mm-dd>`, { fix: 'name the incident by company and start date, e.g. github-2018-10-21' }));
        }
      } else if (!lists[category.subject].some((s) => s.id === data.subject)) {
        out.push(finding(file, at('subject'), 1, 'taxonomy', `unknown ${category.subject} "${data.subject}"`, { fix: `add it to the ${category.subject} list in content/taxonomy.yaml, or use a known one` }));
      }
    }
    if (category.kinds) {
      if (!data.kind) out.push(finding(file, 1, 1, 'taxonomy', `category "${category.id}" needs a kind`, { fix: `add "kind:" with one of: ${category.kinds.join(', ')}` }));
      else if (!category.kinds.includes(data.kind)) {
        out.push(finding(file, at('kind'), 1, 'taxonomy', `unknown kind "${data.kind}" for category "${category.id}"`, { fix: `use one of: ${category.kinds.join(', ')}` }));
      }
    } else if (data.kind) {
      out.push(finding(file, at('kind'), 1, 'taxonomy', `category "${category.id}" has no kinds; remove "kind"`));
    }
    for (const field of category.group_by ?? []) {
      const value = data[field];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) {
        out.push(finding(file, 1, 1, 'taxonomy', `category "${category.id}" lists entries by ${field}: "${field}" is missing`, { fix: `add "${field}:" (see CONTRIBUTING, "${category.title}")` }));
      }
    }
    if (data.system && !taxonomy.systems.some((s) => s.id === data.system)) {
      out.push(finding(file, at('system'), 1, 'taxonomy', `unknown system "${data.system}"`, { fix: 'use a system id from content/taxonomy.yaml, or drop the field' }));
    }
    const expected = ['content/entries', data.category, data.subject, data.kind ? `${data.kind}.md` : undefined].filter(Boolean).join('/');
    // An unknown kind is already reported; a path built from it would only repeat that.
    const kindKnown = !!data.kind && !!category.kinds?.includes(data.kind);
    if (kindKnown && file !== expected) {
      out.push(finding(file, 1, 1, 'taxonomy', `file is not where its frontmatter puts it (${expected})`, { fix: `move it to ${expected}` }));
    } else if (!data.kind && !file.startsWith(`content/entries/${data.category}/`)) {
      out.push(finding(file, 1, 1, 'taxonomy', `file is not under content/entries/${data.category}/`, { fix: `move it under content/entries/${data.category}/` }));
    }
    return out;
  },
};
