import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnRequest } from '../../../src/lib/data/ColumnRequest';
import { generateDataset } from '../../../src/lib/data/generateDataset';
import { readParquet } from '../../../src/lib/data/readParquet';
import { readParquetInfo } from '../../../src/lib/data/readParquetInfo';
import { memorySource } from '../../helpers/memorySource';
import { writeDatasetParquet, type WriteParquetOptions } from '../../helpers/writeParquet';
import { NUMERAI_DEV } from '../../helpers/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'numerai-readpq-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const { dataset: ds } = generateDataset({ seed: 21, eras: 8, rowsPerEra: 700, features: 6 });

/** Reference: hyparquet's generic row reader (parquetReadObjects), converted to the reader's column kinds. */
async function reference(path: string, requests: ColumnRequest[]) {
  const rows = await parquetReadObjects({ file: memorySource(path), compressors, columns: requests.map((r) => r.name) });
  const out: Record<string, unknown[]> = {};
  for (const r of requests) {
    out[r.name] = rows.map((row) => {
      const v = row[r.name];
      if (r.kind === 'string') return v ?? '';
      const x = v == null ? NaN : Number(v);
      return r.kind === 'feature' && Number.isNaN(x) ? 2 : x;
    });
  }
  return out;
}

const requests: ColumnRequest[] = [
  { name: 'id', kind: 'string' },
  { name: 'era', kind: 'string' },
  { name: 'data_type', kind: 'string' },
  ...ds.featureNames.map((name) => ({ name, kind: 'feature' as const })),
  ...Object.keys(ds.targets).map((name) => ({ name, kind: 'float64' as const })),
  ...Object.keys(ds.columns).map((name) => ({ name, kind: 'float64' as const }))
];

describe('readParquet', () => {
  const variants: [string, WriteParquetOptions][] = [
    ['V1 zstd, 2,048-row groups', { compression: 'zstd', rowGroupSize: 2048 }],
    ['V1 snappy, NaN as IEEE NaN', { compression: 'snappy', nanAs: 'nan' }],
    ['V2 gzip (data page v2, DELTA_LENGTH_BYTE_ARRAY ids, BYTE_STREAM_SPLIT floats)', { compression: 'gzip', parquetVersion: 'V2', rowGroupSize: 2048 }],
    ['V2 uncompressed', { compression: 'uncompressed', parquetVersion: 'V2' }]
  ];
  for (const [label, opts] of variants) {
    it(`readParquet(${label}) equals hyparquet's generic reader column by column`, async () => {
      const path = join(dir, label.replace(/\W+/g, '_') + '.parquet');
      await writeDatasetParquet(path, ds, opts);
      const got = await readParquet(memorySource(path), { columns: requests });
      const want = await reference(path, requests);
      expect(got.n).toBe(ds.n);
      for (const r of requests) expect(Array.from(got.columns[r.name] as ArrayLike<unknown>)).toEqual(want[r.name]);
      // …and the generated data itself (float32 targets are exact: 0, .25, .5, .75, 1).
      expect(got.columns.id).toEqual(ds.ids.toArray());
      expect(got.columns[ds.featureNames[5]]).toEqual(ds.features[5]);
      expect(Array.from(got.columns.target as Float64Array)).toEqual(Array.from(ds.targets.target));
    });
  }

  it('readParquet(fixture) equals hyparquet\'s generic reader', async () => {
    const path = `${NUMERAI_DEV}validation.parquet`;
    const info = await readParquetInfo(memorySource(path));
    const reqs: ColumnRequest[] = info.columns.map((c) => ({
      name: c.name,
      kind: c.name.startsWith('feature_') ? 'feature' : c.name.startsWith('target') ? 'float64' : 'string'
    }));
    const got = await readParquet(memorySource(path), { columns: reqs });
    const want = await reference(path, reqs);
    for (const r of reqs) expect(Array.from(got.columns[r.name] as ArrayLike<unknown>)).toEqual(want[r.name]);
  });

  it('readParquet(source, { where }) keeps the rows passing the filter, across row groups', async () => {
    const path = join(dir, 'where.parquet');
    await writeDatasetParquet(path, ds, { rowGroupSize: 2048 });
    const got = await readParquet(memorySource(path), {
      columns: [{ name: 'id', kind: 'string' }, { name: ds.featureNames[0], kind: 'feature' }],
      where: [{ column: 'era', keep: (e) => Number(e) % 3 === 0 }]
    });
    const rows: number[] = [];
    ds.eras.forEach((e, k) => {
      if (Number(e) % 3 === 0) for (let i = ds.eraStarts[k]; i < ds.eraStarts[k + 1]; ++i) rows.push(i);
    });
    expect(got.columns.id).toEqual(rows.map((i) => ds.ids.at(i)));
    expect(got.columns[ds.featureNames[0]]).toEqual(Int8Array.from(rows, (i) => ds.features[0][i]));
    expect(got.rowsInFile).toBe(ds.n);
  });

  it('readParquet(source, { columns: [missing] }) names the missing column', async () => {
    await expect(
      readParquet(memorySource(`${NUMERAI_DEV}meta_model.parquet`), { columns: [{ name: 'prediction', kind: 'float64' }] })
    ).rejects.toThrowError('meta_model.parquet has no column "prediction"');
  });
});
