import type { ByteSource } from './ByteSource';
import { asPlaygroundError } from './asPlaygroundError';
import { detectFormat } from './detectFormat';
import { eraNumber } from './eraNumber';
import { planColumns, type LoadDatasetOptions, type Plan } from './loadDataset';
import { readParquetInfo, type ParquetInfo } from './readParquetInfo';
import { toByteSource, type FileInput } from './toByteSource';

/** What loading a data file with given options would read and hold, known before reading it. */
export interface DatasetEstimate {
  source: string;
  format: 'parquet' | 'csv';
  fileBytes: number;
  /** Compressed bytes of the column chunks to read (parquet); the whole file for CSV. */
  bytesToRead: number;
  /** Rows in the file (parquet: exact from the footer; CSV: from the average line length of the first 64 KiB). */
  rows: number;
  /** Eras (parquet: from the era column's statistics when written, else rows / 5,000; CSV: rows / 5,000). */
  eras: number;
  features: number;
  featuresInFile: number;
  /** Bytes of the loaded columns (int8 features, float64 targets and columns, packed ids). */
  loadedBytes: number;
  /** Most bytes alive at once while reading (one column chunk compressed and decoded, plus its page indices). */
  readingBytes: number;
}

const ROWS_PER_ERA = 5000;

/**
 * Estimates a loadDataset call from the parquet footer (or the CSV header and first 64 KiB) alone: rows, eras, the
 * bytes to read for the chosen columns and the memory the loaded columns take. Throws what loadDataset would throw
 * for a missing feature set or column.
 */
export async function estimateDataset(input: FileInput, options: LoadDatasetOptions = {}): Promise<DatasetEstimate> {
  const source = toByteSource(input, options.name);
  try {
    return await estimate(source, options);
  } catch (e) {
    throw asPlaygroundError(e, source.name ?? 'The file');
  }
}

async function estimate(source: ByteSource, options: LoadDatasetOptions): Promise<DatasetEstimate> {
  const name = source.name ?? 'the file';
  const format = await detectFormat(source);
  if (format === 'parquet') {
    const info = await readParquetInfo(source);
    const header = info.columns.map((c) => c.name);
    const plan = planColumns(header, info.indexColumns, options, name);
    const wanted = new Set(planned(plan));
    let bytesToRead = 0, biggest = 0, groupRows = 0;
    for (const rg of info.metadata.row_groups) {
      groupRows = Math.max(groupRows, Number(rg.num_rows));
      for (const c of rg.columns) {
        const m = c.meta_data;
        if (!m || !wanted.has(m.path_in_schema[0])) continue;
        bytesToRead += Number(m.total_compressed_size);
        biggest = Math.max(biggest, Number(m.total_compressed_size) + Number(m.total_uncompressed_size));
      }
    }
    return {
      source: name,
      format,
      fileBytes: source.byteLength,
      bytesToRead,
      rows: info.numRows,
      eras: erasOf(info, plan.era) ?? Math.max(1, Math.round(info.numRows / ROWS_PER_ERA)),
      features: plan.features.length,
      featuresInFile: header.filter((c) => c.startsWith('feature_')).length,
      loadedBytes: loadedBytes(info.numRows, plan),
      readingBytes: biggest + 8 * groupRows
    };
  }
  const head = new Uint8Array(await source.slice(0, Math.min(source.byteLength, 65536)));
  const text = new TextDecoder().decode(head);
  const lines = text.split('\n');
  const header = lines[0].replace(/^\uFEFF/, '').split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  const plan = planColumns(header, [], options, name);
  const complete = lines.slice(1, -1);
  const perLine = complete.length ? complete.reduce((s, l) => s + l.length + 1, 0) / complete.length : source.byteLength;
  const rows = Math.max(0, Math.round((source.byteLength - lines[0].length - 1) / perLine));
  return {
    source: name,
    format,
    fileBytes: source.byteLength,
    bytesToRead: source.byteLength,
    rows,
    eras: Math.max(1, Math.round(rows / ROWS_PER_ERA)),
    features: plan.features.length,
    featuresInFile: header.filter((c) => c.startsWith('feature_')).length,
    loadedBytes: loadedBytes(rows, plan),
    readingBytes: 2 * (4 << 20)
  };
}

const planned = (plan: Plan) => [plan.id, plan.era, ...(plan.dataType ? [plan.dataType] : []), ...plan.features, ...plan.targets, ...plan.extra];

/** int8 features, float64 targets and extras, packed ids (8 bytes) and an era reference (8 bytes) per row. */
function loadedBytes(rows: number, plan: Plan): number {
  return rows * (plan.features.length + 8 * (plan.targets.length + plan.extra.length) + 16 + (plan.dataType ? 8 : 0));
}

/** The number of eras spanned by the era column's min/max statistics, summed over row groups without overlap. */
function erasOf(info: ParquetInfo, eraColumn: string): number | null {
  const seen = new Set<number>();
  for (const rg of info.metadata.row_groups) {
    const stats = rg.columns.find((c) => c.meta_data?.path_in_schema[0] === eraColumn)?.meta_data?.statistics;
    const lo = stats?.min_value ?? stats?.min, hi = stats?.max_value ?? stats?.max;
    if (typeof lo !== 'string' || typeof hi !== 'string') return null;
    const a = eraNumber(lo), b = eraNumber(hi);
    if (!(a === a && b === b) || b - a > 100_000) return null;
    for (let e = a; e <= b; ++e) seen.add(e);
  }
  return seen.size || null;
}
