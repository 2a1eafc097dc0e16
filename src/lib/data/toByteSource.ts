import type { ByteSource } from './ByteSource';

/** Anything the loaders accept as a file: a ByteSource, a Blob/File, bytes, or CSV text. */
export type FileInput = ByteSource | Blob | ArrayBuffer | Uint8Array | string;

/** Wraps a Blob/File (read by `slice().arrayBuffer()`), bytes or text as a ByteSource named `name` (default: the File's name). */
export function toByteSource(input: FileInput, name?: string): ByteSource {
  if (typeof input === 'string') return bytesSource(new TextEncoder().encode(input), name ?? 'text');
  if (input instanceof Uint8Array) return bytesSource(input, name ?? 'bytes');
  if (input instanceof ArrayBuffer) return bytesSource(new Uint8Array(input), name ?? 'bytes');
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const blob = input;
    const fileName = name ?? (blob as Blob & { name?: string }).name ?? 'file';
    return { byteLength: blob.size, name: fileName, slice: (start, end) => blob.slice(start, end).arrayBuffer() };
  }
  const source = input as ByteSource;
  return name && name !== source.name ? { byteLength: source.byteLength, slice: source.slice.bind(source), name } : source;
}

function bytesSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    byteLength: bytes.byteLength,
    name,
    // Copy the range: callers may keep or transfer the buffer.
    slice: (start, end = bytes.byteLength) => bytes.slice(start, end).buffer as ArrayBuffer
  };
}
