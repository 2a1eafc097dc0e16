/**
 * Decodes parquet's RLE/bit-packed hybrid encoding from bytes[start, end) into out (all of it, or until the bytes
 * run out); returns the number of values decoded. Bit widths 0–24. Unlike a plain decoder it never loops past
 * `out.length`, so a corrupted run length costs nothing. Source: https://parquet.apache.org/docs/file-format/data-pages/encodings/
 */
export function readRleHybrid(bytes: Uint8Array, start: number, end: number, width: number, out: Uint8Array | Uint32Array): number {
  if (width > 24) throw new RangeError(`bit width ${width} is not supported`);
  const n = out.length;
  const byteWidth = (width + 7) >> 3;
  const mask = width === 0 ? 0 : (1 << width) - 1;
  let p = start, seen = 0;
  while (seen < n && p < end) {
    // ULEB128 run header
    let header = 0, shift = 0, b: number;
    do {
      b = bytes[p++];
      header += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80 && p < end && shift < 35);
    if (header % 2 === 0) {
      // RLE run: one value repeated
      let value = 0;
      for (let k = 0; k < byteWidth; ++k) value |= bytes[p++] << (8 * k);
      const stop = Math.min(n, seen + header / 2);
      out.fill(value, seen, stop);
      seen = stop;
    } else {
      // Bit-packed run: (header >> 1) groups of 8 values, least significant bit first
      const count = Math.floor(header / 2) * 8;
      const runEnd = Math.min(end, p + Math.floor(header / 2) * width);
      let k = 0;
      if (width <= 4) {
        // A group of 8 values fills `width` ≤ 4 bytes: one 32-bit word per group (dictionary indices of Numerai's
        // 5 bins have width 3, definition levels width 1).
        for (; k + 8 <= count && seen + 8 <= n && p + 4 <= runEnd + (4 - width) && p + 4 <= bytes.length; k += 8, p += width) {
          const v = (bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24)) >>> 0;
          out[seen] = v & mask;
          out[seen + 1] = (v >>> width) & mask;
          out[seen + 2] = (v >>> (2 * width)) & mask;
          out[seen + 3] = (v >>> (3 * width)) & mask;
          out[seen + 4] = (v >>> (4 * width)) & mask;
          out[seen + 5] = (v >>> (5 * width)) & mask;
          out[seen + 6] = (v >>> (6 * width)) & mask;
          out[seen + 7] = (v >>> (7 * width)) & mask;
          seen += 8;
        }
      }
      let buf = 0, bits = 0;
      for (; k < count && seen < n; ++k) {
        while (bits < width) {
          buf |= (p < runEnd ? bytes[p++] : 0) << bits;
          bits += 8;
        }
        out[seen++] = buf & mask;
        buf >>>= width;
        bits -= width;
      }
      p = runEnd;
    }
  }
  return seen;
}
