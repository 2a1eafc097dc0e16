import { eraNumber } from './eraNumber';

/** Era order of a table: the distinct eras sorted numerically, their row offsets, and the row permutation (if needed). */
export interface EraOrder {
  /** Distinct era labels in numeric order (labels without a number last, alphabetically). */
  eras: string[];
  /** Row offsets after sorting; era k spans [eraStarts[k], eraStarts[k + 1]). */
  eraStarts: Uint32Array;
  /** order[i] = source row of sorted row i; null when the rows are already grouped in era order (Numerai's files). */
  order: Uint32Array | null;
}

/** Stable counting sort of rows by era in numeric order, O(n + eras log eras); no permutation when already sorted. */
export function sortByEra(eraOfRow: readonly string[]): EraOrder {
  const n = eraOfRow.length;
  const code = new Map<string, number>();
  const codes = new Uint32Array(n);
  for (let i = 0; i < n; ++i) {
    const label = eraOfRow[i];
    let c = code.get(label);
    if (c === undefined) code.set(label, (c = code.size));
    codes[i] = c;
  }
  const labels = [...code.keys()];
  const sorted = labels.slice().sort(compareEras);
  const rankOf = new Uint32Array(labels.length);
  sorted.forEach((label, r) => (rankOf[code.get(label)!] = r));
  const counts = new Uint32Array(sorted.length + 1);
  let inOrder = true;
  let prev = 0;
  for (let i = 0; i < n; ++i) {
    const r = rankOf[codes[i]];
    codes[i] = r;
    counts[r + 1]++;
    if (r < prev) inOrder = false;
    prev = r;
  }
  for (let k = 0; k < sorted.length; ++k) counts[k + 1] += counts[k];
  const eraStarts = Uint32Array.from(counts);
  if (inOrder) return { eras: sorted, eraStarts, order: null };
  const order = new Uint32Array(n);
  const next = counts.subarray(0, sorted.length);
  for (let i = 0; i < n; ++i) order[next[codes[i]]++] = i;
  return { eras: sorted, eraStarts, order };
}

/** Numeric era order ("0009" < "0010" < "10000"); labels without a number sort last, then alphabetically. */
export function compareEras(a: string, b: string): number {
  const x = eraNumber(a), y = eraNumber(b);
  if (x === y || (x !== x && y !== y)) return a < b ? -1 : a > b ? 1 : 0;
  if (x !== x) return 1;
  if (y !== y) return -1;
  return x - y;
}
