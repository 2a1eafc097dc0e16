import { formatCount, PlaygroundError } from '../errors';
import type { ColumnKind, ColumnRequest, ColumnsRead, ColumnValues, RowFilter } from './ColumnRequest';
import { decimalToDouble } from './decimalToDouble';
import { featureValueError } from './featureValueError';
import { IdColumn, IdColumnBuilder } from './IdColumn';

export interface CsvParserOptions {
  /** Columns to materialise, or a function choosing them once the header is known (it may throw). */
  columns: ColumnRequest[] | ((header: string[]) => ColumnRequest[]);
  /** Keep only rows whose string columns pass every filter (filter columns must be requested as strings). */
  where?: RowFilter[];
  /** File name for messages. */
  name?: string;
}

const QUOTE = 34, COMMA = 44, LF = 10, CR = 13;
/** Exact powers of ten for the fast number path (10^0 … 10^22 are exact doubles). */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));
const NAN_TOKENS = new Set(['', 'nan', 'NaN', 'NAN', 'NA', 'N/A', 'null', 'NULL', 'None', '<NA>']);

/**
 * Incremental CSV parser over bytes or text chunks (RFC 4180: quoted fields with "" escapes and embedded newlines,
 * LF or CRLF): only requested columns are decoded, straight into typed arrays; features → Int8Array (empty/NaN → 2,
 * counted), floats → Float64Array (empty/NaN/NA → NaN), strings → string[]. A row split across chunks is re-parsed
 * when its end arrives. Every failure is a PlaygroundError naming the row.
 */
export class CsvParser {
  header: string[] | null = null;
  #options: CsvParserOptions;
  #name: string;
  #carry: Uint8Array = new Uint8Array(0);
  #rowNumber = 0; // data rows seen (1-based in messages)
  #n = 0;
  #cap = 0;
  #slots: (Slot | null)[] = []; // by field index
  #requested: ColumnRequest[] = [];
  #filters: { slot: Slot; filter: RowFilter; memo: Map<string, boolean> }[] = [];
  #filled: Record<string, number> = {};
  /** Feature columns filled with 2 in the current row: the first #rowFillCount entries. */
  #rowFills: string[] = [];
  #rowFillCount = 0;
  #first = true;

  constructor(options: CsvParserOptions) {
    this.#options = options;
    this.#name = options.name ?? 'the CSV file';
  }

  /** Parses every complete row of `chunk` (plus any row left over from the previous chunk). */
  push(chunk: Uint8Array | string): void {
    let bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
    if (this.#carry.length) {
      const joined = new Uint8Array(this.#carry.length + bytes.length);
      joined.set(this.#carry);
      joined.set(bytes, this.#carry.length);
      bytes = joined;
    }
    const used = this.#parse(bytes, false);
    this.#carry = used < bytes.length ? bytes.slice(used) : new Uint8Array(0);
  }

  /** Parses the last row (which may lack a newline) and returns the columns. */
  finish(): ColumnsRead {
    if (this.#carry.length) this.#parse(this.#carry, true);
    this.#carry = new Uint8Array(0);
    if (!this.header) throw new PlaygroundError(`${this.#name} is empty: it has no header line`);
    const columns: Record<string, ColumnValues> = {};
    for (const slot of this.#slots) {
      if (slot) columns[slot.name] = slot.ids ? slot.ids.finish(this.#n) : (slot.data as string[] | Float64Array | Int8Array).slice(0, this.#n);
    }
    for (const r of this.#requested) columns[r.name] ??= emptyColumn(r.kind, 0);
    return { n: this.#n, rowsInFile: this.#rowNumber, columns, filledFeatureValues: this.#filled };
  }

  /** Parses rows from bytes; returns how many bytes were consumed (whole rows only unless `final`). */
  #parse(b: Uint8Array, final: boolean): number {
    let pos = 0;
    const len = b.length;
    if (this.#first) {
      if (len >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) pos = 3; // UTF-8 BOM
      else if (len < 3 && !final) return 0;
      this.#first = false;
    }
    while (pos < len) {
      // Skip blank lines.
      if (b[pos] === LF || b[pos] === CR) {
        pos++;
        continue;
      }
      const rowStart = pos;
      const end = this.header ? this.#parseRow(b, pos, final) : this.#parseHeader(b, pos, final);
      if (end < 0) {
        if (!final) return rowStart; // incomplete row: wait for more bytes
        throw new PlaygroundError(`${this.#name} is not a well-formed CSV file: a quoted field after row ${formatCount(this.#rowNumber)} is never closed`, {
          hints: ['Check for a stray double quote (") in a text field.']
        });
      }
      pos = end;
    }
    return pos;
  }

  #parseHeader(b: Uint8Array, pos: number, final: boolean): number {
    const fields: string[] = [];
    const end = scanRow(b, pos, final, (s, e, quoted) => fields.push(decodeField(b, s, e, quoted)));
    if (end < 0) return -1;
    this.header = fields.map((f) => f.trim());
    const chosen = typeof this.#options.columns === 'function' ? this.#options.columns(this.header) : this.#options.columns;
    const missing = chosen.filter((c) => !this.header!.includes(c.name)).map((c) => c.name);
    if (missing.length) throw new PlaygroundError(`${this.#name} has no column ${missing.map((c) => `"${c}"`).join(', ')}`);
    this.#requested = chosen;
    this.#slots = this.header.map(() => null);
    for (const r of chosen) {
      const k = this.header.indexOf(r.name);
      this.#slots[k] ??= { name: r.name, kind: r.kind, data: emptyColumn(r.kind, 0), intern: r.kind === 'string' ? new Map() : null, ids: r.kind === 'id' ? new IdColumnBuilder(0) : null };
    }
    for (const filter of this.#options.where ?? []) {
      const k = this.header.indexOf(filter.column);
      const slot = this.#slots[k];
      if (!slot || slot.kind !== 'string') throw new RangeError(`filter column ${filter.column} must be requested as a string column`);
      this.#filters.push({ slot, filter, memo: new Map() });
    }
    this.#grow(1024);
    return end;
  }

  // The row being parsed, read by #onField: one field handler for the parser's life (no closure per row).
  #b: Uint8Array = new Uint8Array(0);
  #row = 0;
  #rowNo = 0;
  #field = 0;
  readonly #onField = (s: number, e: number, quoted: boolean): void => {
    const slots = this.#slots;
    const field = this.#field++;
    const slot = field < slots.length ? slots[field] : null;
    if (!slot) return;
    const b = this.#b, row = this.#row;
    if (slot.kind === 'float64') {
      (slot.data as Float64Array)[row] = parseNumber(b, s, e, slot.name, this.#rowNo, this.#name, quoted);
    } else if (slot.kind === 'feature') {
      // Common case first: a single digit 0..4.
      const c = b[s];
      if (e === s + 1 && c >= 48 && c <= 52) (slot.data as Int8Array)[row] = c - 48;
      else {
        const v = parseNumber(b, s, e, slot.name, this.#rowNo, this.#name, quoted);
        if (v === 0 || v === 1 || v === 2 || v === 3 || v === 4) (slot.data as Int8Array)[row] = v;
        else if (v !== v) {
          (slot.data as Int8Array)[row] = 2;
          this.#rowFills[this.#rowFillCount++] = slot.name;
        } else throw featureValueError(slot.name, v, this.#rowNo, this.#name);
      }
    } else if (slot.ids) {
      if (quoted) slot.ids.setString(row, decodeField(b, s, e, true));
      else slot.ids.setBytes(row, b, s, e);
    } else {
      (slot.data as string[])[row] = decodeString(b, s, e, quoted, slot);
    }
  };

  #parseRow(b: Uint8Array, pos: number, final: boolean): number {
    const slots = this.#slots;
    const row = this.#n;
    const rowNumber = this.#rowNumber + 1;
    this.#rowFillCount = 0;
    this.#b = b;
    this.#row = row;
    this.#rowNo = rowNumber;
    this.#field = 0;
    const end = scanRow(b, pos, final, this.#onField);
    const field = this.#field;
    if (end < 0) return -1; // incomplete: re-parsed with the next chunk (nothing was committed)
    if (field !== slots.length) {
      throw new PlaygroundError(
        `${this.#name} is not a well-formed CSV file: row ${formatCount(rowNumber)} has ${field} field${field === 1 ? '' : 's'}, the header has ${slots.length}`,
        { hints: ['Check the delimiter (a comma is expected) and that text fields with commas are quoted.'] }
      );
    }
    this.#rowNumber = rowNumber;
    let keep = true;
    for (const f of this.#filters) {
      const v = (f.slot.data as string[])[row];
      let ok = f.memo.get(v);
      if (ok === undefined) f.memo.set(v, (ok = f.filter.keep(v)));
      if (!ok) keep = false;
    }
    if (keep) {
      for (let f = 0; f < this.#rowFillCount; ++f) this.#filled[this.#rowFills[f]] = (this.#filled[this.#rowFills[f]] ?? 0) + 1;
      if (++this.#n === this.#cap) this.#grow(this.#cap * 2);
    }
    return end;
  }

  #grow(cap: number): void {
    for (const slot of this.#slots) {
      if (!slot) continue;
      if (slot.ids) slot.ids.grow(cap);
      else if (Array.isArray(slot.data)) slot.data.length = cap;
      else {
        const next = slot.kind === 'feature' ? new Int8Array(cap) : new Float64Array(cap);
        next.set(slot.data as never);
        slot.data = next;
      }
    }
    this.#cap = cap;
  }
}

interface Slot {
  name: string;
  kind: ColumnKind;
  data: ColumnValues;
  /** Interned strings of a low-cardinality column (era, data_type); dropped once it holds 256 values. */
  intern: Map<number, string[]> | null;
  /** The ids of an `id` column (then `data` is unused). */
  ids: IdColumnBuilder | null;
}

function emptyColumn(kind: ColumnKind, n: number): ColumnValues {
  return kind === 'string' ? new Array<string>(n) : kind === 'id' ? IdColumn.unpacked([]) : kind === 'feature' ? new Int8Array(n) : new Float64Array(n);
}

/**
 * Scans one row starting at `pos`, calling field(start, end, quoted) for each field (quoted: bounds exclude the
 * quotes and "" is still escaped). Returns the index after the row terminator, or −1 if the row is incomplete.
 */
function scanRow(b: Uint8Array, pos: number, final: boolean, field: (s: number, e: number, quoted: boolean) => void): number {
  const len = b.length;
  for (;;) {
    if (pos < len && b[pos] === QUOTE) {
      const s = pos + 1;
      let i = s;
      for (;;) {
        while (i < len && b[i] !== QUOTE) i++;
        if (i >= len) return -1; // unterminated quote: need more bytes (or malformed at the end)
        if (i + 1 < len && b[i + 1] === QUOTE) {
          i += 2;
          continue;
        }
        if (i + 1 >= len && !final) return -1;
        break;
      }
      field(s, i, true);
      pos = i + 1;
      // Anything between the closing quote and the delimiter is ignored, as most readers do.
      while (pos < len && b[pos] !== COMMA && b[pos] !== LF && b[pos] !== CR) pos++;
    } else {
      let i = pos;
      while (i < len) {
        const c = b[i];
        if (c === COMMA || c === LF || c === CR) break;
        i++;
      }
      if (i >= len && !final) return -1;
      field(pos, i, false);
      pos = i;
    }
    if (pos >= len) return final ? len : -1;
    const c = b[pos];
    if (c === COMMA) {
      pos++;
      continue;
    }
    if (c === CR) {
      if (pos + 1 < len) return b[pos + 1] === LF ? pos + 2 : pos + 1;
      return final ? pos + 1 : -1;
    }
    return pos + 1; // LF
  }
}

const utf8 = new TextDecoder('utf-8');
const codes: number[] = [];

/** Decodes a field to a string (ASCII fast path; "" unescaped in quoted fields). */
function decodeField(b: Uint8Array, s: number, e: number, quoted: boolean): string {
  let ascii = e - s <= 64;
  if (ascii) {
    // A reused plain array for fromCharCode.apply: ~2× faster than a fresh subarray per field.
    codes.length = e - s;
    for (let i = s; i < e; ++i) {
      const c = b[i];
      if (c > 127) ascii = false;
      codes[i - s] = c;
    }
  }
  let text = ascii ? String.fromCharCode.apply(null, codes) : utf8.decode(b.subarray(s, e));
  if (quoted && text.includes('""')) text = text.replace(/""/g, '"');
  return text;
}

/** decodeField with interning for low-cardinality columns (keyed by a hash of the bytes). */
function decodeString(b: Uint8Array, s: number, e: number, quoted: boolean, slot: Slot): string {
  const intern = slot.intern;
  if (!intern || e - s > 32) return decodeField(b, s, e, quoted);
  let h = (e - s) | (quoted ? 1 << 30 : 0);
  for (let i = s; i < e; ++i) h = (Math.imul(h, 31) + b[i]) | 0;
  const bucket = intern.get(h);
  if (bucket) {
    for (const v of bucket) if (sameBytes(v, b, s, e, quoted)) return v;
  }
  const v = decodeField(b, s, e, quoted);
  if (intern.size >= 256) slot.intern = null;
  else if (bucket) bucket.push(v);
  else intern.set(h, [v]);
  return v;
}

function sameBytes(v: string, b: Uint8Array, s: number, e: number, quoted: boolean): boolean {
  if (quoted || v.length !== e - s) return false;
  for (let i = 0; i < v.length; ++i) if (v.charCodeAt(i) !== b[s + i]) return false;
  return true;
}

/**
 * Parses a decimal number from bytes, correctly rounded: up to 15 significant digits by Clinger's fast path, 16–19
 * (what shortest round-trip writers print) by decimalToDouble; anything else goes through Number(). Empty/NaN/NA → NaN.
 */
function parseNumber(b: Uint8Array, s: number, e: number, column: string, row: number, source: string, quoted: boolean): number {
  let i = s;
  while (i < e && b[i] === 32) i++;
  let j = e;
  while (j > i && b[j - 1] === 32) j--;
  if (i === j) return NaN;
  let neg = false;
  if (b[i] === 45) { neg = true; i++; } // '-'
  else if (b[i] === 43) i++; // '+'
  // Significant digits: the first 15 in hi, the next (up to 4) in lo.
  let hi = 0, lo = 0, digits = 0, frac = 0, sawDigit = false, k = i;
  for (; k < j; ++k) {
    const c = b[k] - 48;
    if (c < 0 || c > 9) break;
    sawDigit = true;
    if (digits || c) {
      if (digits < 15) hi = hi * 10 + c;
      else lo = lo * 10 + c;
      digits++;
    }
  }
  if (k < j && b[k] === 46) { // '.'
    for (++k; k < j; ++k) {
      const c = b[k] - 48;
      if (c < 0 || c > 9) break;
      sawDigit = true;
      if (digits || c) {
        if (digits < 15) hi = hi * 10 + c;
        else lo = lo * 10 + c;
        digits++;
      }
      frac++;
    }
  }
  let exp = 0;
  if (k < j && sawDigit && (b[k] === 101 || b[k] === 69)) { // 'e' | 'E'
    let q = k + 1, eneg = false, ed = 0;
    if (q < j && (b[q] === 45 || b[q] === 43)) eneg = b[q++] === 45;
    for (; q < j; ++q) {
      const c = b[q] - 48;
      if (c < 0 || c > 9) break;
      exp = exp * 10 + c;
      ed++;
    }
    if (ed > 0) {
      k = q;
      if (eneg) exp = -exp;
    }
  }
  if (k === j && sawDigit) {
    const p = exp - frac;
    if (digits <= 15) {
      // Clinger's fast path: an exact mantissa times or over an exact power of ten rounds once.
      if (p === 0) return neg ? -hi : hi;
      if (p < 0 && p >= -22) return neg ? -hi / POW10[-p] : hi / POW10[-p];
      if (p > 0 && p <= 22) return neg ? -hi * POW10[p] : hi * POW10[p];
    } else if (digits <= 19 && p <= 0) {
      // 16–19 digits (shortest round-trip output of doubles): double-double arithmetic, NaN when undecidable.
      const v = decimalToDouble(hi, lo, digits - 15, -p);
      if (v === v) return neg ? -v : v;
    }
  }
  const text = decodeField(b, s, e, quoted).trim();
  const v = Number(text);
  if (v === v && text !== '') return v;
  if (NAN_TOKENS.has(text)) return NaN;
  throw new PlaygroundError(`${column} has a non-numeric value ${JSON.stringify(text.slice(0, 40))} at row ${formatCount(row)} of ${source}`, {
    hints: ['Numeric columns may hold numbers or be empty (read as missing); remove text such as units or thousands separators.']
  });
}
