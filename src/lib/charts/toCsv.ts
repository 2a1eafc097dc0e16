import type { ChartTable, TableCell } from './types';

/**
 * One CSV field (RFC 4180): numbers in their shortest exact form (NaN/±Infinity → empty), booleans as
 * true/false; text quoted when it holds a comma, quote, CR/LF or edge spaces, with quotes doubled. Text that a
 * spreadsheet would run as a formula (= + - @, tab, CR at the start) gets a leading ' (OWASP CSV injection).
 */
export function csvField(v: TableCell, separator = ','): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return String(v);
  const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return s.includes(separator) || /["\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text: a header of column labels, then one line per row, CRLF line ends (RFC 4180). */
export function toCsv(table: ChartTable, { separator = ',', newline = '\r\n' }: { separator?: string; newline?: string } = {}): string {
  const lines = [table.columns.map((c) => csvField(c.label, separator)), ...table.rows.map((r) => r.map((v) => csvField(v, separator)))];
  return lines.map((l) => l.join(separator)).join(newline) + newline;
}
