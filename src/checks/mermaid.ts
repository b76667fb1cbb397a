// Nothing that fails to render passes: real Mermaid's verdict, at the Markdown line.
import { finding } from '../model/finding.ts';
import type { Check } from './context.ts';

export const mermaidCheck: Check = {
  id: 'mermaid',
  description: 'every diagram renders with the pinned Mermaid in headless Chromium',
  run(entry, ctx) {
    return entry.diagrams.flatMap((diagram) => {
      const result = ctx.rendered(entry, diagram.index);
      if (!result || result.ok) return [];
      const line = diagram.line + Math.max(0, (result.line ?? 1) - 1);
      const message = result.message.split('\n').filter((l) => !/^[-. ]*\^?$/.test(l) && !l.startsWith('...')).join(' ').slice(0, 300);
      return [finding(entry.file, line, 1, 'mermaid', `diagram ${diagram.index + 1} does not render: ${message}`, { fix: 'fix the Mermaid syntax at this line (try it at mermaid.live with the same version)' })];
    });
  },
};
