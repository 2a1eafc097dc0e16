// Node-only test/benchmark helper: writes Numerai-shaped parquet files with DuckDB, a mainstream parquet writer
// independent of the reader under test (hyparquet).
import { DOUBLE, DuckDBDataChunk, DuckDBInstance, FLOAT, TINYINT, VARCHAR, type DuckDBType } from '@duckdb/node-api';
import type { Dataset } from '../../src/lib/data/Dataset';

/** One column to write: strings (VARCHAR), int8 bins (TINYINT), float32 (FLOAT, like Numerai's targets) or float64 (DOUBLE). */
export type ParquetColumn =
  | { name: string; type: 'varchar'; values: ArrayLike<string | null> }
  | { name: string; type: 'tinyint'; values: ArrayLike<number> }
  | { name: string; type: 'float' | 'double'; values: ArrayLike<number> };

export interface WriteParquetOptions {
  /** Page compression (default zstd, as Numerai ships its files). */
  compression?: 'zstd' | 'snappy' | 'gzip' | 'uncompressed';
  /** Rows per row group (default 122,880, DuckDB's default). */
  rowGroupSize?: number;
  /** How NaN floats are stored: as NULL (default, what pandas → pyarrow writes) or as IEEE NaN. */
  nanAs?: 'null' | 'nan';
  /**
   * How the `id` column is stored: a plain column (default, DuckDB/polars style); `pandas`: a named pandas index
   * (`{"index_columns": ["id"]}` pandas metadata, like Numerai's files); `pandas-unnamed`: an unnamed pandas index
   * stored as `__index_level_0__`.
   */
  index?: 'column' | 'pandas' | 'pandas-unnamed';
  /** Parquet format version: V1 (default, data page v1) or V2 (data page v2 and DuckDB's newer encodings such as DELTA_*). */
  parquetVersion?: 'V1' | 'V2';
}

export interface WriteDatasetOptions extends WriteParquetOptions {
  /** Which of `ds.columns` to include (default all). */
  columns?: string[];
  /** Store targets as FLOAT (default, like Numerai) or DOUBLE. */
  targetType?: 'float' | 'double';
}

const CHUNK = 2048;

/** Writes columns to a parquet file with DuckDB (`COPY … (FORMAT parquet, COMPRESSION …, ROW_GROUP_SIZE …)`), rows in order. */
export async function writeParquet(path: string, columns: ParquetColumn[], options: WriteParquetOptions = {}): Promise<void> {
  const n = columns[0]?.values.length ?? 0;
  for (const c of columns) {
    if (c.values.length !== n) throw new RangeError(`column ${c.name} has ${c.values.length} values, expected ${n}`);
  }
  const { compression = 'zstd', rowGroupSize = 122_880, nanAs = 'null', index = 'column', parquetVersion = 'V1' } = options;
  const names = columns.map((c) => (index === 'pandas-unnamed' && c.name === 'id' ? '__index_level_0__' : c.name));
  const sqlType = { varchar: 'VARCHAR', tinyint: 'TINYINT', float: 'FLOAT', double: 'DOUBLE' } as const;
  const duckType: Record<ParquetColumn['type'], DuckDBType> = { varchar: VARCHAR, tinyint: TINYINT, float: FLOAT, double: DOUBLE };
  const instance = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '256MB', preserve_insertion_order: 'true' });
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE t (${columns.map((c, k) => `${quote(names[k])} ${sqlType[c.type]}`).join(', ')})`);
    const appender = await db.createAppender('t');
    const types = columns.map((c) => duckType[c.type]);
    const chunk = DuckDBDataChunk.create(types, CHUNK);
    for (let start = 0; start < n; start += CHUNK) {
      const end = Math.min(n, start + CHUNK);
      chunk.reset();
      chunk.rowCount = end - start;
      columns.forEach((c, k) => {
        const part: (string | number | null)[] = new Array(end - start);
        for (let i = start; i < end; ++i) {
          const v = c.values[i];
          part[i - start] = typeof v === 'number' && v !== v && nanAs === 'null' ? null : v;
        }
        chunk.setColumnValues(k, part);
      });
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    const kv = index === 'column' ? '' : `, KV_METADATA {pandas: ${sqlString(pandasMetadata(columns, names, index))}}`;
    const codec = compression === 'uncompressed' ? 'uncompressed' : compression;
    await db.run(`COPY t TO ${sqlString(path)} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE ${rowGroupSize}, PARQUET_VERSION ${parquetVersion}${kv})`);
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** Writes a Dataset as Numerai ships it: id, era, data_type, int8 features, float32 targets, then extra float64 columns. */
export async function writeDatasetParquet(path: string, ds: Dataset, options: WriteDatasetOptions = {}): Promise<void> {
  const eraOfRow = new Array<string>(ds.n);
  for (let k = 0; k < ds.eras.length; ++k) eraOfRow.fill(ds.eras[k], ds.eraStarts[k], ds.eraStarts[k + 1]);
  const cols: ParquetColumn[] = [
    { name: 'id', type: 'varchar', values: ds.ids.toArray() },
    { name: 'era', type: 'varchar', values: eraOfRow }
  ];
  if (ds.dataType) cols.push({ name: 'data_type', type: 'varchar', values: ds.dataType });
  ds.featureNames.forEach((name, j) => cols.push({ name, type: 'tinyint', values: ds.features[j] }));
  for (const [name, values] of Object.entries(ds.targets)) cols.push({ name, type: options.targetType ?? 'float', values });
  for (const name of options.columns ?? Object.keys(ds.columns)) cols.push({ name, type: 'double', values: ds.columns[name] });
  await writeParquet(path, cols, options);
}

/** Writes a predictions file (`id`, optional `era`, one float64 column named `column`, default "prediction"). */
export async function writePredictionsParquet(
  path: string,
  ids: ArrayLike<string>,
  values: ArrayLike<number>,
  options: WriteParquetOptions & { column?: string; eras?: ArrayLike<string> } = {}
): Promise<void> {
  const cols: ParquetColumn[] = [{ name: 'id', type: 'varchar', values: ids }];
  if (options.eras) cols.push({ name: 'era', type: 'varchar', values: options.eras });
  cols.push({ name: options.column ?? 'prediction', type: 'double', values });
  await writeParquet(path, cols, options);
}

/** pandas' parquet metadata for a frame whose index is the id column (what `df.to_parquet()` stores). */
function pandasMetadata(columns: ParquetColumn[], names: string[], index: 'pandas' | 'pandas-unnamed'): string {
  const dtype = { varchar: 'object', tinyint: 'int8', float: 'float32', double: 'float64' } as const;
  return JSON.stringify({
    index_columns: [names[columns.findIndex((c) => c.name === 'id')]],
    column_indexes: [],
    columns: columns.map((c, k) => ({
      name: c.name === 'id' && index === 'pandas-unnamed' ? null : c.name,
      field_name: names[k],
      pandas_type: c.type === 'varchar' ? 'unicode' : dtype[c.type],
      numpy_type: dtype[c.type],
      metadata: null
    })),
    creator: { library: 'pyarrow', version: '17.0.0' },
    pandas_version: '2.2.2'
  });
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
