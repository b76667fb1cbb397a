// YAML parsing that keeps line numbers, so every finding can name its line.
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';
import { finding, type Finding } from './finding.ts';

export interface YamlSource {
  value: unknown;
  /** 1-based file line of the node at `path`, or of the nearest parent that exists. */
  lineOf(path: readonly PropertyKey[]): number;
}

export function parseYaml(
  text: string,
  file: string,
  firstLine = 1,
): { ok: true; yaml: YamlSource } | { ok: false; finding: Finding } {
  const lines = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const pos = lines.linePos(error.pos[0]);
    // Without prettyErrors the message is one line without the position, which the finding carries.
    const message = error.message;
    return { ok: false, finding: finding(file, firstLine - 1 + pos.line, pos.col, 'yaml', `malformed YAML: ${message}`) };
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = doc.getIn(path.slice(0, depth) as unknown[], true);
      if (isNode(node) && node.range) return firstLine - 1 + lines.linePos(node.range[0]).line;
    }
    return firstLine;
  };
  return { ok: true, yaml: { value: doc.toJS(), lineOf } };
}

/** Schema errors as findings, each at the line of the offending key. */
export function schemaFindings(error: z.ZodError, yaml: YamlSource, file: string, rule = 'schema'): Finding[] {
  return error.issues.map((issue) => {
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return finding(file, yaml.lineOf(issue.path), 1, rule, `${where}${issue.message}`);
  });
}
