// The Incident test: does the entry say how bad it gets, for how long, and how to undo it?
import { kindKey } from './context.ts';
import { gateCheck, mentions, type Gate } from './gate.ts';

const DURATION = /\d\s?(ns|µs|us|ms|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?)\b/i;

export const incidentGate: Gate = {
  id: 'gate-incident',
  title: 'Incident test',
  appliesTo: (entry) =>
    entry.data.category === 'incidents' || ['systems/failure-domains', 'guarantees/failure', 'mechanisms/failure', 'patterns/failure'].includes(kindKey(entry)),
  criteria: [
    {
      label: 'the blast radius is stated',
      met: (entry) => mentions(entry, /blast radius/i),
      fix: 'state the blast radius: who and what was affected',
    },
    {
      label: 'recovery time is specified',
      met: (entry) => entry.data.facts.some((f) => DURATION.test(f.figure)),
      fix: 'show how long detection and recovery took, as a declared duration',
    },
    {
      label: 'data loss potential is marked',
      met: (entry) => mentions(entry, /data\s+(was\s+|were\s+)?(loss|lost)|lost\s+(\w+\s+){0,2}data|loss\s+of\s+(\w+\s+){0,2}data|data-loss/i),
      fix: 'say whether data was lost, or could be',
    },
    {
      label: 'rollback is addressed',
      met: (entry) => mentions(entry, /roll(ed|ing)? ?back|revert/i),
      fix: 'say whether a rollback was possible, tried or used',
    },
  ],
};

export const incidentCheck = gateCheck(incidentGate);
