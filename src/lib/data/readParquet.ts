import { parquetRead, type ColumnData, type ColumnMetaData, type Compressors, type SchemaElement } from 'hyparquet';
import { PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';
import type { ColumnRequest, ColumnsRead, ColumnValues, ReadProgress, RowFilter } from './ColumnRequest';
import { featureValueError } from './featureValueError';
import { IdColumnBuilder } from './IdColumn';
import { parquetCompressors } from './parquetCompressors';
import { canReadFlat, readFlatColumn, type ByteValues, type FlatPage } from './readFlatColumn';
import { readParquetInfo, type ParquetInfo } from './readParquetInfo';

export interface ReadParquetOptions {
  /** Columns to materialise (by name in the file); nothing else is read or decompressed. */
  columns: ColumnRequest[];
  /** Keep only rows whose string columns pass every filter; row groups whose statistics rule them out are skipped. */
  where?: RowFilter[];
  /** Called after each column chunk and each row group with bytes/rows read so far (fraction reaches 1 at the end). */
  onProgress?: (progress: ReadProgress) => void;
  /** The footer, if already read with readParquetInfo. */
  info?: ParquetInfo;
}

/** What decoding a row group needs: the file, its footer, schema elements and column chunks by name, and the codecs. */
interface GroupContext {
  source: ByteSource;
  info: ParquetInfo;
  elements: Map<string, SchemaElement>;
  kindOf: Map<string, string>;
  compressors: Compressors;
  /** Per row group: column chunk metadata by top-level column name. */
  chunks: Map<string, ColumnMetaData>[];
}

/** A column of one row group: decoded pages (fast path) or hyparquet chunks (generic path), rows relative to the file. */
type Decoded = { pages: FlatPage[] } | { chunks: ColumnData[] };

/** Byte ranges closer than this are fetched together (as hyparquet does for selected columns). */
const GAP = 1 << 13;

/**
 * Reads the requested columns of a parquet file row group by row group (snappy, zstd, gzip, brotli, lz4), so memory
 * holds one row group of the selected columns plus the output. Features → Int8Array (bins 0..4, missing → 2),
 * floats → Float64Array (null → NaN), strings → string[]. Every failure is a PlaygroundError.
 */
export async function readParquet(source: ByteSource, options: ReadParquetOptions): Promise<ColumnsRead> {
  const name = source.name ?? 'the file';
  const info = options.info ?? (await readParquetInfo(source));
  const compressors = await parquetCompressors();
  const { metadata } = info;
  const present = new Set(info.columns.map((c) => c.name));
  const where = options.where ?? [];
  const missing = [...options.columns.map((c) => c.name), ...where.map((w) => w.column)].filter((c) => !present.has(c));
  if (missing.length) throw new PlaygroundError(`${name} has no column ${missing.map((c) => `"${c}"`).join(', ')}`);
  const requested = options.columns;
  const kindOf = new Map(requested.map((c) => [c.name, c.kind]));
  const filterColumns = [...new Set(where.map((w) => w.column))];
  const restColumns = requested.map((c) => c.name).filter((c) => !filterColumns.includes(c));
  const elements = new Map<string, SchemaElement>();
  for (const el of metadata.schema.slice(1)) if (!elements.has(el.name)) elements.set(el.name, el);

  // Plan: which row groups survive the statistics check, and how many bytes their selected column chunks hold.
  const wanted = new Set([...requested.map((c) => c.name), ...filterColumns]);
  const groups: { index: number; start: number; rows: number; bytes: number }[] = [];
  let start = 0, totalBytes = 0, capacity = 0;
  metadata.row_groups.forEach((rg, index) => {
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
      groups.push({ index, start, rows, bytes });
      totalBytes += bytes;
      capacity += rows;
    }
    start += rows;
  });

  const ctx: GroupContext = {
    source,
    info,
    elements,
    kindOf,
    compressors,
    chunks: metadata.row_groups.map((rg) => new Map(rg.columns.flatMap((c) => (c.meta_data ? [[c.meta_data.path_in_schema[0], c.meta_data] as const] : []))))
  };
  const out: Record<string, ColumnValues | IdColumnBuilder> = {};
  for (const c of requested) {
    out[c.name] =
      c.kind === 'string' ? new Array<string>(capacity) : c.kind === 'id' ? new IdColumnBuilder(capacity) : c.kind === 'feature' ? new Int8Array(capacity) : new Float64Array(capacity);
  }
  const filled: Record<string, number> = {};
  let n = 0, bytesRead = 0, rowsRead = 0;
  const report = () =>
    options.onProgress?.({ fraction: totalBytes ? bytesRead / totalBytes : 1, rowsRead, totalRows: info.numRows, bytesRead, totalBytes });

  for (const g of groups) {
    const groupBytesStart = bytesRead;
    // dest[i] = output row of group row i, or −1 when a filter drops it (no array when nothing is filtered).
    let dest: Int32Array | null = null;
    let kept = g.rows;
    const early = new Map<string, Decoded>();
    if (filterColumns.length) {
      await decodeGroup(ctx, g, filterColumns, (col, d, bytes) => {
        early.set(col, d);
        bytesRead += bytes;
      });
      const keep = new Uint8Array(g.rows).fill(1);
      for (const col of filterColumns) {
        const filters = where.filter((w) => w.column === col);
        const memo = new Map<string, boolean>();
        forEachValue(early.get(col)!, g, (i, v) => {
          const s = v == null ? '' : String(v);
          let ok = memo.get(s);
          if (ok === undefined) memo.set(s, (ok = filters.every((f) => f.keep(s))));
          if (!ok) keep[i] = 0;
        });
      }
      dest = new Int32Array(g.rows);
      kept = 0;
      for (let i = 0; i < g.rows; ++i) dest[i] = keep[i] ? n + kept++ : -1;
    }
    if (kept > 0) {
      const byName = new Map(requested.map((r) => [r.name, r]));
      // Filter columns that are also requested are stored from what was already decoded, not read twice.
      for (const [col, d] of early) if (byName.has(col)) store(byName.get(col)!, out[col], d, g, n, dest, filled, name);
      // Each column is stored as soon as it is decoded, so only one column's pages are alive at a time.
      await decodeGroup(ctx, g, restColumns, (col, d, bytes) => {
        store(byName.get(col)!, out[col], d, g, n, dest, filled, name);
        bytesRead += bytes;
        report();
      });
    }
    n += kept;
    bytesRead = groupBytesStart + g.bytes;
    rowsRead += g.rows;
    report();
  }
  if (!groups.length) report();

  const columns: Record<string, ColumnValues> = {};
  for (const c of requested) {
    const col = out[c.name];
    columns[c.name] = col instanceof IdColumnBuilder ? col.finish(n) : n === capacity ? col : Array.isArray(col) ? col.slice(0, n) : (col as Float64Array | Int8Array).slice(0, n);
  }
  return { n, rowsInFile: info.numRows, columns, filledFeatureValues: filled };
}

/**
 * Reads and decodes `columns` of one row group, handing each to `onColumn` (with its compressed size) as soon as it is
 * decoded: flat columns through readFlatColumn, anything else through hyparquet's parquetRead.
 */
async function decodeGroup(
  ctx: GroupContext,
  g: { index: number; start: number; rows: number },
  columns: string[],
  onColumn: (column: string, decoded: Decoded, bytes: number) => void
): Promise<void> {
  const { source, info, elements, kindOf, compressors } = ctx;
  const chunkOf = ctx.chunks[g.index];
  const fast: { col: string; meta: ColumnMetaData; from: number; to: number; raw: boolean }[] = [];
  const slow: string[] = [];
  const sizeOf = (col: string) => Number(chunkOf.get(col)?.total_compressed_size ?? 0);
  for (const col of columns) {
    const meta = chunkOf.get(col);
    const el = elements.get(col);
    const kind = kindOf.get(col) ?? 'string';
    if (meta && el && canReadFlat(el, meta, kind === 'string' || kind === 'id')) {
      const from = Number(meta.dictionary_page_offset || meta.data_page_offset);
      fast.push({ col, meta, from, to: from + Number(meta.total_compressed_size), raw: kind === 'id' });
    } else slow.push(col);
  }
  // Fetch the fast columns' chunks, merging ranges separated by small gaps (at most 64 MiB per read).
  fast.sort((a, b) => a.from - b.from);
  for (let k = 0; k < fast.length; ) {
    let j = k, end = fast[k].to;
    while (j + 1 < fast.length && fast[j + 1].from - end <= GAP && fast[j + 1].to - fast[k].from <= 1 << 26) end = Math.max(end, fast[++j].to);
    const buf = new Uint8Array(await source.slice(fast[k].from, end));
    if (buf.byteLength !== end - fast[k].from) throw damaged(source, g, new Error(`short read: ${buf.byteLength} of ${end - fast[k].from} bytes`));
    for (let m = k; m <= j; ++m) {
      const c = fast[m];
      let pages: FlatPage[] | null;
      try {
        pages = readFlatColumn(buf.subarray(c.from - fast[k].from, c.to - fast[k].from), c.meta, elements.get(c.col)!, compressors, g.rows, c.raw);
      } catch (cause) {
        throw damaged(source, g, cause);
      }
      if (pages && pages.reduce((s, p) => s + p.rows, 0) >= g.rows) onColumn(c.col, { pages }, c.to - c.from);
      else slow.push(c.col);
    }
    k = j + 1;
  }
  for (const col of slow) {
    const chunks: ColumnData[] = [];
    await readGroup(ctx, [col], g.start, g.start + g.rows, (c) => chunks.push(c));
    onColumn(col, { chunks }, sizeOf(col));
  }
}

/** Reads `columns` for rows [rowStart, rowEnd) (one row group) with hyparquet's generic reader. */
async function readGroup({ source, info, compressors }: GroupContext, columns: string[], rowStart: number, rowEnd: number, onChunk: (c: ColumnData) => void) {
  try {
    await parquetRead({ file: source, metadata: info.metadata, columns, rowStart, rowEnd, compressors, onChunk });
  } catch (cause) {
    throw damaged(source, { start: rowStart, rows: rowEnd - rowStart }, cause);
  }
}

function damaged(source: ByteSource, g: { start: number; rows: number }, cause: unknown): PlaygroundError {
  if (cause instanceof PlaygroundError) return cause;
  return new PlaygroundError(
    `${source.name ?? 'The file'} is a damaged parquet file: reading rows ${g.start}–${g.start + g.rows} failed (${(cause as Error)?.message ?? cause})`,
    { hints: ['Download the file again; a file cut short or corrupted on disk cannot be decoded.'], cause }
  );
}

/** Calls fn(row in group, value) for every row of a decoded column (value null when missing). */
function forEachValue(d: Decoded, g: { start: number; rows: number }, fn: (i: number, v: unknown) => void): void {
  if ('pages' in d) {
    let i = 0;
    for (const p of d.pages) {
      let k = 0;
      const values = p.values as ArrayLike<unknown>;
      for (let r = 0; r < p.rows && i < g.rows; ++r, ++i) {
        if (p.defs && !p.defs[r]) fn(i, null);
        else fn(i, p.idx ? values[p.idx[k++]] : values[k++]);
      }
    }
  } else {
    for (const c of d.chunks) {
      for (let k = 0; k < c.columnData.length; ++k) {
        const i = c.rowStart + k - g.start;
        if (i >= 0 && i < g.rows) fn(i, c.columnData[k]);
      }
    }
  }
}

/** Writes one decoded column of a row group into the output column (rows dropped by a filter are skipped). */
function store(
  req: ColumnRequest,
  col: ColumnValues | IdColumnBuilder,
  d: Decoded,
  g: { start: number; rows: number },
  base: number,
  dest: Int32Array | null,
  filled: Record<string, number>,
  source: string
): void {
  if (col instanceof IdColumnBuilder) {
    storeIds(col, d, g, base, dest);
    return;
  }
  if (req.kind === 'feature' && 'pages' in d) {
    storeFeaturePages(req.name, col as Int8Array, d.pages, g, base, dest, filled, source);
    return;
  }
  if (req.kind === 'string' && 'pages' in d && d.pages.every((p) => Array.isArray(p.values))) {
    const out = col as string[];
    let i = 0;
    for (const p of d.pages) {
      const v = p.values as string[], idx = p.idx, defs = p.defs;
      let k = 0;
      for (let r = 0; r < p.rows && i < g.rows; ++r, ++i) {
        const o = dest ? dest[i] : base + i;
        const x = defs && !defs[r] ? '' : idx ? v[idx[k++]] : v[k++];
        if (o >= 0) out[o] = x;
      }
    }
    return;
  }
  if (req.kind === 'float64' && 'pages' in d) {
    const f = col as Float64Array;
    let i = 0;
    for (const p of d.pages) {
      const v = p.values as ArrayLike<number>, idx = p.idx, defs = p.defs;
      let k = 0;
      for (let r = 0; r < p.rows && i < g.rows; ++r, ++i) {
        const x = defs && !defs[r] ? NaN : idx ? v[idx[k++]] : v[k++];
        const o = dest ? dest[i] : base + i;
        if (o >= 0) f[o] = x;
      }
    }
    return;
  }
  let fills = 0;
  forEachValue(d, g, (i, raw) => {
    const o = dest ? dest[i] : base + i;
    if (o < 0) return;
    if (req.kind === 'string') {
      (col as string[])[o] = typeof raw === 'string' ? raw : raw == null ? '' : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : String(raw);
    } else {
      const v = typeof raw === 'number' ? raw : raw == null ? NaN : Number(raw);
      if (req.kind === 'float64') (col as Float64Array)[o] = v;
      else if (v === 0 || v === 1 || v === 2 || v === 3 || v === 4) (col as Int8Array)[o] = v;
      else if (v !== v) {
        (col as Int8Array)[o] = 2;
        fills++;
      } else throw featureValueError(req.name, raw, g.start + i + 1, source);
    }
  });
  if (fills) filled[req.name] = (filled[req.name] ?? 0) + fills;
}

/** Ids straight from the pages' bytes into the builder (no string per row); null ids become empty ids. */
function storeIds(ids: IdColumnBuilder, d: Decoded, g: { start: number; rows: number }, base: number, dest: Int32Array | null): void {
  const none = new Uint8Array(0);
  if ('pages' in d && d.pages.every((p) => 'starts' in p.values)) {
    let i = 0;
    for (const p of d.pages) {
      const { bytes, starts, ends } = p.values as ByteValues;
      const idx = p.idx, defs = p.defs;
      let k = 0;
      for (let r = 0; r < p.rows && i < g.rows; ++r, ++i) {
        const o = dest ? dest[i] : base + i;
        if (defs && !defs[r]) {
          if (o >= 0) ids.setBytes(o, none, 0, 0);
          continue;
        }
        const e = idx ? idx[k++] : k++;
        if (o >= 0) ids.setBytes(o, bytes, starts[e], ends[e]);
      }
    }
    return;
  }
  forEachValue(d, g, (i, raw) => {
    const o = dest ? dest[i] : base + i;
    if (o < 0) return;
    if (raw instanceof Uint8Array) ids.setBytes(o, raw, 0, raw.length);
    else ids.setString(o, raw == null ? '' : String(raw));
  });
}

/** The hot loop: int8 bins from decoded pages, with dictionary values validated once per dictionary entry. */
function storeFeaturePages(name: string, f: Int8Array, pages: FlatPage[], g: { start: number; rows: number }, base: number, dest: Int32Array | null, filled: Record<string, number>, source: string): void {
  let fills = 0, i = 0;
  let codesFor: ArrayLike<number> | null = null, codes = new Int8Array(0);
  for (const p of pages) {
    const v = p.values as ArrayLike<number>, idx = p.idx, defs = p.defs;
    if (idx && codesFor !== v) {
      // Dictionary entries as bins; −1 marks NaN (→ 2) and −2 a value outside 0..4 (an error if a row uses it).
      codes = Int8Array.from({ length: v.length }, (_, e) => (v[e] === 0 || v[e] === 1 || v[e] === 2 || v[e] === 3 || v[e] === 4 ? v[e] : v[e] !== v[e] ? -1 : -2));
      codesFor = v;
    }
    let k = 0;
    if (idx && !defs && !dest && i + p.rows <= g.rows && codes.every((c) => c >= 0)) {
      // The common case (every row present, every dictionary entry a bin, no row filter): one lookup per row.
      for (let r = 0, o = base + i; r < p.rows; ++r) f[o + r] = codes[idx[r]];
      i += p.rows;
      continue;
    }
    for (let r = 0; r < p.rows && i < g.rows; ++r, ++i) {
      let b: number, raw = NaN;
      if (defs && !defs[r]) b = -1;
      else if (idx) {
        const e = idx[k++];
        b = codes[e];
        raw = v[e];
      } else {
        raw = v[k++];
        b = raw === 0 || raw === 1 || raw === 2 || raw === 3 || raw === 4 ? raw : raw !== raw ? -1 : -2;
      }
      const o = dest ? dest[i] : base + i;
      if (o < 0) continue;
      if (b >= 0) f[o] = b;
      else if (b === -1) {
        f[o] = 2;
        fills++;
      } else throw featureValueError(name, raw, g.start + i + 1, source);
    }
  }
  if (fills) filled[name] = (filled[name] ?? 0) + fills;
}
