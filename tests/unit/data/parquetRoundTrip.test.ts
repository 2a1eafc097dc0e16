import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../../src/lib/data/Dataset';
import { generateDataset } from '../../../src/lib/data/generateDataset';
import { loadDataset } from '../../../src/lib/data/loadDataset';
import { openFileSource } from '../../../src/lib/data/node/openFileSource';
import { readParquet } from '../../../src/lib/data/readParquet';
import { readParquetInfo } from '../../../src/lib/data/readParquetInfo';
import { memorySource } from '../../helpers/memorySource';
import { writeDatasetParquet, writeParquet } from '../../helpers/writeParquet';

let dir = '';
const { dataset: ds } = generateDataset({ seed: 11, eras: 30, rowsPerEra: 400, features: 20 });
const extra = Object.keys(ds.columns);
const targets = Object.keys(ds.targets);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'numerai-data-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectSameDataset(a: Dataset, b: Dataset) {
  expect(a.n).toBe(b.n);
  expect(a.ids.toArray()).toEqual(b.ids.toArray());
  expect(a.eras).toEqual(b.eras);
  expect(Array.from(a.eraStarts)).toEqual(Array.from(b.eraStarts));
  expect(a.featureNames).toEqual(b.featureNames);
  a.features.forEach((f, j) => expect(f).toEqual(b.features[j]));
  expect(Object.keys(a.targets)).toEqual(Object.keys(b.targets));
  for (const t of Object.keys(b.targets)) expect(Array.from(a.targets[t])).toEqual(Array.from(b.targets[t]));
  for (const c of Object.keys(b.columns)) expect(Array.from(a.columns[c])).toEqual(Array.from(b.columns[c]));
  expect(a.dataType).toEqual(b.dataType);
}

describe('parquet files written by DuckDB', () => {
  for (const compression of ['zstd', 'snappy'] as const) {
    it(`loadDataset(${compression} parquet, row groups of 2,048) round-trips a generated dataset exactly`, async () => {
      const path = join(dir, `gen-${compression}.parquet`);
      await writeDatasetParquet(path, ds, { compression, rowGroupSize: 2048 });
      const src = await openFileSource(path);
      const info = await readParquetInfo(src);
      expect(info.rowGroups).toBe(Math.ceil(ds.n / 2048)); // DuckDB rounds row groups to its 2,048-row vectors
      expect(info.metadata.row_groups[0].columns[5].meta_data?.codec).toBe(compression.toUpperCase());
      const back = await loadDataset(src, { targets, columns: extra });
      await src.close();
      expectSameDataset(back, ds);
    });
  }

  it('loadDataset(parquet) finds the id in a pandas index column (named "id" or unnamed __index_level_0__)', async () => {
    for (const index of ['pandas', 'pandas-unnamed'] as const) {
      const path = join(dir, `gen-${index}.parquet`);
      await writeDatasetParquet(path, ds, { index, columns: [] });
      const src = memorySource(path);
      const info = await readParquetInfo(src);
      expect(info.indexColumns).toEqual([index === 'pandas' ? 'id' : '__index_level_0__']);
      const back = await loadDataset(src, { targets: ['target'] });
      expect(back.ids.toArray()).toEqual(ds.ids.toArray());
    }
  });

  it('loadDataset(parquet) reads float NaN and NULL targets alike as NaN', async () => {
    const path = join(dir, 'gen-nan.parquet');
    await writeDatasetParquet(path, ds, { nanAs: 'nan', targetType: 'double', columns: ['numerai_meta_model'] });
    const back = await loadDataset(memorySource(path), { targets, columns: ['numerai_meta_model'] });
    for (const t of targets) expect(Array.from(back.targets[t])).toEqual(Array.from(ds.targets[t]));
    expect(back.columns.numerai_meta_model.filter((v) => Number.isNaN(v)).length).toBeGreaterThan(0);
    expect(Array.from(back.columns.numerai_meta_model)).toEqual(Array.from(ds.columns.numerai_meta_model));
  });

  it('loadDataset(parquet with rows out of era order) sorts eras numerically and keeps file order within an era', async () => {
    // Rows in reverse-interleaved order; eras "0009" and "0010" stress numeric order against naive string order too.
    const perm = Array.from({ length: ds.n }, (_, i) => (i * 7919) % ds.n); // 7919 is prime and does not divide n
    expect(new Set(perm).size).toBe(ds.n);
    const eraOf = new Array<string>(ds.n);
    for (let k = 0; k < ds.eras.length; ++k) eraOf.fill(ds.eras[k], ds.eraStarts[k], ds.eraStarts[k + 1]);
    const path = join(dir, 'shuffled.parquet');
    await writeParquet(path, [
      { name: 'id', type: 'varchar', values: perm.map((i) => ds.ids.at(i)) },
      { name: 'era', type: 'varchar', values: perm.map((i) => eraOf[i]) },
      { name: ds.featureNames[0], type: 'tinyint', values: perm.map((i) => ds.features[0][i]) },
      { name: 'target', type: 'float', values: perm.map((i) => ds.targets.target[i]) }
    ], { rowGroupSize: 2000 });
    const back = await loadDataset(memorySource(path), { features: [ds.featureNames[0]] });
    expect(back.eras).toEqual(ds.eras);
    expect(Array.from(back.eraStarts)).toEqual(Array.from(ds.eraStarts));
    const fileOrder = perm.map((i) => ds.ids.at(i));
    const fileEra = perm.map((i) => eraOf[i]);
    ds.eras.forEach((era, k) => {
      expect(back.ids.toArray().slice(back.eraStarts[k], back.eraStarts[k + 1])).toEqual(fileOrder.filter((_, r) => fileEra[r] === era));
    });
    const rowOf = new Map(ds.ids.toArray().map((id, i) => [id, i]));
    for (let i = 0; i < back.n; ++i) {
      const r = rowOf.get(back.ids.at(i))!;
      expect(back.features[0][i]).toBe(ds.features[0][r]);
    }
  });

  it('loadDataset(parquet, { dataTypes, eras }) equals filtering afterwards and skips row groups by statistics', async () => {
    const path = join(dir, 'filters.parquet');
    await writeDatasetParquet(path, ds, { rowGroupSize: 2048, columns: [] });
    const plain = memorySource(path);
    await loadDataset(plain, { targets: ['target'] });
    const src = memorySource(path);
    const got = await loadDataset(src, { targets: ['target'], dataTypes: ['validation'], eras: { from: '0018', to: 26, every: 2 } });
    // Eras 18–26 sit in about half of the row groups (rows are sorted by era); the others are never fetched.
    expect(src.dataBytesRead()).toBeLessThan(plain.dataBytesRead() * 0.7);
    const keepEra = (e: number) => e >= 18 && e <= 26 && (e - 18) % 2 === 0;
    const rows: number[] = [];
    ds.eras.forEach((era, k) => {
      for (let i = ds.eraStarts[k]; i < ds.eraStarts[k + 1]; ++i) if (keepEra(Number(era)) && ds.dataType![i] === 'validation') rows.push(i);
    });
    expect(got.ids.toArray()).toEqual(rows.map((i) => ds.ids.at(i)));
    expect(got.eras).toEqual(['0018', '0020', '0022', '0024', '0026']);
    expect(Array.from(got.targets.target)).toEqual(rows.map((i) => ds.targets.target[i]));
    expect(got.features[4]).toEqual(Int8Array.from(rows, (i) => ds.features[4][i]));
  });

  it('loadDataset(parquet, { dataTypes: ["validation"], eras: { every: 3 } }) counts every 3rd era from the first validation era', async () => {
    const path = join(dir, 'every.parquet');
    await writeDatasetParquet(path, ds, { rowGroupSize: 3000, columns: [] });
    const got = await loadDataset(memorySource(path), { dataTypes: ['validation'], eras: { every: 3 } });
    const validationEras = ds.eras.filter((_, k) => ds.dataType![ds.eraStarts[k]] === 'validation');
    expect(got.eras).toEqual(validationEras.filter((_, k) => k % 3 === 0));
  });

  it('readParquet(source, { columns: 2 of 20 features }) fetches only those column chunks', async () => {
    const { dataset: big } = generateDataset({ seed: 3, eras: 10, rowsPerEra: 6000, features: 20 });
    const path = join(dir, 'wide.parquet');
    await writeDatasetParquet(path, big, { columns: [] });
    const all = memorySource(path);
    await readParquet(all, { columns: big.featureNames.map((name) => ({ name, kind: 'feature' as const })) });
    const few = memorySource(path);
    const back = await readParquet(few, { columns: big.featureNames.slice(0, 2).map((name) => ({ name, kind: 'feature' as const })) });
    expect(few.dataBytesRead()).toBeLessThan(all.dataBytesRead() * 0.2);
    expect(back.columns[big.featureNames[1]]).toEqual(big.features[1]);
  });
});
