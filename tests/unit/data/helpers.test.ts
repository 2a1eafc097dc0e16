import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { op } from 'arquero';
import { datasetTable } from '../../../src/lib/data/datasetTable';
import { detectFormat } from '../../../src/lib/data/detectFormat';
import { eraNumber } from '../../../src/lib/data/eraNumber';
import { parseFeaturesJson, resolveFeatureSet } from '../../../src/lib/data/featureSets';
import { generateDataset } from '../../../src/lib/data/generateDataset';
import { histogramRank } from '../../../src/lib/data/histogramRank';
import { openFileSource } from '../../../src/lib/data/node/openFileSource';
import { Rng } from '../../../src/lib/data/Rng';
import { similarNames } from '../../../src/lib/data/similarNames';
import { compareEras, sortByEra } from '../../../src/lib/data/sortByEra';
import { toByteSource } from '../../../src/lib/data/toByteSource';
import { NUMERAI_DEV } from '../../helpers/fixtures';

const fixture = NUMERAI_DEV;

describe('data helpers', () => {
  it('sortByEra(labels) orders eras numerically and keeps row order within an era', () => {
    const r = sortByEra(['0010', '0009', '0010', '10000', '0009', 'X', '0002']);
    expect(r.eras).toEqual(['0002', '0009', '0010', '10000', 'X']);
    expect(Array.from(r.eraStarts)).toEqual([0, 1, 3, 5, 6, 7]);
    expect(Array.from(r.order!)).toEqual([6, 1, 4, 0, 2, 3, 5]);
  });

  it('sortByEra(sorted labels) returns no permutation', () => {
    const r = sortByEra(['0001', '0001', '0002', '0010']);
    expect(r.order).toBeNull();
    expect(Array.from(r.eraStarts)).toEqual([0, 2, 3, 4]);
  });

  it('eraNumber(label) and compareEras(a, b) read the number at the end of a label', () => {
    expect(eraNumber('0575')).toBe(575);
    expect(eraNumber('era12')).toBe(12);
    expect(eraNumber('X')).toBeNaN();
    expect(['era10', 'era9', 'X', 'era100'].sort(compareEras)).toEqual(['era9', 'era10', 'era100', 'X']);
  });

  it('parseFeaturesJson(text) reads the fixture and resolveFeatureSet(fj, name) returns a set or lists the sets', () => {
    const fj = parseFeaturesJson(readFileSync(fixture + 'features.json', 'utf8'));
    expect(resolveFeatureSet(fj, 'small').length).toBe(8);
    expect(resolveFeatureSet(fj, 'all').length).toBe(16);
    expect(fj.targets).toEqual(['target', 'target_alt_20']);
    expect(() => resolveFeatureSet(fj, 'Small')).toThrowError(/There is no feature set "Small" in features.json\n- Available sets: small \(8\), all \(16\)\./);
    expect(() => parseFeaturesJson('{"feature_sets": ')).toThrowError(/^features\.json is not valid JSON/);
    expect(() => parseFeaturesJson({ targets: [] })).toThrowError(/has no "feature_sets" object/);
    expect(() => parseFeaturesJson({ feature_sets: { small: [1, 2] } })).toThrowError(/feature set "small" is not a list of column names/);
  });

  it('datasetTable(ds) wraps the same typed arrays (zero-copy) and groups by era like a loop does', () => {
    const { dataset: ds } = generateDataset({ seed: 2, eras: 6, rowsPerEra: 100, features: 5, unresolvedEras: 1 });
    const t = datasetTable(ds);
    expect(t.numRows()).toBe(ds.n);
    expect(t.column('target')).toBe(ds.targets.target);
    expect(t.column(ds.featureNames[0])).toBe(ds.features[0]);
    expect(t.column('numerai_meta_model')).toBe(ds.columns.numerai_meta_model);
    expect(t.columnNames().slice(0, 3)).toEqual(['id', 'era', 'data_type']);
    const byEra = t.groupby('era').rollup({ n: op.count(), m: op.mean(ds.featureNames[1]) }).orderby('era').objects() as { era: string; n: number; m: number }[];
    expect(byEra.map((r) => r.era)).toEqual(ds.eras);
    byEra.forEach((r, k) => {
      const f = ds.features[1].subarray(ds.eraStarts[k], ds.eraStarts[k + 1]);
      expect(r.n).toBe(f.length);
      expect(r.m).toBeCloseTo(f.reduce((a, b) => a + b, 0) / f.length, 12);
    });
  });

  it('toByteSource(Blob) reads byte ranges by slice and keeps the File name', async () => {
    const file = new File([new TextEncoder().encode('id,prediction\na,0.5\n')], 'p.csv');
    const src = toByteSource(file);
    expect(src.name).toBe('p.csv');
    expect(src.byteLength).toBe(20);
    expect(new TextDecoder().decode(await src.slice(3, 13))).toBe('prediction');
    expect(await detectFormat(src)).toBe('csv');
  });

  it('openFileSource(path) reads exactly the requested byte ranges of a file', async () => {
    const whole = readFileSync(fixture + 'validation.parquet');
    const src = await openFileSource(fixture + 'validation.parquet');
    try {
      expect(src.byteLength).toBe(whole.length);
      expect(src.name).toBe('validation.parquet');
      expect(new Uint8Array(await src.slice(1000, 1100))).toEqual(new Uint8Array(whole.subarray(1000, 1100)));
      expect(new Uint8Array(await src.slice(whole.length - 4))).toEqual(new Uint8Array(whole.subarray(whole.length - 4)));
      expect(await detectFormat(src)).toBe('parquet');
    } finally {
      await src.close();
    }
  });

  it('similarNames(name, candidates) suggests near misses and reordered words, not unrelated names', () => {
    const cols = ['id', 'era', 'data_type', 'feature_alpha_beta_gamma', 'feature_delta_eps_zeta', 'target', 'target_ender_20'];
    expect(similarNames('feature_alpha_beta_gama', cols)).toEqual(['feature_alpha_beta_gamma']);
    expect(similarNames('feature_gamma_alpha_beta', cols)).toEqual(['feature_alpha_beta_gamma']);
    expect(similarNames('target_ender_60', cols)).toEqual(['target_ender_20']);
    expect(similarNames('feature_x', cols)).toEqual([]);
  });

  it('Rng(seed) gives a fixed uint32 stream and normals with mean 0 and variance 1', () => {
    const a = new Rng(123), b = new Rng(123), c = new Rng(124);
    const sa = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(sa);
    const r = new Rng(9);
    let s = 0, ss = 0;
    const n = 200_000;
    for (let i = 0; i < n; ++i) {
      const z = r.normal();
      s += z;
      ss += z * z;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(ss / n - 1)).toBeLessThan(0.02);
    const u = new Rng(1);
    for (let i = 0; i < 1000; ++i) {
      const v = u.float();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });


  it('histogramRank(x) equals the exact rank for distinct values spread over the range', () => {
    const rng = new Rng(4);
    const n = 3000;
    const x = Float64Array.from({ length: n }, () => rng.normal());
    const r = histogramRank(x, n, new Uint32Array(n));
    const exact = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b]);
    let off = 0;
    exact.forEach((i, k) => (off = Math.max(off, Math.abs(r[i] - k))));
    expect(new Set(r).size).toBe(n); // a permutation of 0..n−1
    expect(off).toBeLessThanOrEqual(8); // only values sharing a 1/4096-wide cell can swap
  });
});
