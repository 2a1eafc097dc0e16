import type { ColumnValues } from './ColumnRequest';
import { IdColumn } from './IdColumn';

/** A new column holding col[rows[0]], col[rows[1]], … (same array type). */
export function takeRows<T extends ColumnValues>(col: T, rows: Uint32Array): T {
  const m = rows.length;
  if (col instanceof IdColumn) return col.take(rows) as T;
  if (Array.isArray(col)) {
    const out = new Array<string>(m);
    for (let i = 0; i < m; ++i) out[i] = col[rows[i]];
    return out as T;
  }
  const out = new (col.constructor as new (n: number) => Int8Array | Float64Array)(m);
  for (let i = 0; i < m; ++i) out[i] = col[rows[i]];
  return out as T;
}
