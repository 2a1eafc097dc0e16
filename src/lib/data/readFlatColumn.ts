import type { ColumnMetaData, Compressors, SchemaElement } from 'hyparquet';
// hyparquet's page-level building blocks (exported as hyparquet/src/*.js; version pinned in package.json).
import { parquetHeader } from 'hyparquet/src/column.js';
import { decompressPage } from 'hyparquet/src/datapage.js';
import { readPlain } from 'hyparquet/src/plain.js';
import { readRleHybrid } from './readRleHybrid';

/**
 * One decoded data page of a flat column. Row i of the page is null when `defs` && defs[i] === 0; otherwise its value
 * is `dict[idx[k]]` (dictionary-encoded) or `values[k]`, k counting the non-null rows so far.
 */
export interface FlatPage {
  rows: number;
  defs: Uint8Array | null;
  idx: Uint32Array | null;
  /** Dense non-null values, or the dictionary when `idx` is set. */
  values: ArrayLike<number> | string[] | ByteValues;
}

/** BYTE_ARRAY values left as bytes (`raw` reads): value k is bytes[starts[k], ends[k]). */
export interface ByteValues {
  bytes: Uint8Array;
  starts: Uint32Array;
  ends: Uint32Array;
}

const NUMERIC = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);
const SIGNED = new Set([undefined, 'INT_8', 'INT_16', 'INT_32', 'INT_64']);
const ENCODINGS = new Set(['PLAIN', 'PLAIN_DICTIONARY', 'RLE_DICTIONARY', 'RLE']);

/** Whether readFlatColumn can decode this top-level column chunk (plain/dictionary pages of a primitive, non-nested type). */
export function canReadFlat(element: SchemaElement, meta: ColumnMetaData, asStrings: boolean): boolean {
  if (element.num_children || element.repetition_type === 'REPEATED' || meta.path_in_schema.length !== 1) return false;
  if (!meta.encodings.every((e) => ENCODINGS.has(e))) return false;
  if (asStrings) return meta.type === 'BYTE_ARRAY' && (element.converted_type === undefined || element.converted_type === 'UTF8');
  const logical = element.logical_type;
  return NUMERIC.has(meta.type) && SIGNED.has(element.converted_type) && (!logical || (logical.type === 'INTEGER' && logical.isSigned));
}

/**
 * Decodes a whole flat column chunk into pages of typed arrays, without building per-row JS arrays (hyparquet's
 * generic path assembles every optional column through its nested-list assembler, about 2× slower here).
 * Returns null on a page layout it does not handle, so the caller can fall back to parquetRead.
 */
export function readFlatColumn(bytes: Uint8Array, meta: ColumnMetaData, element: SchemaElement, compressors: Compressors, rows: number, raw = false): FlatPage[] | null {
  const reader = { view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), offset: 0 };
  const optional = element.repetition_type !== 'REQUIRED';
  const pages: FlatPage[] = [];
  let dict: FlatPage['values'] | null = null;
  let seen = 0;
  while (seen < rows && reader.offset < bytes.byteLength) {
    const header = parquetHeader(reader);
    if (!(header.compressed_page_size >= 0 && reader.offset + header.compressed_page_size <= bytes.byteLength)) {
      throw new Error(`page of ${header.compressed_page_size} bytes runs past the end of its column chunk`);
    }
    const compressed = bytes.subarray(reader.offset, reader.offset + header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    if (header.type === 'DICTIONARY_PAGE') {
      const n = header.dictionary_page_header?.num_values ?? 0;
      const page = decompress(compressed, header.uncompressed_page_size, meta, compressors);
      dict = readValues(page, 0, meta.type, n, raw);
    } else if (header.type === 'DATA_PAGE') {
      const h = header.data_page_header!;
      if (optional && h.definition_level_encoding !== 'RLE') return null;
      const page = decompress(compressed, header.uncompressed_page_size, meta, compressors);
      const n = h.num_values;
      let defs: Uint8Array | null = null, present = n, offset = 0;
      if (optional) {
        // v1 levels: a 4-byte length, then the RLE/bit-packed runs
        const length = page.length >= 4 ? new DataView(page.buffer, page.byteOffset, 4).getUint32(0, true) : 0;
        if (!allDefined(page, 4, Math.min(page.length, 4 + length), n)) {
          defs = new Uint8Array(n);
          if (readRleHybrid(page, 4, Math.min(page.length, 4 + length), 1, defs) < n) throw new Error('definition levels end early');
          present = count(defs);
        }
        offset = 4 + length;
      }
      const p = readData(page, offset, page.byteLength, h.encoding, meta.type, present, dict, raw);
      if (!p) return null;
      pages.push({ rows: n, defs: present === n ? null : defs, ...p });
      seen += n;
    } else if (header.type === 'DATA_PAGE_V2') {
      const h = header.data_page_header_v2!;
      if (h.repetition_levels_byte_length) return null;
      const n = h.num_values;
      let defs: Uint8Array | null = null;
      const levelBytes = h.definition_levels_byte_length;
      if (optional && levelBytes) {
        defs = new Uint8Array(n);
        if (readRleHybrid(compressed, 0, Math.min(levelBytes, compressed.length), 1, defs) < n) throw new Error('definition levels end early');
      }
      let page = compressed.subarray(levelBytes);
      const size = header.uncompressed_page_size - levelBytes;
      if (h.is_compressed !== false && size) page = decompress(page, size, meta, compressors);
      const present = n - h.num_nulls;
      const p = readData(page, 0, page.byteLength, h.encoding, meta.type, present, dict, raw);
      if (!p) return null;
      pages.push({ rows: n, defs: present === n ? null : defs, ...p });
      seen += n;
    }
    // Index pages carry no rows: skipped.
  }
  return pages;
}

/** Decompresses a page, refusing sizes larger than the whole column chunk claims (a corrupted header). */
function decompress(page: Uint8Array, size: number, meta: ColumnMetaData, compressors: Compressors): Uint8Array {
  if (!(size >= 0 && size <= Number(meta.total_uncompressed_size))) throw new Error(`page claims ${size} bytes, more than its column chunk`);
  return decompressPage(page, size, meta.codec, compressors);
}

/** Whether definition levels bytes[start, end) are one RLE run of n or more 1s (no nulls: the usual case). */
function allDefined(bytes: Uint8Array, start: number, end: number, n: number): boolean {
  let header = 0, shift = 0, p = start, b: number;
  do {
    if (p >= end) return false;
    b = bytes[p++];
    header += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80 && shift < 35);
  return header % 2 === 0 && header / 2 >= n && p < end && bytes[p] === 1;
}

function count(defs: Uint8Array): number {
  let k = 0;
  for (let i = 0; i < defs.length; ++i) k += defs[i];
  return k;
}

/** The values part of a data page: dictionary indices or plain values. */
function readData(page: Uint8Array, offset: number, end: number, encoding: string, type: string, present: number, dict: FlatPage['values'] | null, raw: boolean) {
  if (encoding === 'PLAIN') return { idx: null, values: readValues(page, offset, type, present, raw) };
  if (encoding !== 'PLAIN_DICTIONARY' && encoding !== 'RLE_DICTIONARY') return null;
  if (!dict) throw new Error('parquet dictionary page missing before a dictionary-encoded page');
  const idx = new Uint32Array(present);
  const width = page[offset];
  if (width > 24) return null;
  if (width && readRleHybrid(page, offset + 1, end, width, idx) < present) throw new Error('dictionary indices end early');
  const entries = 'starts' in dict ? dict.starts.length : dict.length;
  for (let k = 0; k < present; ++k) if (idx[k] >= entries) throw new Error(`dictionary index ${idx[k]} out of range (${entries} entries)`);
  return { idx, values: dict };
}

const utf8 = new TextDecoder();
const codes: number[] = [];

/**
 * `count` PLAIN values of a primitive type starting at `offset`: numbers as typed arrays (INT64 → Float64Array),
 * BYTE_ARRAY as strings, or as byte ranges when `raw`.
 */
function readValues(page: Uint8Array, offset: number, type: string, n: number, raw = false): FlatPage['values'] {
  if (type === 'BYTE_ARRAY' && raw) {
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    const starts = new Uint32Array(n), ends = new Uint32Array(n);
    let p = offset;
    for (let i = 0; i < n; ++i) {
      if (p + 4 > page.byteLength) throw new Error('parquet byte array runs past the end of its page');
      const len = view.getUint32(p, true);
      starts[i] = p += 4;
      ends[i] = p += len;
    }
    if (p > page.byteLength) throw new Error('parquet byte array runs past the end of its page');
    return { bytes: page, starts, ends };
  }
  if (type === 'BYTE_ARRAY') {
    const out = new Array<string>(n);
    const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
    let p = offset;
    for (let i = 0; i < n; ++i) {
      const len = view.getUint32(p, true);
      p += 4;
      let ascii = len <= 64;
      if (ascii) {
        // Copy the bytes into a reused plain array: fromCharCode.apply on it is ~2× faster than on a fresh subarray.
        codes.length = len;
        for (let j = 0; j < len; ++j) {
          const c = page[p + j];
          if (c > 127) ascii = false;
          codes[j] = c;
        }
      }
      out[i] = ascii ? String.fromCharCode.apply(null, codes) : utf8.decode(page.subarray(p, p + len));
      p += len;
    }
    if (p > page.byteLength) throw new Error('parquet byte array runs past the end of its page');
    return out;
  }
  const values = readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset }, type as 'INT32', n, undefined);
  if (values instanceof BigInt64Array) return Float64Array.from(values, Number);
  return values as ArrayLike<number>;
}
