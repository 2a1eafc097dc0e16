import { detectFormat } from './detectFormat';
import { readParquetInfo } from './readParquetInfo';
import { toByteSource, type FileInput } from './toByteSource';

/**
 * The column names of a parquet or CSV file, reading only its footer (parquet) or its header line (CSV), to tell what
 * kind of file it is before loading it.
 */
export async function readColumnNames(input: FileInput, name?: string): Promise<string[]> {
  const source = toByteSource(input, name);
  if ((await detectFormat(source)) === 'parquet') return (await readParquetInfo(source)).columns.map((c) => c.name);
  const head = new TextDecoder().decode(await source.slice(0, Math.min(source.byteLength, 65_536)));
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
}
