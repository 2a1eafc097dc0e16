import { describe, expect, it } from 'vitest';
import { featureFamilies, generateDataset } from '../../../src/lib/data/generateDataset';

// Naive references, written independently of the generator.
function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let n = 0, sx = 0, sy = 0;
  for (let i = 0; i < x.length; ++i) if (x[i] === x[i] && y[i] === y[i]) { n++; sx += x[i]; sy += y[i]; }
  const mx = sx / n, my = sy / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < x.length; ++i) {
    if (!(x[i] === x[i] && y[i] === y[i])) continue;
    sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
function ranks(x: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Float64Array(x.length);
  for (let k = 0; k < idx.length; ) {
    let j = k;
    while (j + 1 < idx.length && x[idx[j + 1]] === x[idx[k]]) j++;
    for (let m = k; m <= j; ++m) r[idx[m]] = (k + j) / 2;
    k = j + 1;
  }
  return r;
}
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));

describe('generateDataset', () => {
  const g = generateDataset({ seed: 7, eras: 120, rowsPerEra: 1500 });
  const ds = g.dataset;

  it('generateDataset({ seed }) is deterministic: the same seed gives identical arrays, another seed differs', () => {
    const a = generateDataset({ seed: 99, eras: 12, rowsPerEra: 200 });
    const b = generateDataset({ seed: 99, eras: 12, rowsPerEra: 200 });
    const c = generateDataset({ seed: 100, eras: 12, rowsPerEra: 200 });
    expect(b.dataset.ids.toArray()).toEqual(a.dataset.ids.toArray());
    expect(b.dataset.featureNames).toEqual(a.dataset.featureNames);
    b.dataset.features.forEach((f, j) => expect(f).toEqual(a.dataset.features[j]));
    for (const t of Object.keys(a.dataset.targets)) expect(Array.from(b.dataset.targets[t])).toEqual(Array.from(a.dataset.targets[t]));
    for (const k of Object.keys(a.dataset.columns)) expect(Array.from(b.dataset.columns[k])).toEqual(Array.from(a.dataset.columns[k]));
    expect(b.featuresJson).toEqual(a.featuresJson);
    expect(c.dataset.ids.toArray()).not.toEqual(a.dataset.ids.toArray());
    expect(c.dataset.features[0]).not.toEqual(a.dataset.features[0]);
    expect(Array.from(c.dataset.targets.target)).not.toEqual(Array.from(a.dataset.targets.target));
  });

  it('generateDataset() has Numerai\'s shapes: zero-padded eras, growing era sizes, unique ids, 42 three-word features', () => {
    expect(ds.eras.length).toBe(120);
    expect(ds.eras[0]).toBe('0001');
    expect(ds.eras[119]).toBe('0120');
    expect(ds.eraStarts.length).toBe(121);
    expect(ds.eraStarts[120]).toBe(ds.n);
    expect(ds.n / 120).toBeGreaterThan(1400);
    expect(ds.n / 120).toBeLessThan(1600);
    const size = (k: number) => ds.eraStarts[k + 1] - ds.eraStarts[k];
    expect(size(0) + size(1) + size(2)).toBeLessThan(size(117) + size(118) + size(119));
    expect(new Set(ds.ids.toArray()).size).toBe(ds.n);
    for (const id of ds.ids.toArray().slice(0, 50)) expect(id).toMatch(/^n[0-9a-f]{15}$/);
    expect(ds.featureNames.length).toBe(42);
    expect(new Set(ds.featureNames).size).toBe(42);
    for (const f of ds.featureNames) expect(f).toMatch(/^feature_[a-z]+_[a-z]+_[a-z]+$/);
    expect(ds.features.every((f) => f instanceof Int8Array && f.length === ds.n)).toBe(true);
    expect(Object.keys(ds.targets)).toEqual(['target', 'target_victor_20', 'target_xerxes_60']);
    expect(Object.keys(ds.columns)).toEqual(['numerai_meta_model', 'v5_lgbm_ender20', 'example_prediction']);
    expect(ds.dataType?.length).toBe(ds.n);
  });

  it('generateDataset() returns a features.json with small, all and the eight Numerai groups', () => {
    const sets = g.featuresJson.feature_sets;
    expect(sets.small).toEqual(ds.featureNames);
    expect(sets.all).toEqual(ds.featureNames);
    const grouped = featureFamilies.flatMap((f) => sets[f]);
    expect(grouped.sort()).toEqual(ds.featureNames.slice().sort());
    for (const f of featureFamilies) expect(sets[f].length).toBeGreaterThanOrEqual(5);
    expect(g.featuresJson.targets).toEqual(Object.keys(ds.targets));
    const wide = generateDataset({ seed: 1, eras: 4, rowsPerEra: 50, features: 100 }).featuresJson.feature_sets;
    expect(wide.small.length).toBe(42);
    expect(wide.medium.length).toBeGreaterThanOrEqual(42);
    expect(wide.all.length).toBe(100);
  });

  it('generateDataset() bins the target 5/20/50/20/5 % within every resolved era', () => {
    const values = [0, 0.25, 0.5, 0.75, 1];
    const shares = [0.05, 0.2, 0.5, 0.2, 0.05];
    let resolved = 0;
    ds.eras.forEach((_, k) => {
      const t = ds.targets.target.subarray(ds.eraStarts[k], ds.eraStarts[k + 1]);
      if (Number.isNaN(t[0])) return;
      resolved++;
      const counts = values.map((v) => t.filter((x) => x === v).length);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(t.length);
      counts.forEach((c, b) => expect(Math.abs(c - shares[b] * t.length)).toBeLessThanOrEqual(1));
    });
    expect(resolved).toBe(116);
  });

  it('generateDataset() has int8 features in 5 equal per-era bins, except whole eras filled with 2', () => {
    let missing = 0;
    ds.eras.forEach((_, k) => {
      const a = ds.eraStarts[k], b = ds.eraStarts[k + 1], n = b - a;
      for (const f of ds.features) {
        const counts = [0, 0, 0, 0, 0];
        for (let i = a; i < b; ++i) counts[f[i]]++;
        if (counts[2] === n) {
          missing++;
          continue;
        }
        for (const c of counts) expect(Math.abs(c - n / 5)).toBeLessThanOrEqual(1);
      }
    });
    expect(missing).toBe(g.truth.missing.length);
    expect(missing).toBeGreaterThan(0);
    expect(missing).toBeLessThan(0.02 * 42 * 120);
  });

  it('generateDataset() makes features of one family correlated and features of different families not', () => {
    const fam = g.truth.families;
    const col = (name: string) => ds.features[ds.featureNames.indexOf(name)];
    const within = pearson(col(fam.wisdom[0]), col(fam.wisdom[1]));
    const across = pearson(col(fam.wisdom[0]), col(fam.strength[0]));
    expect(within).toBeGreaterThan(0.2);
    expect(Math.abs(across)).toBeLessThan(0.05);
  });

  it('generateDataset() flips the sign of a risky feature\'s per-era correlation with the target between regimes', () => {
    const risky = ds.featureNames.indexOf(g.truth.riskyFeatures[0]);
    const byRegime: Record<string, number[]> = { '1': [], '-1': [] };
    ds.eras.forEach((_, k) => {
      const a = ds.eraStarts[k], b = ds.eraStarts[k + 1];
      const t = ds.targets.target.subarray(a, b);
      if (Number.isNaN(t[0])) return;
      byRegime[String(g.truth.regime[k])].push(pearson(ds.features[risky].subarray(a, b), t));
    });
    expect(byRegime['1'].length).toBeGreaterThan(10);
    expect(byRegime['-1'].length).toBeGreaterThan(10);
    const up = mean(byRegime['1']), down = mean(byRegime['-1']);
    expect(Math.sign(up)).toBe(-Math.sign(down));
    expect(Math.abs(up - down)).toBeGreaterThan(0.03);
  });

  it('generateDataset() plants a signal a linear model finds: per-era rank CORR about 0.02–0.05, sharpe about 1', () => {
    // Ordinary least squares on the first 60 eras (normal equations, Gauss–Jordan), scored on the resolved later eras.
    const F = ds.features.length, cut = ds.eraStarts[60];
    const A = Array.from({ length: F + 1 }, () => new Float64Array(F + 2));
    const x = new Float64Array(F + 1);
    for (let i = 0; i < cut; ++i) {
      for (let j = 0; j < F; ++j) x[j] = ds.features[j][i];
      x[F] = 1;
      for (let p = 0; p <= F; ++p) {
        A[p][F + 1] += x[p] * ds.targets.target[i];
        for (let q = 0; q <= F; ++q) A[p][q] += x[p] * x[q];
      }
    }
    for (let c = 0; c <= F; ++c) {
      for (let r = 0; r <= F; ++r) {
        if (r === c) continue;
        const f = A[r][c] / A[c][c];
        for (let k = c; k <= F + 1; ++k) A[r][k] -= f * A[c][k];
      }
    }
    const w = A.map((row, i) => row[F + 1] / row[i]);
    const scores: number[] = [];
    for (let k = 60; k < 120; ++k) {
      const a = ds.eraStarts[k], b = ds.eraStarts[k + 1];
      const t = ds.targets.target.subarray(a, b);
      if (Number.isNaN(t[0])) continue;
      const p = new Float64Array(b - a);
      for (let i = a; i < b; ++i) {
        let v = w[F];
        for (let j = 0; j < F; ++j) v += w[j] * ds.features[j][i];
        p[i - a] = v;
      }
      scores.push(pearson(ranks(p), t));
    }
    const m = mean(scores), sharpe = m / std(scores);
    expect(m).toBeGreaterThan(0.015);
    expect(m).toBeLessThan(0.06);
    expect(sharpe).toBeGreaterThan(0.5);
    expect(sharpe).toBeLessThan(2.5);
  });

  it('generateDataset() gives auxiliary targets correlated ≈0.7 (_20) and ≈0.4 (_60) with the target, with some NaN', () => {
    const r20 = pearson(ds.targets.target, ds.targets.target_victor_20);
    const r60 = pearson(ds.targets.target, ds.targets.target_xerxes_60);
    expect(r20).toBeGreaterThan(0.62);
    expect(r20).toBeLessThan(0.78);
    expect(r60).toBeGreaterThan(0.32);
    expect(r60).toBeLessThan(0.48);
    const resolvedRows = ds.eraStarts[100];
    const nan20 = ds.targets.target_victor_20.subarray(0, resolvedRows).filter((v) => Number.isNaN(v)).length;
    expect(nan20 / resolvedRows).toBeGreaterThan(0.002);
    expect(nan20 / resolvedRows).toBeLessThan(0.03);
  });

  it('generateDataset() leaves the last eras unresolved (NaN targets, data_type "test") and labels train/validation', () => {
    const lastResolved = ds.eraStarts[116];
    expect(ds.targets.target.subarray(lastResolved).every((v) => Number.isNaN(v))).toBe(true);
    expect(ds.targets.target.subarray(0, lastResolved).some((v) => Number.isNaN(v))).toBe(false);
    expect(ds.targets.target_xerxes_60.subarray(ds.eraStarts[108], ds.eraStarts[109]).every((v) => Number.isNaN(v))).toBe(true);
    expect(ds.dataType![0]).toBe('train');
    expect(ds.dataType![ds.eraStarts[60]]).toBe('validation');
    expect(ds.dataType![ds.n - 1]).toBe('test');
  });

  it('generateDataset() gives model columns in (0, 1); the meta model is NaN in the first third of eras only', () => {
    const mm = ds.columns.numerai_meta_model;
    expect(mm.subarray(0, ds.eraStarts[40]).every((v) => Number.isNaN(v))).toBe(true);
    expect(mm.subarray(ds.eraStarts[40]).some((v) => Number.isNaN(v))).toBe(false);
    for (const c of Object.values(ds.columns)) {
      const v = c.filter((x) => !Number.isNaN(x));
      expect(v.reduce((a, b) => Math.min(a, b), Infinity)).toBeGreaterThan(0);
      expect(v.reduce((a, b) => Math.max(a, b), -Infinity)).toBeLessThan(1);
    }
    // A decent model: positive mean per-era correlation with the target.
    const scores: number[] = [];
    for (let k = 40; k < 116; ++k) {
      const a = ds.eraStarts[k], b = ds.eraStarts[k + 1];
      scores.push(pearson(mm.subarray(a, b), ds.targets.target.subarray(a, b)));
    }
    expect(mean(scores)).toBeGreaterThan(0.01);
  });

  it('generateDataset({ features: 1, eras: 1 }) still works on tiny shapes', () => {
    const t = generateDataset({ seed: 1, eras: 1, rowsPerEra: 10, features: 1, unresolvedEras: 0 }).dataset;
    expect(t.n).toBe(10);
    expect(t.features.length).toBe(1);
    expect(t.targets.target.some((v) => Number.isNaN(v))).toBe(false);
  });
});
