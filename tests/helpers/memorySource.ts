// Test helper: an in-memory ByteSource that records which byte ranges were read.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ByteSource } from '../../src/lib/data/ByteSource';

export interface RecordingSource extends ByteSource {
  /** Total bytes handed out by slice(). */
  bytesRead: number;
  ranges: [number, number][];
  /** Bytes read by slices that end before the file's last 8 bytes: column data, not the footer or magic checks. */
  dataBytesRead(): number;
}

/** A ByteSource over bytes (or a file read whole) that counts the bytes each slice() returns. */
export function memorySource(input: Uint8Array | string, name?: string): RecordingSource {
  const bytes = typeof input === 'string' ? new Uint8Array(readFileSync(input)) : input;
  const source: RecordingSource = {
    byteLength: bytes.byteLength,
    name: name ?? (typeof input === 'string' ? basename(input) : 'bytes'),
    bytesRead: 0,
    ranges: [],
    dataBytesRead: () => source.ranges.filter(([s, e]) => e < bytes.byteLength - 8 && e - s > 4).reduce((t, [s, e]) => t + e - s, 0),
    slice(start: number, end = bytes.byteLength) {
      source.bytesRead += end - start;
      source.ranges.push([start, end]);
      return bytes.slice(start, end).buffer as ArrayBuffer;
    }
  };
  return source;
}
