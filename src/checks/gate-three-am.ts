// The 3 AM test: can someone on call use this entry to recognise and act on a problem?
import type { Entry } from '../model/entry.ts';
import { hasSection, kindKey, sectionLines } from './context.ts';
import { gateCheck, type Gate } from './gate.ts';

// A debugging guide is all checks, branch by branch; elsewhere the checks come first.
const checksSection = (entry: Entry) => (entry.data.category === 'debugging' ? 'Checks' : 'What to check first');

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
      met: (entry) => hasSection(entry, checksSection(entry)),
      fix: 'add a "## What to check first" section (in a debugging guide, "## Checks"), labelled as guidance',
    },
    {
      label: 'the checks cite the documentation of the tools they run',
      appliesTo: (entry) => entry.data.category === 'debugging',
      met: (entry) => {
        const section = sectionLines(entry, 'Checks');
        return !!section && entry.links.some((l) => l.line >= section.from && l.line <= section.to && /^https?:/.test(l.url));
      },
      fix: 'link each command in "## Checks" to the page of the tool\'s documentation it is copied from',
    },
    {
      label: 'shows how service was recovered',
      met: (entry) => /\b(recover|restor|mitigat|roll(ed)? ?back|revert|fail(ed)? ?over)/i.test(entry.body),
      fix: 'say what restored service, or what the recovery procedure is',
    },
  ],
};

export const threeAmCheck = gateCheck(threeAmGate);
