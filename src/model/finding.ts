// A finding is one problem at one place. Every check and loader reports through it.
import pc from 'picocolors';

export type Severity = 'error' | 'warning';

export interface Finding {
  file: string;
  line: number;
  col: number;
  rule: string;
  message: string;
  severity: Severity;
  /** A concrete next step, shown by `atlas review`. */
  fix?: string;
}

export function finding(
  file: string,
  line: number,
  col: number,
  rule: string,
  message: string,
  extra: { severity?: Severity; fix?: string } = {},
): Finding {
  return { file, line, col, rule, message, severity: extra.severity ?? 'error', ...(extra.fix ? { fix: extra.fix } : {}) };
}

export function byPosition(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule);
}

/** `file:line:col  rule  message`, coloured unless NO_COLOR or a non-terminal says otherwise. */
export function formatFinding(f: Finding): string {
  const where = `${f.file}:${f.line}:${f.col}`;
  const rule = f.severity === 'error' ? pc.red(f.rule) : pc.yellow(f.rule);
  return `${pc.bold(where)}  ${rule}  ${f.message}`;
}
