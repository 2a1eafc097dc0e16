import type { ByteSource } from './ByteSource';
import type { ColumnsRead, ReadProgress } from './ColumnRequest';
import { CsvParser, type CsvParserOptions } from './CsvParser';

export interface ParseCsvOptions extends CsvParserOptions {
  /** Called after each chunk; for a ByteSource `fraction` is bytes read over file size. */
  onProgress?: (progress: ReadProgress) => void;
  /** Bytes per read from a ByteSource (default 4 MiB). */
  chunkSize?: number;
}

/**
 * Parses CSV from text, bytes, a ByteSource (read in chunks, so the text is never held whole) or an async iterable of
 * chunks (e.g. a `ReadableStream`), materialising only the requested columns. See CsvParser for the value rules.
 */
export async function parseCsv(
  input: string | Uint8Array | ByteSource | AsyncIterable<Uint8Array | string>,
  options: ParseCsvOptions
): Promise<ColumnsRead> {
  const parser = new CsvParser(options);
  const report = (bytesRead: number, totalBytes: number) =>
    options.onProgress?.({ fraction: totalBytes ? bytesRead / totalBytes : 1, rowsRead: 0, totalRows: 0, bytesRead, totalBytes });
  if (typeof input === 'string' || input instanceof Uint8Array) {
    parser.push(input);
    report(1, 1);
  } else if (Symbol.asyncIterator in input) {
    for await (const chunk of input) parser.push(chunk);
    report(1, 1);
  } else {
    const size = input.byteLength;
    const step = options.chunkSize ?? 4 << 20;
    for (let start = 0; start < size; start += step) {
      const end = Math.min(size, start + step);
      parser.push(new Uint8Array(await input.slice(start, end)));
      report(end, size);
    }
    if (size === 0) report(0, 0);
  }
  return parser.finish();
}
