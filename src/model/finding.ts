// A finding is one problem at one place. Every check and loader reports through it.
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
