// Test reference: a deliberately simple CSV reader (split on newlines and commas, no quoting) for files known to
// have no quoted fields, so reader results can be checked against an implementation that shares no code with them.
import { readFileSync } from 'node:fs';

/** Header and rows of a simple CSV file (no quotes, no embedded commas). */
export function naiveCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

/** Column `name` of a naive CSV as strings. */
export function naiveColumn(csv: { header: string[]; rows: string[][] }, name: string): string[] {
  const k = csv.header.indexOf(name);
  if (k < 0) throw new Error(`no column ${name}`);
  return csv.rows.map((r) => r[k]);
}
