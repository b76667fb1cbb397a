// Ids are stable references: two entries may never share one.
import { finding } from '../model/finding.ts';
import type { Check } from './context.ts';

export const uniqueIdCheck: Check = {
  id: 'unique-id',
  description: 'no two entries share an id',
  run(entry, { idCount, project }) {
    if ((idCount.get(entry.data.id) ?? 0) < 2) return [];
    const others = project.entries.filter((e) => e.data.id === entry.data.id && e.file !== entry.file).map((e) => e.file);
    return [finding(entry.file, entry.yaml.lineOf(['id']), 1, 'unique-id', `duplicate id "${entry.data.id}" (also in ${others.join(', ')})`, { fix: 'give one of the entries a new id' })];
  },
};
