// Row ids without a string per row: packing, the join (identity, merge, hash, mixed spellings) and duplicate checks,
// each checked against a naive Map-based reference on seeded random ids.
import { describe, expect, it } from 'vitest';
import { alignToDataset } from '../../../src/lib/data/alignToDataset';
import { decimalToDouble } from '../../../src/lib/data/decimalToDouble';
import { IdColumn } from '../../../src/lib/data/IdColumn';
import { joinIds } from '../../../src/lib/data/joinIds';
import { loadPredictions } from '../../../src/lib/data/loadPredictions';
import { parseCsv } from '../../../src/lib/data/parseCsv';
import { readRleHybrid } from '../../../src/lib/data/readRleHybrid';
import { rng } from '../../helpers/rng';
import { tinyDataset } from '../../helpers/tinyDataset';

const hex = (r: () => number, digits: number) => Array.from({ length: digits }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const numeraiIds = (r: () => number, n: number) => [...new Set(Array.from({ length: n * 2 }, () => 'n' + hex(r, 15)))].slice(0, n);

/** The reference join: for each data id, the first row of `file` with that id, or −1. */
function naiveJoin(data: string[], file: string[]): number[] {
  const at = new Map<string, number>();
  file.forEach((id, k) => (at.has(id) ? null : at.set(id, k)));
  return data.map((id) => at.get(id) ?? -1);
}

describe('IdColumn', () => {
  it('packs Numerai ids ("n" + 15 hex digits) into two uint32 per row and spells them back exactly', () => {
    const ids = ['n003bba8a98662e4', 'nffffffffffffff0', 'n000000000000000', 'n0041ad9f6e24b51'];
    const c = IdColumn.fromStrings(ids);
    expect(c.format).toEqual({ prefix: 'n', width: 15 });
    expect(c.hi![0]).toBe(0x003bba8);
    expect(c.lo![0]).toBe(0xa98662e4);
    expect(c.toArray()).toEqual(ids);
    expect(c.at(1)).toBe('nffffffffffffff0');
  });

  it('keeps strings when ids are not one hex format (tickers, mixed widths, upper case, empty) and turns strings mid-column', () => {
    expect(IdColumn.fromStrings(['AAPL US', 'MSFT US']).format).toBeNull();
    expect(IdColumn.fromStrings(['n1', 'n10']).format).toBeNull();
    expect(IdColumn.fromStrings(['n00A', 'n00b']).format).toBeNull();
    const mixed = ['n003bba8a98662e4', 'n0041ad9f6e24b51', 'nforeign0', ''];
    const c = IdColumn.fromStrings(mixed);
    expect(c.format).toBeNull();
    expect(c.toArray()).toEqual(mixed);
    expect(c.countEmpty()).toBe(1);
    // plain hex with no prefix, and prefixes ending in a non-hex character
    expect(IdColumn.fromStrings(['00ff', 'abcd']).format).toEqual({ prefix: '', width: 4 });
    expect(IdColumn.fromStrings(['id_00af', 'id_1234']).format).toEqual({ prefix: 'id_', width: 4 });
  });

  it('duplicates() counts repeated rows and names the first repeated id, packed or not', () => {
    for (const ids of [['n00000000000000a', 'n00000000000000b', 'n00000000000000a', 'n00000000000000a'], ['x', 'y', 'x', 'x']]) {
      const d = IdColumn.fromStrings(ids).duplicates();
      expect(d).toEqual({ rows: 2, example: ids[0], times: 3 });
    }
    expect(IdColumn.fromStrings(['n00000000000000a', 'n00000000000000b']).duplicates()).toBeNull();
  });

  it('rowsOf / joinIds equal a naive Map join on seeded random ids: same order, shuffled, sorted (merge), foreign and odd ids', () => {
    const r = rng(9);
    for (let trial = 0; trial < 40; ++trial) {
      const n = 1 + Math.floor(r() * 400);
      const data = numeraiIds(r, n);
      let file = data.filter(() => r() < 0.9);
      const mode = trial % 4;
      if (mode === 1) file = file.map((v) => ({ v, k: r() })).sort((a, b) => a.k - b.k).map((x) => x.v);
      if (mode === 2) {
        data.sort();
        file.sort();
      }
      if (mode === 3) file.push('n' + hex(r, 15), 'nforeign', 'N' + hex(r, 15));
      if (trial === 0) file = data.slice();
      const d = IdColumn.fromStrings(data), f = IdColumn.fromStrings(file);
      const j = joinIds(d, f);
      const want = naiveJoin(data, file);
      expect(Array.from(j.fileRowOf)).toEqual(want);
      expect(j.found).toBe(want.filter((k) => k >= 0).length);
      expect(j.duplicates).toBeNull();
      // the other direction (file rows → data rows) through the data's index
      expect(Array.from(d.rowsOf(f))).toEqual(naiveJoin(file, data));
    }
  });

  it('joinIds finds the file\'s duplicates while joining, among ids in the data and ids that are not', () => {
    const data = IdColumn.fromStrings(['n00000000000000a', 'n00000000000000b', 'n00000000000000c']);
    const inData = joinIds(data, IdColumn.fromStrings(['n00000000000000b', 'n00000000000000a', 'n00000000000000b']));
    expect(inData.duplicates).toEqual({ rows: 1, example: 'n00000000000000b', times: 2 });
    const outside = joinIds(data, IdColumn.fromStrings(['n00000000000000a', 'nffffffffffffff0', 'nffffffffffffff0', 'nffffffffffffff0']));
    expect(outside.duplicates).toEqual({ rows: 2, example: 'nffffffffffffff0', times: 3 });
  });

  it('alignToDataset rejects a predictions file with duplicate ids found by the join, naming the file', async () => {
    const ds = tinyDataset(2, 3);
    const pred = await loadPredictions('id,prediction\nr0,0.1\nr1,0.2\nr0,0.3\n', { name: 'dup.csv', checkDuplicates: false });
    expect(() => alignToDataset(pred, ds)).toThrowError('dup.csv has 1 duplicate id (e.g. "r0" appears 2 times)');
  });

  it('CSV and parquet readers build packed ids straight from bytes; a quoted id is unescaped first', async () => {
    const read = await parseCsv('id,v\nn003bba8a98662e4,1\n"n0041ad9f6e24b51",2\n', { columns: [{ name: 'id', kind: 'id' }, { name: 'v', kind: 'float64' }] });
    const ids = read.columns.id as IdColumn;
    expect(ids.format).toEqual({ prefix: 'n', width: 15 });
    expect(ids.toArray()).toEqual(['n003bba8a98662e4', 'n0041ad9f6e24b51']);
  });
});

describe('decimalToDouble (16–19 significant digits)', () => {
  it('equals Number() on seeded random decimals and on shortest round-trip strings of random doubles, or declines', () => {
    const r = rng(4);
    let declined = 0, checked = 0;
    const bad: string[] = [];
    for (let it = 0; it < 100_000; ++it) {
      const nd = 16 + Math.floor(r() * 4);
      let digits = String(1 + Math.floor(r() * 9));
      while (digits.length < nd) digits += Math.floor(r() * 10);
      const k = Math.floor(r() * 23);
      const text = k ? (k >= digits.length ? '0.' + '0'.repeat(k - digits.length) + digits : `${digits.slice(0, -k)}.${digits.slice(-k)}`) : digits;
      const got = decimalToDouble(Number(digits.slice(0, 15)), Number(digits.slice(15)), digits.length - 15, k);
      checked++;
      if (got !== got) declined++;
      else if (got !== Number(text)) bad.push(text);
    }
    for (let it = 0; it < 50_000; ++it) {
      const x = r() + r() / 2 ** 32;
      const m = /^0\.(0*)(\d{16,19})$/.exec(String(x));
      if (!m) continue;
      const got = decimalToDouble(Number(m[2].slice(0, 15)), Number(m[2].slice(15)), m[2].length - 15, m[1].length + m[2].length);
      if (got !== x) bad.push(String(x));
      checked++;
    }
    expect(bad).toEqual([]);
    // declines only exact ties of large integers (odd integers above 2^53 and the like): rare
    expect(declined / checked).toBeLessThan(0.01);
  });

  it('declines an exact halfway case rather than guessing (9007199254740993 lies between two doubles)', () => {
    expect(decimalToDouble(900719925474099, 3, 1, 0)).toBeNaN();
    expect(decimalToDouble(900719925474099, 2, 1, 0)).toBe(9007199254740992);
  });

  it('parseCsv reads 17-digit values exactly like Number()', async () => {
    const values = ['0.4407837963986108', '0.26231366939210893', '0.99999999999999989', '1.0000000000000002', '0.00012345678901234567'];
    const read = await parseCsv(`v\n${values.join('\n')}\n`, { columns: [{ name: 'v', kind: 'float64' }] });
    expect(Array.from(read.columns.v as Float64Array)).toEqual(values.map(Number));
  });
});

describe('readRleHybrid', () => {
  /** A naive encoder: bit-packed runs of 8 values (LSB first) and RLE runs, as parquet writes them. */
  function encode(values: number[], width: number, r: () => number): Uint8Array {
    const out: number[] = [];
    const uleb = (v: number) => {
      do {
        let b = v & 0x7f;
        v = Math.floor(v / 128);
        if (v) b |= 0x80;
        out.push(b);
      } while (v);
    };
    let i = 0;
    while (i < values.length) {
      if (r() < 0.3) {
        let j = i;
        while (j < values.length && values[j] === values[i] && j - i < 50) j++;
        uleb((j - i) * 2);
        for (let b = 0; b < Math.ceil(width / 8); ++b) out.push((values[i] >> (8 * b)) & 0xff);
        i = j;
      } else {
        const groups = 1 + Math.floor(r() * 4);
        uleb(groups * 2 + 1);
        let acc = 0, bits = 0;
        for (let k = 0; k < groups * 8; ++k) {
          acc += (values[i + k] ?? 0) * 2 ** bits;
          bits += width;
          while (bits >= 8) {
            out.push(acc % 256);
            acc = Math.floor(acc / 256);
            bits -= 8;
          }
        }
        if (bits) out.push(acc);
        i += groups * 8;
      }
    }
    return Uint8Array.from(out);
  }

  it('decodes seeded random runs of every width 1–12 exactly as a naive encoder wrote them (fast 32-bit path included)', () => {
    const r = rng(3);
    for (let width = 1; width <= 12; ++width) {
      const n = 100 + Math.floor(r() * 900);
      const values = Array.from({ length: n }, () => (r() < 0.5 ? 1 : Math.floor(r() * 2 ** width)));
      const bytes = encode(values, width, r);
      const out = new Uint32Array(n);
      expect(readRleHybrid(bytes, 0, bytes.length, width, out)).toBe(n);
      expect(Array.from(out)).toEqual(values);
    }
  });
});
