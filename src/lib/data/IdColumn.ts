/**
 * How the ids of a packed column are spelled: `prefix` (everything up to the last character that is not a
 * lower-case hex digit, e.g. "n") followed by exactly `width` lower-case hex digits (1–16). Numerai's ids are "n" + 15.
 */
export interface HexFormat {
  prefix: string;
  width: number;
}

/** Duplicate ids of a column: how many rows repeat an earlier id, and the first such id with its count. */
export interface Duplicates {
  rows: number;
  example: string;
  times: number;
}

const EMPTY = -1;

/**
 * A column of row ids held without a string per row where possible: ids of one fixed-width hex format are packed into
 * two uint32 per row (`hi` = the digits before the last 8, `lo` = the last 8) and compared, hashed and sorted as
 * integers; any other ids are kept as strings. Strings are made only when asked for (`at`, `toArray`).
 * @example const ids = IdColumn.fromStrings(['n003bba8a98662e4', 'n0041ad9f6e24b51']); ids.format // { prefix: 'n', width: 15 }
 */
export class IdColumn {
  readonly length: number;
  /** The packed spelling, or null when the ids are kept as strings. */
  readonly format: HexFormat | null;
  readonly hi: Uint32Array | null;
  readonly lo: Uint32Array | null;
  #strings: string[] | null;
  #index: IdIndex | null = null;
  #sorted: boolean | null = null;

  private constructor(length: number, format: HexFormat | null, hi: Uint32Array | null, lo: Uint32Array | null, strings: string[] | null) {
    this.length = length;
    this.format = format;
    this.hi = hi;
    this.lo = lo;
    this.#strings = strings;
  }

  /** A packed column (hi/lo as described on the class). */
  static packed(format: HexFormat, hi: Uint32Array, lo: Uint32Array): IdColumn {
    if (hi.length !== lo.length) throw new RangeError('IdColumn.packed: hi and lo differ in length');
    return new IdColumn(lo.length, format, hi, lo, null);
  }

  /** A column that keeps `ids` as strings (no packing attempted). */
  static unpacked(ids: string[]): IdColumn {
    return new IdColumn(ids.length, null, null, null, ids);
  }

  /** Packs `ids` when they all share one hex format; keeps the strings otherwise. */
  static fromStrings(ids: readonly string[]): IdColumn {
    const b = new IdColumnBuilder(ids.length);
    for (let i = 0; i < ids.length; ++i) b.setString(i, ids[i]);
    return b.finish(ids.length);
  }

  /** The id of row i as a string. */
  at(i: number): string {
    if (this.#strings) return this.#strings[i];
    return spell(this.format!, this.hi![i], this.lo![i]);
  }

  /** Every id as a string (made once, then kept). */
  toArray(): string[] {
    if (!this.#strings) {
      const out = new Array<string>(this.length);
      for (let i = 0; i < this.length; ++i) out[i] = spell(this.format!, this.hi![i], this.lo![i]);
      this.#strings = out;
    }
    return this.#strings;
  }

  /** A new column of rows[0], rows[1], … */
  take(rows: Uint32Array): IdColumn {
    const m = rows.length;
    if (this.format) {
      const hi = new Uint32Array(m), lo = new Uint32Array(m);
      for (let i = 0; i < m; ++i) {
        hi[i] = this.hi![rows[i]];
        lo[i] = this.lo![rows[i]];
      }
      return IdColumn.packed(this.format, hi, lo);
    }
    const s = this.#strings!;
    const out = new Array<string>(m);
    for (let i = 0; i < m; ++i) out[i] = s[rows[i]];
    return new IdColumn(m, null, null, null, out);
  }

  /** Rows 0..n−1 only (the same arrays when n is the length). */
  head(n: number): IdColumn {
    if (n === this.length) return this;
    if (this.format) return IdColumn.packed(this.format, this.hi!.slice(0, n), this.lo!.slice(0, n));
    return new IdColumn(n, null, null, null, this.#strings!.slice(0, n));
  }

  /** How many rows hold the id of row i. */
  occurrences(i: number): number {
    let k = 0;
    if (this.format) {
      const hi = this.hi!, lo = this.lo!, h = hi[i], l = lo[i];
      for (let r = 0; r < this.length; ++r) if (hi[r] === h && lo[r] === l) k++;
    } else {
      const s = this.#strings!, id = s[i];
      for (let r = 0; r < this.length; ++r) if (s[r] === id) k++;
    }
    return k;
  }

  /** Rows with an empty id (only a string column can have them). */
  countEmpty(): number {
    if (this.format) return 0;
    let k = 0;
    for (const s of this.#strings!) if (!s) k++;
    return k;
  }

  /** Whether the ids are in strictly increasing order (integer order when packed, code-unit order otherwise). */
  isSorted(): boolean {
    if (this.#sorted === null) {
      let ok = true;
      if (this.format) {
        const hi = this.hi!, lo = this.lo!;
        for (let i = 1; i < this.length && ok; ++i) ok = hi[i] > hi[i - 1] || (hi[i] === hi[i - 1] && lo[i] > lo[i - 1]);
      } else {
        const s = this.#strings!;
        for (let i = 1; i < this.length && ok; ++i) ok = s[i] > s[i - 1];
      }
      this.#sorted = ok;
    }
    return this.#sorted;
  }

  /** Whether `other` holds the same ids in the same order. */
  equals(other: IdColumn): boolean {
    if (other === this) return true;
    if (other.length !== this.length) return false;
    if (this.format && other.format && sameFormat(this.format, other.format)) {
      const a = this.hi!, b = other.hi!, c = this.lo!, d = other.lo!;
      for (let i = 0; i < this.length; ++i) if (a[i] !== b[i] || c[i] !== d[i]) return false;
      return true;
    }
    if (this.format && other.format) return false;
    for (let i = 0; i < this.length; ++i) if (this.at(i) !== other.at(i)) return false;
    return true;
  }

  /** Ids that appear more than once (null if none). Uses the column's sort order or its hash index (kept for joins). */
  duplicates(): Duplicates | null {
    if (this.isSorted()) return null;
    return this.index().duplicates;
  }

  /** The hash index of the column (built once): row of an id, and the duplicates found while building it. */
  index(): IdIndex {
    return (this.#index ??= new IdIndex(this));
  }

  /**
   * For each row of `keys`, the row of this column with the same id, or −1 (this column's ids must be unique).
   * Same order → identity; both sorted → merge; otherwise a probe of this column's hash index with integer keys.
   */
  rowsOf(keys: IdColumn): Int32Array {
    const out = new Int32Array(keys.length);
    if (keys.equals(this)) {
      for (let i = 0; i < out.length; ++i) out[i] = i;
      return out;
    }
    if (this.format && keys.format && sameFormat(this.format, keys.format) && this.isSorted() && keys.isSorted()) {
      mergeRows(this, keys, out);
      return out;
    }
    const index = this.index();
    if (this.format && keys.format && sameFormat(this.format, keys.format)) {
      const hi = keys.hi!, lo = keys.lo!;
      for (let i = 0; i < out.length; ++i) out[i] = index.find(hi[i], lo[i]);
    } else if (this.format) {
      // Keys of another spelling: those that fit this column's format are packed; the rest cannot match.
      const parser = new HexParser(this.format);
      for (let i = 0; i < out.length; ++i) out[i] = parser.parseString(keys.at(i)) ? index.find(parser.hi, parser.lo) : EMPTY;
    } else {
      for (let i = 0; i < out.length; ++i) out[i] = index.findString(keys.at(i));
    }
    return out;
  }
}

const sameFormat = (a: HexFormat, b: HexFormat) => a.prefix === b.prefix && a.width === b.width;

function mergeRows(data: IdColumn, keys: IdColumn, out: Int32Array): void {
  const dh = data.hi!, dl = data.lo!, kh = keys.hi!, kl = keys.lo!;
  let j = 0;
  for (let i = 0; i < keys.length; ++i) {
    while (j < data.length && (dh[j] < kh[i] || (dh[j] === kh[i] && dl[j] < kl[i]))) j++;
    out[i] = j < data.length && dh[j] === kh[i] && dl[j] === kl[i] ? j : EMPTY;
  }
}

const HEX_CHARS = '0123456789abcdef';

function hex(value: number, digits: number): string {
  let s = '';
  for (let k = digits - 1; k >= 0; --k) s += HEX_CHARS[Math.floor(value / 16 ** k) % 16];
  return s;
}

function spell(format: HexFormat, hi: number, lo: number): string {
  const w = format.width;
  return w > 8 ? format.prefix + hex(hi, w - 8) + hex(lo, 8) : format.prefix + hex(lo, w);
}

/** Value of each byte as a lower-case hex digit, −1 for any other byte. */
const HEX_VALUE = Int8Array.from({ length: 256 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1));

/** The value of a lower-case hex digit's char code, or −1. */
const hexValue = (c: number): number => (c < 256 ? HEX_VALUE[c] : -1);

/** The format an id suggests: everything up to its last non-hex character is the prefix; null if that leaves 0 or > 16 digits. */
function formatOf(id: string): HexFormat | null {
  let k = id.length;
  while (k > 0 && hexValue(id.charCodeAt(k - 1)) >= 0) k--;
  const width = id.length - k;
  return width >= 1 && width <= 16 ? { prefix: id.slice(0, k), width } : null;
}

/** Parses ids of one format from bytes or strings into `hi`/`lo`; false when an id does not fit the format. */
class HexParser {
  hi = 0;
  lo = 0;
  readonly #prefix: Uint8Array;
  readonly #prefixText: string;
  readonly #width: number;
  readonly #length: number;
  constructor(format: HexFormat) {
    this.#prefixText = format.prefix;
    this.#prefix = new TextEncoder().encode(format.prefix);
    this.#width = format.width;
    this.#length = this.#prefix.length + format.width;
  }

  parseBytes(b: Uint8Array, s: number, e: number): boolean {
    if (e - s !== this.#length) return false;
    const p = this.#prefix;
    for (let k = 0; k < p.length; ++k) if (b[s + k] !== p[k]) return false;
    // Digits before the last 8 go to hi, the last 8 to lo; a non-hex byte makes the OR negative.
    let hi = 0, lo = 0, bad = 0;
    const split = e - 8 > s + p.length ? e - 8 : s + p.length;
    for (let i = s + p.length; i < split; ++i) {
      const d = HEX_VALUE[b[i]];
      bad |= d;
      hi = hi * 16 + d;
    }
    for (let i = split; i < e; ++i) {
      const d = HEX_VALUE[b[i]];
      bad |= d;
      lo = lo * 16 + d;
    }
    if (bad < 0) return false;
    this.hi = hi;
    this.lo = lo;
    return true;
  }

  parseString(id: string): boolean {
    if (id.length !== this.#prefixText.length + this.#width || !id.startsWith(this.#prefixText)) return false;
    let hi = 0, lo = 0;
    const split = id.length - 8;
    for (let i = this.#prefixText.length; i < id.length; ++i) {
      const d = hexValue(id.charCodeAt(i));
      if (d < 0) return false;
      if (i < split) hi = hi * 16 + d;
      else lo = lo * 16 + d;
    }
    this.hi = hi;
    this.lo = lo;
    return true;
  }
}

/**
 * Builds an IdColumn row by row from bytes (parquet pages, CSV fields) or strings. Rows are set in increasing order
 * (a row may be set again, e.g. after a filter dropped it). The first id chooses the format; an id that does not fit
 * turns the column into strings (the packed rows so far are spelled out).
 */
export class IdColumnBuilder {
  #capacity: number;
  #format: HexFormat | null | undefined = undefined;
  #parser: HexParser | null = null;
  #hi: Uint32Array;
  #lo: Uint32Array;
  #strings: string[] | null = null;
  #decoder = new TextDecoder();

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#hi = new Uint32Array(capacity);
    this.#lo = new Uint32Array(capacity);
  }

  /** Room for `capacity` rows (only grows). */
  grow(capacity: number): void {
    if (capacity <= this.#capacity) return;
    this.#capacity = capacity;
    if (this.#strings) {
      this.#strings.length = capacity;
      return;
    }
    const hi = new Uint32Array(capacity), lo = new Uint32Array(capacity);
    hi.set(this.#hi);
    lo.set(this.#lo);
    this.#hi = hi;
    this.#lo = lo;
  }

  /** Row i's id from UTF-8 bytes b[s, e). */
  setBytes(i: number, b: Uint8Array, s: number, e: number): void {
    if (this.#parser && this.#parser.parseBytes(b, s, e)) {
      this.#hi[i] = this.#parser.hi;
      this.#lo[i] = this.#parser.lo;
      return;
    }
    this.setString(i, decodeAscii(b, s, e, this.#decoder));
  }

  setString(i: number, id: string): void {
    if (this.#format === undefined) {
      this.#format = formatOf(id);
      if (this.#format) this.#parser = new HexParser(this.#format);
      else this.#strings = new Array<string>(this.#capacity);
    }
    if (this.#parser) {
      if (this.#parser.parseString(id)) {
        this.#hi[i] = this.#parser.hi;
        this.#lo[i] = this.#parser.lo;
        return;
      }
      this.#spellOut(i);
    }
    this.#strings![i] = id;
  }

  /** Switches to strings, spelling out rows [0, upTo). */
  #spellOut(upTo: number): void {
    const out = new Array<string>(this.#capacity);
    for (let r = 0; r < upTo; ++r) out[r] = spell(this.#format!, this.#hi[r], this.#lo[r]);
    this.#strings = out;
    this.#parser = null;
    this.#hi = this.#lo = new Uint32Array(0);
  }

  /** The column of rows [0, n). */
  finish(n: number): IdColumn {
    if (this.#strings || !this.#format) {
      const s = this.#strings ?? [];
      s.length = n;
      return IdColumn.unpacked(s);
    }
    return IdColumn.packed(this.#format, n === this.#capacity ? this.#hi : this.#hi.slice(0, n), n === this.#capacity ? this.#lo : this.#lo.slice(0, n));
  }
}

const codes: number[] = [];
function decodeAscii(b: Uint8Array, s: number, e: number, decoder: TextDecoder): string {
  if (e - s > 64) return decoder.decode(b.subarray(s, e));
  codes.length = e - s;
  for (let i = s; i < e; ++i) {
    if (b[i] > 127) return decoder.decode(b.subarray(s, e));
    codes[i - s] = b[i];
  }
  return String.fromCharCode.apply(null, codes);
}

/**
 * An open-addressing hash table from id to row (packed ids hashed as two integers; strings through a Map), built once
 * per column; the duplicates met while inserting are recorded, so the uniqueness check and the join share one pass.
 */
export class IdIndex {
  readonly duplicates: Duplicates | null;
  readonly #column: IdColumn;
  readonly #table: Int32Array;
  readonly #mask: number;
  readonly #map: Map<string, number> | null;

  constructor(column: IdColumn) {
    this.#column = column;
    let dupRows = 0, exampleRow = -1;
    if (column.format) {
      let size = 16;
      while (size < column.length * 2) size *= 2;
      this.#table = new Int32Array(size).fill(EMPTY);
      this.#mask = size - 1;
      this.#map = null;
      const hi = column.hi!, lo = column.lo!, t = this.#table, mask = this.#mask;
      for (let i = 0; i < column.length; ++i) {
        const h = hi[i], l = lo[i];
        let slot = hash(h, l) & mask;
        for (;;) {
          const r = t[slot];
          if (r === EMPTY) {
            t[slot] = i;
            break;
          }
          if (hi[r] === h && lo[r] === l) {
            dupRows++;
            if (exampleRow < 0) exampleRow = r;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
    } else {
      this.#table = new Int32Array(0);
      this.#mask = 0;
      const map = new Map<string, number>();
      const ids = column.toArray();
      for (let i = 0; i < ids.length; ++i) {
        const before = map.size;
        const id = ids[i];
        map.set(id, map.get(id) ?? i);
        if (map.size === before) {
          dupRows++;
          if (exampleRow < 0) exampleRow = map.get(id)!;
        }
      }
      this.#map = map;
    }
    this.duplicates = dupRows ? { rows: dupRows, example: column.at(exampleRow), times: column.occurrences(exampleRow) } : null;
  }

  /** The first row holding the packed id (hi, lo), or −1. */
  find(h: number, l: number): number {
    const col = this.#column, hi = col.hi!, lo = col.lo!, t = this.#table, mask = this.#mask;
    let slot = hash(h, l) & mask;
    for (;;) {
      const r = t[slot];
      if (r === EMPTY || (hi[r] === h && lo[r] === l)) return r;
      slot = (slot + 1) & mask;
    }
  }

  /** The first row holding `id` (string columns), or −1. */
  findString(id: string): number {
    return this.#map!.get(id) ?? EMPTY;
  }
}

/** A 32-bit mix of two words (murmur3's finalizer over a multiply-xor combination). */
function hash(h: number, l: number): number {
  let x = Math.imul(h, 0x9e3779b1) ^ l;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
