// The spec's four quality gates. A gate applies to some entries; it passes when all
// its criteria are met, and each unmet criterion is a reason a reader can act on.
import { finding } from '../model/finding.ts';
import type { Entry } from '../model/entry.ts';
import type { Project } from '../model/project.ts';
import type { Check, CheckContext } from './context.ts';

export interface Criterion {
  label: string;
  /** Only for some of the gate's entries; every one when absent. */
  appliesTo?(entry: Entry): boolean;
  met(entry: Entry, ctx: CheckContext): boolean;
  fix: string;
}

export interface Gate {
  id: string;
  title: string;
  appliesTo(entry: Entry, project: Project): boolean;
  criteria: Criterion[];
}

export interface GateResult {
  gate: Gate;
  applies: boolean;
  failed: Criterion[];
}

export function evaluateGate(gate: Gate, entry: Entry, ctx: CheckContext): GateResult {
  const applies = gate.appliesTo(entry, ctx.project);
  const failed = applies ? gate.criteria.filter((c) => (c.appliesTo?.(entry) ?? true) && !c.met(entry, ctx)) : [];
  return { gate, applies, failed };
}

export function gateCheck(gate: Gate): Check {
  return {
    id: gate.id,
    description: `${gate.title}: ${gate.criteria.map((c) => c.label).join('; ')}`,
    run(entry, ctx) {
      return evaluateGate(gate, entry, ctx).failed.map((c) =>
        finding(entry.file, 1, 1, gate.id, `${gate.title} fails: ${c.label}`, { fix: c.fix }),
      );
    },
  };
}

export const mentions = (entry: Entry, pattern: RegExp) => pattern.test(entry.body);
