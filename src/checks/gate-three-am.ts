// The 3 AM test: can someone on call use this entry to recognise and act on a problem?
import { hasSection, kindKey } from './context.ts';
import { gateCheck, type Gate } from './gate.ts';

export const threeAmGate: Gate = {
  id: 'gate-3am',
  title: '3 AM test',
  appliesTo: (entry) =>
    ['incidents', 'debugging'].includes(entry.data.category) || ['systems/operations', 'systems/failure-domains'].includes(kindKey(entry)),
  criteria: [
    {
      label: 'lists the symptoms people saw (error messages, metrics, status texts)',
      met: (entry) => entry.data.symptoms.length > 0,
      fix: 'add frontmatter `symptoms` with what users and operators saw, as published',
    },
    {
      label: 'says what to check first',
      met: (entry) => hasSection(entry, 'What to check first'),
      fix: 'add a "## What to check first" section, labelled as guidance',
    },
    {
      label: 'shows how service was recovered',
      met: (entry) => /\b(recover|restor|mitigat|roll(ed)? ?back|revert|fail(ed)? ?over)/i.test(entry.body),
      fix: 'say what restored service, or what the recovery procedure is',
    },
  ],
};

export const threeAmCheck = gateCheck(threeAmGate);
