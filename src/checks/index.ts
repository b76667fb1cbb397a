// Every rule the validator runs, in the order findings are easiest to fix.
import type { Check } from './context.ts';
import { taxonomyCheck } from './taxonomy.ts';
import { uniqueIdCheck } from './unique-id.ts';
import { sourcesCheck } from './sources.ts';
import { sectionsCheck } from './sections.ts';
import { todoCheck } from './todo.ts';
import { linksCheck } from './links.ts';
import { guidanceCheck } from './guidance.ts';
import { securityCheck } from './security.ts';
import { mermaidCheck } from './mermaid.ts';
import { provenanceCheck } from './provenance.ts';
import { quoteCheck } from './quote.ts';
import { glossaryCheck } from './glossary.ts';
import { paletteCheck } from './palette.ts';
import { readableCheck } from './readable.ts';
import { threeAmCheck, threeAmGate } from './gate-three-am.ts';
import { newHireCheck, newHireGate } from './gate-new-hire.ts';
import { cfoCheck, cfoGate } from './gate-cfo.ts';
import { incidentCheck, incidentGate } from './gate-incident.ts';

export const checks: Check[] = [
  taxonomyCheck,
  uniqueIdCheck,
  sourcesCheck,
  sectionsCheck,
  todoCheck,
  linksCheck,
  guidanceCheck,
  mermaidCheck,
  securityCheck,
  provenanceCheck,
  quoteCheck,
  glossaryCheck,
  paletteCheck,
  readableCheck,
  threeAmCheck,
  newHireCheck,
  cfoCheck,
  incidentCheck,
];

export const gates = [threeAmGate, newHireGate, cfoGate, incidentGate];
