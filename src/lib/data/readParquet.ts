import { parquetRead, type ColumnData, type DecodedArray } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';
import type { ColumnRequest, ColumnsRead, ColumnValues, ReadProgress, RowFilter } from './ColumnRequest';
import { featureValueError } from './featureValueError';
import { readParquetInfo, type ParquetInfo } from './readParquetInfo';

export interface ReadParquetOptions {
  /** Columns to materialise (by name in the file); nothing else is read or decompressed. */
  columns: ColumnRequest[];
  /** Keep only rows whose string columns pass every filter; row groups whose statistics rule them out are skipped. */
  where?: RowFilter[];
  /** Called after each row group with bytes/rows read so far (fraction reaches 1 at the end). */
  onProgress?: (progress: ReadProgress) => void;
  /** The footer, if already read with readParquetInfo. */
  info?: ParquetInfo;
}

/**
 * Reads the requested columns of a parquet file row group by row group (snappy, zstd, gzip, brotli, lz4), so memory
 * holds one row group of the selected columns plus the output. Features → Int8Array (bins 0..4, missing → 2),
 * floats → Float64Array (null → NaN), strings → string[]. Every failure is a PlaygroundError.
 */
export async function readParquet(source: ByteSource, options: ReadParquetOptions): Promise<ColumnsRead> {
  const name = source.name ?? 'the file';
  const info = options.info ?? (await readParquetInfo(source));
  const { metadata } = info;
  const present = new Set(info.columns.map((c) => c.name));
  const where = options.where ?? [];
  const missing = [...options.columns.map((c) => c.name), ...where.map((w) => w.column)].filter((c) => !present.has(c));
  if (missing.length) throw new PlaygroundError(`${name} has no column ${missing.map((c) => `"${c}"`).join(', ')}`);
  const filterColumns = [...new Set(where.map((w) => w.column))];
  const requested = options.columns;

  // Plan: which row groups survive the statistics check, and how many bytes their selected column chunks hold.
  const wanted = new Set([...requested.map((c) => c.name), ...filterColumns]);
  const groups: { start: number; rows: number; bytes: number }[] = [];
  let start = 0, totalBytes = 0, capacity = 0;
  for (const rg of metadata.row_groups) {
    const rows = Number(rg.num_rows);
    let skip = false, bytes = 0;
    for (const chunk of rg.columns) {
      const meta = chunk.meta_data;
      if (!meta || !wanted.has(meta.path_in_schema[0])) continue;
      bytes += Number(meta.total_compressed_size);
      const w = where.find((f) => f.column === meta.path_in_schema[0]);
      const stats = meta.statistics;
      const lo = stats?.min_value ?? stats?.min, hi = stats?.max_value ?? stats?.max;
      if (w?.mayContain && typeof lo === 'string' && typeof hi === 'string' && !w.mayContain(lo, hi)) skip = true;
    }
    if (!skip && rows > 0) {
      groups.push({ start, rows, bytes });
      totalBytes += bytes;
      capacity += rows;
    }
    start += rows;
  }

  const out: Record<string, ColumnValues> = {};
  for (const c of requested) {
    out[c.name] = c.kind === 'string' ? new Array<string>(capacity) : c.kind === 'feature' ? new Int8Array(capacity) : new Float64Array(capacity);
  }
  const filled: Record<string, number> = {};
  let n = 0, bytesRead = 0, rowsRead = 0;
  const report = () =>
    options.onProgress?.({ fraction: totalBytes ? bytesRead / totalBytes : 1, rowsRead, totalRows: info.numRows, bytesRead, totalBytes });

  for (const g of groups) {
    const end = g.start + g.rows;
    // dest[i] = output row of group row i, or −1 when a filter drops it (no array when nothing is filtered).
    let dest: Int32Array | null = null;
    let kept = g.rows;
    const early: ColumnData[] = [];
    if (filterColumns.length) {
      const keep = new Uint8Array(g.rows).fill(1);
      await readGroup(source, info, filterColumns, g.start, end, (chunk) => {
        early.push(chunk);
        const filters = where.filter((w) => w.column === chunk.columnName);
        const memo = new Map<unknown, boolean>();
        const data = chunk.columnData;
        for (let k = 0; k < data.length; ++k) {
          const i = chunk.rowStart + k - g.start;
          if (i < 0 || i >= g.rows) continue;
          const v = data[k];
          let ok = memo.get(v);
          if (ok === undefined) memo.set(v, (ok = filters.every((f) => f.keep(v == null ? '' : String(v)))));
          if (!ok) keep[i] = 0;
        }
      });
      dest = new Int32Array(g.rows);
      kept = 0;
      for (let i = 0; i < g.rows; ++i) dest[i] = keep[i] ? n + kept++ : -1;
    }
    if (kept > 0) {
      const store = (chunk: ColumnData) => {
        const req = requested.find((c) => c.name === chunk.columnName);
        if (req) storeChunk(req, out[req.name], chunk.columnData, chunk.rowStart, g.start, g.rows, n, dest, filled, name);
      };
      early.forEach(store); // filter columns that are also requested are not read twice
      const rest = requested.map((c) => c.name).filter((c) => !filterColumns.includes(c));
      if (rest.length) await readGroup(source, info, rest, g.start, end, store);
    }
    n += kept;
    bytesRead += g.bytes;
    rowsRead += g.rows;
    report();
  }
  if (!groups.length) report();

  for (const c of requested) {
    const col = out[c.name];
    if (n < capacity) out[c.name] = Array.isArray(col) ? col.slice(0, n) : col.slice(0, n);
  }
  return { n, rowsInFile: info.numRows, columns: out, filledFeatureValues: filled };
}

/** Reads `columns` for rows [rowStart, rowEnd) (one row group), passing each decoded chunk to `onChunk`. */
async function readGroup(source: ByteSource, info: ParquetInfo, columns: string[], rowStart: number, rowEnd: number, onChunk: (c: ColumnData) => void) {
  // hyparquet calls onChunk inside a promise callback and drops what it throws: keep the first error and rethrow it.
  let failure: unknown = null;
  const guarded = (c: ColumnData) => {
    if (failure) return;
    try {
      onChunk(c);
    } catch (e) {
      failure = e;
    }
  };
  try {
    await parquetRead({ file: source, metadata: info.metadata, columns, rowStart, rowEnd, compressors, onChunk: guarded });
  } catch (cause) {
    if (cause instanceof PlaygroundError) throw cause;
    throw new PlaygroundError(`${source.name ?? 'The file'} is a damaged parquet file: reading rows ${rowStart}–${rowEnd} failed (${(cause as Error).message})`, {
      hints: ['Download the file again; a file cut short or corrupted on disk cannot be decoded.'],
      cause
    });
  }
  if (failure) throw failure;
}

/** Converts one decoded chunk into the output column: rows outside the group are ignored, dropped rows skipped. */
function storeChunk(
  req: ColumnRequest,
  col: ColumnValues,
  data: DecodedArray,
  rowStart: number,
  groupStart: number,
  groupRows: number,
  base: number,
  dest: Int32Array | null,
  filled: Record<string, number>,
  source: string
): void {
  const from = Math.max(0, groupStart - rowStart);
  const to = Math.min(data.length, groupStart + groupRows - rowStart);
  if (req.kind === 'string') {
    const s = col as string[];
    for (let k = from; k < to; ++k) {
      const i = rowStart + k - groupStart;
      const d = dest ? dest[i] : base + i;
      if (d < 0) continue;
      const v = data[k];
      s[d] = typeof v === 'string' ? v : v == null ? '' : v instanceof Uint8Array ? new TextDecoder().decode(v) : String(v);
    }
  } else if (req.kind === 'float64') {
    const f = col as Float64Array;
    for (let k = from; k < to; ++k) {
      const i = rowStart + k - groupStart;
      const d = dest ? dest[i] : base + i;
      if (d < 0) continue;
      const v = data[k];
      f[d] = typeof v === 'number' ? v : v == null ? NaN : Number(v);
    }
  } else {
    const f = col as Int8Array;
    let fills = 0;
    for (let k = from; k < to; ++k) {
      const i = rowStart + k - groupStart;
      const d = dest ? dest[i] : base + i;
      if (d < 0) continue;
      const raw = data[k];
      const v = typeof raw === 'number' ? raw : raw == null ? NaN : Number(raw);
      if (v === 0 || v === 1 || v === 2 || v === 3 || v === 4) f[d] = v;
      else if (v !== v) {
        f[d] = 2;
        fills++;
      } else throw featureValueError(req.name, raw, rowStart + k + 1, source);
    }
    if (fills) filled[req.name] = (filled[req.name] ?? 0) + fills;
  }
}
