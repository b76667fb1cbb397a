// Every cited source is in the registry, and every source a fact uses is listed.
import { finding, type Finding } from '../model/finding.ts';
import type { Check } from './context.ts';

export const sourcesCheck: Check = {
  id: 'sources',
  description: 'every source id is in content/sources.yaml, and every source a fact cites is listed in `sources`',
  run(entry, { project }) {
    const { data, yaml, file } = entry;
    const out: Finding[] = [];
    data.sources.forEach((id, i) => {
      if (!project.sources.has(id)) {
        out.push(finding(file, yaml.lineOf(['sources', i]), 1, 'sources', `unknown source "${id}"`, { fix: 'register it in content/sources.yaml (id, title, publisher, url, published, kind, accessed)' }));
      }
    });
    data.facts.forEach((fact, i) => {
      if (!fact.source) return;
      const line = yaml.lineOf(['facts', i, 'source']);
      if (!project.sources.has(fact.source)) {
        out.push(finding(file, line, 1, 'sources', `fact "${fact.figure}" cites unknown source "${fact.source}"`, { fix: 'register the source in content/sources.yaml' }));
      } else if (!data.sources.includes(fact.source)) {
        out.push(finding(file, line, 1, 'sources', `fact "${fact.figure}" cites "${fact.source}", which is not in the entry's sources`, { fix: `add ${fact.source} to sources` }));
      }
    });
    return out;
  },
};
