import type { IdColumn } from './IdColumn';

/**
 * How a reader materialises one column: `string` → string[], `id` → IdColumn (row ids packed as integers when they
 * are fixed-width hex, as Numerai's are; no string per row), `float64` → Float64Array (null/empty → NaN, float32
 * widened), `feature` → Int8Array of Numerai bins 0..4 (null/NaN/empty → 2, Numerai's fill for missing, and counted;
 * any other value is an error).
 */
export type ColumnKind = 'string' | 'id' | 'float64' | 'feature';

/** One column a reader should return, by its name in the file. */
export interface ColumnRequest {
  name: string;
  kind: ColumnKind;
}

/** The values of one materialised column. */
export type ColumnValues = string[] | IdColumn | Float64Array | Int8Array;

/** What the parquet and CSV readers return: the requested columns for the kept rows, in file order. */
export interface ColumnsRead {
  /** Number of rows returned. */
  n: number;
  /** Rows in the file (before any row filter). */
  rowsInFile: number;
  columns: Record<string, ColumnValues>;
  /** Per feature column, how many missing values were filled with 2 (only columns with at least one). */
  filledFeatureValues: Record<string, number>;
}

/** A row filter on a string column; `mayContain(min, max)` lets the parquet reader skip row groups by their statistics. */
export interface RowFilter {
  column: string;
  keep(value: string): boolean;
  mayContain?(min: string, max: string): boolean;
}

/** Reading progress: `fraction` in [0, 1] is bytes read over bytes to read (rows for CSV text). */
export interface ReadProgress {
  fraction: number;
  rowsRead: number;
  totalRows: number;
  bytesRead: number;
  totalBytes: number;
}
