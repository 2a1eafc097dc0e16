/**
 * Random-access bytes of a file, read by range: a browser `File`/`Blob` (see `toByteSource`), an in-memory buffer,
 * or a Node file handle (`node/openFileSource`). Structurally the same as hyparquet's `AsyncBuffer`, so a parquet
 * file is read row group by row group without ever holding the whole file.
 */
export interface ByteSource {
  /** File size in bytes. */
  byteLength: number;
  /** Bytes [start, end) of the file (end defaults to the file size). */
  slice(start: number, end?: number): ArrayBuffer | Promise<ArrayBuffer>;
  /** File name for messages ("validation.parquet"). */
  name?: string;
}
