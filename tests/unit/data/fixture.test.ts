import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../../../src/lib/data/loadDataset';
import { openFileSource } from '../../../src/lib/data/node/openFileSource';
import { readParquet } from '../../../src/lib/data/readParquet';
import { readParquetInfo } from '../../../src/lib/data/readParquetInfo';
import type { ReadProgress } from '../../../src/lib/data/ColumnRequest';
import { memorySource } from '../../helpers/memorySource';
import { naiveColumn, naiveCsv } from '../../helpers/naiveCsv';
import { NUMERAI_DEV } from '../../helpers/fixtures';

const dir = NUMERAI_DEV;
const expected = JSON.parse(readFileSync(dir + 'expected.json', 'utf8')) as { n_rows: number; n_eras: number; features: string[] };
const csv = naiveCsv(dir + 'data.csv');
const targets = ['target', 'target_alt_20'];

describe('the numerai-dev fixture', () => {
  it('loadDataset(validation.parquet) and loadDataset(data.csv) give identical Datasets', async () => {
    const pq = await openFileSource(dir + 'validation.parquet');
    const a = await loadDataset(pq, { targets });
    await pq.close();
    const b = await loadDataset(new Uint8Array(readFileSync(dir + 'data.csv')), { targets, name: 'data.csv' });
    expect(a.n).toBe(expected.n_rows);
    expect(a.eras.length).toBe(expected.n_eras);
    expect(b.n).toBe(a.n);
    expect(b.ids.toArray()).toEqual(a.ids.toArray());
    expect(b.eras).toEqual(a.eras);
    expect(Array.from(b.eraStarts)).toEqual(Array.from(a.eraStarts));
    expect(b.featureNames).toEqual(a.featureNames);
    a.features.forEach((f, j) => expect(b.features[j]).toEqual(f));
    for (const t of targets) expect(Array.from(b.targets[t])).toEqual(Array.from(a.targets[t])); // NaN positions included (toEqual treats NaN as equal)
    expect(b.dataType).toEqual(a.dataType);
    expect(a.info.warnings).toEqual([]);
  });

  it('loadDataset(data.csv) matches a naive split-based read, stably sorted by era', async () => {
    const ds = await loadDataset(new Uint8Array(readFileSync(dir + 'data.csv')), { targets, name: 'data.csv' });
    const ids = naiveColumn(csv, 'id'), eras = naiveColumn(csv, 'era');
    expect(ds.featureNames).toEqual(expected.features);
    const distinct = [...new Set(eras)].sort((x, y) => Number(x) - Number(y));
    expect(ds.eras).toEqual(distinct);
    // Each era holds that era's rows in file order.
    distinct.forEach((era, k) => {
      const want = ids.filter((_, i) => eras[i] === era);
      expect(ds.ids.toArray().slice(ds.eraStarts[k], ds.eraStarts[k + 1])).toEqual(want);
    });
    const rowOf = new Map(ids.map((id, i) => [id, i]));
    const f3 = naiveColumn(csv, ds.featureNames[3]), t = naiveColumn(csv, 'target');
    for (let i = 0; i < ds.n; i += 37) {
      const r = rowOf.get(ds.ids.at(i))!;
      expect(ds.features[3][i]).toBe(Number(f3[r]));
      expect(ds.targets.target[i]).toBe(t[r] === '' ? NaN : Number(t[r]));
    }
    // The last two eras have no targets yet (fixture README).
    const last2 = ds.eraStarts[ds.eras.length - 2];
    expect(ds.targets.target.subarray(last2).every((v) => Number.isNaN(v))).toBe(true);
    expect(ds.targets.target.subarray(0, last2).some((v) => Number.isNaN(v))).toBe(false);
  });

  it('loadDataset(parquet, { features, targets }) returns only the requested columns', async () => {
    const feats = expected.features.slice(0, 2);
    const ds = await loadDataset(memorySource(dir + 'validation.parquet'), { features: feats, targets: ['target'] });
    expect(ds.featureNames).toEqual(feats);
    expect(ds.features.length).toBe(2);
    expect(Object.keys(ds.targets)).toEqual(['target']);
    const full = await loadDataset(memorySource(dir + 'validation.parquet'), { targets });
    expect(ds.features[1]).toEqual(full.features[1]);
  });

  it('readParquet(source, { onProgress }) reports a monotone fraction after each column chunk, ending at 1', async () => {
    const src = memorySource(dir + 'validation.parquet');
    const info = await readParquetInfo(src);
    const seen: ReadProgress[] = [];
    const r = await readParquet(src, { info, columns: [{ name: 'era', kind: 'string' }, { name: expected.features[0], kind: 'feature' }], onProgress: (p) => seen.push(p) });
    expect(r.n).toBe(expected.n_rows);
    expect(seen.length).toBe(info.rowGroups * 3); // 2 columns + the end of each row group
    for (let k = 1; k < seen.length; ++k) expect(seen[k].fraction).toBeGreaterThanOrEqual(seen[k - 1].fraction);
    expect(seen[0].fraction).toBeGreaterThan(0);
    expect(seen[0].fraction).toBeLessThan(1 / info.rowGroups);
    expect(seen.at(-1)!.fraction).toBe(1);
    expect(seen.at(-1)!.rowsRead).toBe(expected.n_rows);
  });

  it('loadDataset(data.csv, { onProgress }) reports a monotone fraction that ends at 1', async () => {
    const src = memorySource(dir + 'data.csv');
    const seen: number[] = [];
    const { parseCsv } = await import('../../../src/lib/data/parseCsv');
    await parseCsv(src, { columns: [{ name: 'id', kind: 'string' }], chunkSize: 100_000, onProgress: (p) => seen.push(p.fraction) });
    expect(seen.length).toBe(Math.ceil(src.byteLength / 100_000));
    for (let k = 1; k < seen.length; ++k) expect(seen[k]).toBeGreaterThan(seen[k - 1]);
    expect(seen.at(-1)).toBe(1);
  });

  it('loadDataset(validation.parquet, { eras: { every: 4 } }) keeps eras 1, 5, 9, … like eras[::4]', async () => {
    const ds = await loadDataset(memorySource(dir + 'validation.parquet'), { eras: { every: 4 } });
    expect(ds.eras).toEqual(Array.from({ length: 15 }, (_, k) => String(1 + 4 * k).padStart(4, '0')));
    const eras = naiveColumn(csv, 'era');
    expect(ds.n).toBe(eras.filter((e) => (Number(e) - 1) % 4 === 0).length);
  });

  it('loadDataset(meta_model.parquet) fails with the missing feature columns named', async () => {
    await expect(loadDataset(memorySource(dir + 'meta_model.parquet'))).rejects.toThrowError(/meta_model\.parquet has no feature columns/);
  });
});
