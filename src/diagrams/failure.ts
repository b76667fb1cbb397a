// How a diagram that does not render is reported, the same way by `atlas validate` and
// the site build: at the Markdown line Mermaid names, with Mermaid's message on one line.
import { finding, type Finding } from '../model/finding.ts';
import type { Diagram } from '../model/entry.ts';
import type { RenderResult } from './browser.ts';

/** Mermaid's message without its caret-drawing lines, joined into one line. */
export function renderErrorText(message: string): string {
  return message
    .split('\n')
    .filter((l) => !/^[-. ]*\^?$/.test(l) && !l.startsWith('...'))
    .join(' ')
    .slice(0, 300);
}

export function renderFailure(file: string, diagram: Diagram, result: RenderResult | undefined): Finding | undefined {
  if (!result || result.ok) return undefined;
  const line = diagram.line + Math.max(0, (result.line ?? 1) - 1);
  return finding(file, line, 1, 'mermaid', `diagram ${diagram.index + 1} does not render: ${renderErrorText(result.message)}`, {
    fix: 'fix the Mermaid syntax at this line (try it at mermaid.live with the same version)',
  });
}
