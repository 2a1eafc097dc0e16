import { describe, expect, it } from 'vitest';
import { CsvParser } from '../../../src/lib/data/CsvParser';
import { parseCsv } from '../../../src/lib/data/parseCsv';
import type { ColumnRequest } from '../../../src/lib/data/ColumnRequest';
import { Rng } from '../../../src/lib/data/Rng';

const enc = new TextEncoder();
const cols = (spec: Record<string, ColumnRequest['kind']>): ColumnRequest[] => Object.entries(spec).map(([name, kind]) => ({ name, kind }));

describe('parseCsv', () => {
  it('parseCsv(text) reads quoted fields, "" escapes, embedded commas and newlines, CRLF and a missing final newline', async () => {
    const text = 'id,name,x\r\n"a1","Smith, J",0.5\r\nb2,"say ""hi""\nthere",\r\nc3,plain,-1.25e-3';
    const r = await parseCsv(text, { columns: cols({ id: 'string', name: 'string', x: 'float64' }) });
    expect(r.n).toBe(3);
    expect(r.columns.id).toEqual(['a1', 'b2', 'c3']);
    expect(r.columns.name).toEqual(['Smith, J', 'say "hi"\nthere', 'plain']);
    expect(Array.from(r.columns.x as Float64Array)).toEqual([0.5, NaN, -0.00125]);
  });

  it('parseCsv(text) materialises only the requested columns, in any order', async () => {
    const r = await parseCsv('a,b,c\n1,2,3\n4,5,6\n', { columns: cols({ c: 'float64', a: 'string' }) });
    expect(Object.keys(r.columns).sort()).toEqual(['a', 'c']);
    expect(r.columns.a).toEqual(['1', '4']);
    expect(Array.from(r.columns.c as Float64Array)).toEqual([3, 6]);
  });

  it('parseCsv(text) reads empty, NaN, NA and null numeric fields as NaN', async () => {
    const r = await parseCsv('id,x\na,\nb,NaN\nc,nan\nd,NA\ne,null\nf, 2 \n', { columns: cols({ id: 'string', x: 'float64' }) });
    expect(Array.from(r.columns.x as Float64Array)).toEqual([NaN, NaN, NaN, NaN, NaN, 2]);
  });

  it('parseCsv(text) gives the same doubles as Number() for 20,000 seeded random values', async () => {
    const rng = new Rng(5);
    const values: string[] = [];
    for (let i = 0; i < 20_000; ++i) {
      const kind = i % 4;
      const v = kind === 0 ? rng.float() : kind === 1 ? rng.normal() * 10 ** rng.int(12) : kind === 2 ? rng.float() * 1e-7 : Math.round(rng.normal() * 1000) / 100;
      values.push(kind === 3 ? v.toFixed(2) : String(v));
    }
    const r = await parseCsv('x\n' + values.join('\n'), { columns: cols({ x: 'float64' }) });
    const got = r.columns.x as Float64Array;
    for (let i = 0; i < values.length; ++i) expect(got[i]).toBe(Number(values[i]));
  });

  it('CsvParser.push(chunk) gives the same result whatever the chunk boundaries', async () => {
    const text = '\uFEFFid,era,f,t\r\n"x,1",0001,3,0.25\r\ny2,0002,,0.75\r\n"z""3",0010,4,\r\n';
    const whole = await parseCsv(text, { columns: cols({ id: 'string', era: 'string', f: 'feature', t: 'float64' }) });
    expect(whole.columns.id).toEqual(['x,1', 'y2', 'z"3']);
    expect(whole.filledFeatureValues).toEqual({ f: 1 });
    const bytes = enc.encode(text);
    const check = (chunks: Uint8Array[]) => {
      const p = new CsvParser({ columns: cols({ id: 'string', era: 'string', f: 'feature', t: 'float64' }) });
      for (const c of chunks) p.push(c);
      const r = p.finish();
      expect(r.columns.id).toEqual(whole.columns.id);
      expect(r.columns.era).toEqual(whole.columns.era);
      expect(r.columns.f).toEqual(whole.columns.f);
      expect(Array.from(r.columns.t as Float64Array)).toEqual(Array.from(whole.columns.t as Float64Array));
      expect(r.filledFeatureValues).toEqual({ f: 1 });
    };
    for (let cut = 1; cut < bytes.length; ++cut) {
      check([bytes.subarray(0, cut), bytes.subarray(cut)]); // one split at every byte, BOM and CRLF included
      const pieces: Uint8Array[] = [];
      for (let s = 0; s < bytes.length; s += cut) pieces.push(bytes.subarray(s, s + cut));
      check(pieces); // chunks of every size
    }
  });

  it('parseCsv(async iterable of text chunks) reads a stream', async () => {
    async function* chunks() {
      yield 'id,x\na,';
      yield '1\nb,2';
      yield '\n';
    }
    const r = await parseCsv(chunks(), { columns: cols({ id: 'string', x: 'float64' }) });
    expect(r.columns.id).toEqual(['a', 'b']);
    expect(Array.from(r.columns.x as Float64Array)).toEqual([1, 2]);
  });

  it('parseCsv(text, { where }) keeps only rows passing the filter and counts fills only for kept rows', async () => {
    const r = await parseCsv('id,era,f\na,0001,\nb,0002,\nc,0001,1\n', {
      columns: cols({ id: 'string', era: 'string', f: 'feature' }),
      where: [{ column: 'era', keep: (v) => v === '0001' }]
    });
    expect(r.columns.id).toEqual(['a', 'c']);
    expect(Array.from(r.columns.f as Int8Array)).toEqual([2, 1]);
    expect(r.filledFeatureValues).toEqual({ f: 1 });
    expect(r.rowsInFile).toBe(3);
  });

  it('parseCsv(text) reads 1,000 rows of UTF-8 text with repeated (interned) values intact', async () => {
    const lines = ['id,era,label'];
    for (let i = 0; i < 1000; ++i) lines.push(`n${i},${String(1 + (i % 7)).padStart(4, '0')},${i % 2 ? 'zürich' : 'train'}`);
    const r = await parseCsv(lines.join('\n'), { columns: cols({ id: 'string', era: 'string', label: 'string' }) });
    expect(r.columns.era).toEqual(lines.slice(1).map((l) => l.split(',')[1]));
    expect(r.columns.label).toEqual(lines.slice(1).map((l) => l.split(',')[2]));
  });

  it('parseCsv(text) rejects a non-numeric value with its column and row', async () => {
    await expect(parseCsv('id,x\na,1\nb,abc\n', { columns: cols({ x: 'float64' }), name: 'p.csv' })).rejects.toThrowError(
      /x has a non-numeric value "abc" at row 2 of p\.csv/
    );
  });

  it('parseCsv(text) rejects a feature value outside 0..4 with the value and row', async () => {
    await expect(parseCsv('id,feature_x\na,1\nb,3\nc,7\n', { columns: cols({ feature_x: 'feature' }) })).rejects.toThrowError(
      'feature_x has values outside 0..4 (e.g. 7 at row 3): Numerai features are int8 bins'
    );
    await expect(parseCsv('id,feature_x\na,0.25\n', { columns: cols({ feature_x: 'feature' }) })).rejects.toThrowError(/e\.g\. 0\.25 at row 1\)/);
  });

  it('parseCsv(text) rejects rows with the wrong number of fields and unclosed quotes', async () => {
    await expect(parseCsv('a,b,c\n1,2,3\n4,5\n', { columns: cols({ a: 'string' }) })).rejects.toThrowError(/row 2 has 2 fields, the header has 3/);
    await expect(parseCsv('a,b\n1,"2\n3,4\n', { columns: cols({ a: 'string' }) })).rejects.toThrowError(/quoted field after row 0 is never closed/);
  });

  it('parseCsv(text) rejects a requested column the header lacks, and an empty input', async () => {
    await expect(parseCsv('a,b\n1,2\n', { columns: cols({ c: 'string' }), name: 'f.csv' })).rejects.toThrowError('f.csv has no column "c"');
    await expect(parseCsv('', { columns: cols({ a: 'string' }), name: 'f.csv' })).rejects.toThrowError('f.csv is empty: it has no header line');
  });
});
