// Nothing that fails to render passes: real Mermaid's verdict, at the Markdown line.
import { renderFailure } from '../diagrams/failure.ts';
import type { Check } from './context.ts';

export const mermaidCheck: Check = {
  id: 'mermaid',
  description: 'every diagram renders with the pinned Mermaid in headless Chromium',
  run(entry, ctx) {
    return entry.diagrams.flatMap((diagram) => renderFailure(entry.file, diagram, ctx.rendered(entry, diagram.index)) ?? []);
  },
};
