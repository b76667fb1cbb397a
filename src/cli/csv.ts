// RFC 4180 CSV, enough for spreadsheets: quote every field that needs it.
export function toCsv(rows: (string | number | boolean | null | undefined)[][]): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
