import { parquetMetadataAsync, parquetSchema, type FileMetaData } from 'hyparquet';
import { PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';

/** A parquet file's footer: row counts, top-level columns with their types, and pandas index columns if recorded. */
export interface ParquetInfo {
  numRows: number;
  rowGroups: number;
  columns: { name: string; type: string }[];
  /** pandas `index_columns` from the file's "pandas" metadata (e.g. ["id"] or ["__index_level_0__"]). */
  indexColumns: string[];
  /** hyparquet's parsed footer, reused by readParquet. */
  metadata: FileMetaData;
}

/** Reads only the footer of a parquet file; PlaygroundError for a file that is not parquet, truncated or damaged. */
export async function readParquetInfo(source: ByteSource): Promise<ParquetInfo> {
  const name = source.name ?? 'the file';
  if (source.byteLength < 12) {
    throw new PlaygroundError(`${name} is not a parquet file: it is only ${source.byteLength} bytes long`);
  }
  const head = new Uint8Array(await source.slice(0, 4));
  const tail = new Uint8Array(await source.slice(source.byteLength - 4, source.byteLength));
  if (!isMagic(head)) throw new PlaygroundError(`${name} is not a parquet file: it does not start with "PAR1"`);
  if (!isMagic(tail)) {
    throw new PlaygroundError(`${name} is a truncated or damaged parquet file: it does not end with the parquet footer ("PAR1")`, {
      hints: ['The download was probably cut short: download the file again (its size should match the source).']
    });
  }
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(source);
  } catch (cause) {
    throw new PlaygroundError(`${name} is a damaged parquet file: its footer cannot be read (${(cause as Error).message})`, {
      hints: ['Download the file again; if it was written by your own code, check that the writer closed the file.'],
      cause
    });
  }
  const schema = parquetSchema(metadata);
  const columns = schema.children.map((c) => ({
    name: c.element.name,
    type: c.element.logical_type?.type ?? c.element.converted_type ?? c.element.type ?? 'GROUP'
  }));
  let indexColumns: string[] = [];
  const pandas = metadata.key_value_metadata?.find((kv) => kv.key === 'pandas')?.value;
  if (pandas) {
    try {
      const parsed = JSON.parse(pandas) as { index_columns?: unknown[] };
      indexColumns = (parsed.index_columns ?? []).filter((c): c is string => typeof c === 'string');
    } catch {
      // Unreadable pandas metadata only loses the index hint; the columns themselves are still usable.
    }
  }
  return { numRows: Number(metadata.num_rows), rowGroups: metadata.row_groups.length, columns, indexColumns, metadata };
}

const isMagic = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x41 && b[2] === 0x52 && b[3] === 0x31;
