import { PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';

/**
 * "parquet" when the file starts with the magic bytes PAR1, "csv" when its first 64 KiB look like delimited UTF-8 text
 * with a header line; PlaygroundError otherwise (whatever the file extension says).
 */
export async function detectFormat(source: ByteSource): Promise<'parquet' | 'csv'> {
  const name = source.name ?? 'The file';
  if (source.byteLength === 0) throw new PlaygroundError(`${name} is empty (0 bytes)`);
  const magic = new Uint8Array(await source.slice(0, Math.min(source.byteLength, 4)));
  if (magic.length === 4 && magic[0] === 0x50 && magic[1] === 0x41 && magic[2] === 0x52 && magic[3] === 0x31) return 'parquet';
  const head = new Uint8Array(await source.slice(0, Math.min(source.byteLength, 65536)));
  const why = notCsvReason(head, source.byteLength > head.length);
  if (why) {
    throw new PlaygroundError(`${name} is not a parquet or CSV file: ${why}`, {
      hints: ['Upload the .parquet or .csv file itself (not a .zip, .xlsx or .pkl), e.g. validation.parquet or predictions.csv.']
    });
  }
  return 'csv';
}

function notCsvReason(head: Uint8Array, truncated: boolean): string | null {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'it is a ZIP archive (unzip it first)';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'it is gzip-compressed (decompress it first)';
  if (head.includes(0)) return 'it contains binary data (NUL bytes)';
  let text: string;
  try {
    // A multi-byte character may be cut at the 64 KiB boundary: decode leniently there.
    text = new TextDecoder('utf-8', { fatal: !truncated }).decode(head);
  } catch {
    return 'it is not UTF-8 text';
  }
  if (/[\uFFFD]/.test(text.slice(0, text.length - 4))) return 'it is not UTF-8 text';
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  if (!firstLine.includes(',')) return 'its first line has no commas, so it is not a CSV header';
  let control = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) control++;
  }
  if (control > 0) return 'it contains control characters, so it is not text';
  return null;
}
