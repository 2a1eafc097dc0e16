import { describe, expect, it } from 'vitest';
import { generateDataset } from '../../../src/lib/data/generateDataset';
import { PlaygroundError } from '../../../src/lib/errors';
import { bestSplit, type Split } from '../../../src/lib/models/bestSplit';
import { buildHistogram, jointHistogram } from '../../../src/lib/models/buildHistogram';
import type { GbdtModel } from '../../../src/lib/models/GbdtModel';
import { gbdtParams } from '../../../src/lib/models/gbdtParams';
import { packBins } from '../../../src/lib/models/packBins';
import { predict } from '../../../src/lib/models/predict';
import { predictGbdt } from '../../../src/lib/models/predictGbdt';
import { splitEras } from '../../../src/lib/models/splitEras';
import { trainGbdt } from '../../../src/lib/models/trainGbdt';
import { trainModel } from '../../../src/lib/models/trainModel';
import { treeDepths } from '../../../src/lib/models/treeDepths';
import { rankPerEra } from '../../../src/lib/models/rankPerEra';
import { gather } from '../../../src/lib/scoring/filterOverlap';
import { scoreEras } from '../../../src/lib/scoring/scoreEras';
import { binColumns, naiveBestSplit, naivePredictGbdt, rng } from './naive';

const set = (columns: Int8Array[], target: Float64Array, rows?: Uint32Array) => ({ features: columns.map((_, j) => `f${j}`), columns, target, rows });
const emptySplit = (): Split => ({ gain: 0, feature: 0, threshold: 0, gradLeft: 0, countLeft: 0 });

/** Nodes of tree t as [feature, threshold] for internal nodes and the leaf value otherwise, in node order. */
function nodes(m: GbdtModel, t = 0) {
  const { start, feature, threshold, value } = m.trees;
  return Array.from({ length: start[t + 1] - start[t] }, (_, i) => (feature[start[t] + i] >= 0 ? [feature[start[t] + i], threshold[start[t] + i]] : value[start[t] + i]));
}

describe('trainGbdt on hand-worked data', () => {
  // a = 0 1 2 3 4 4, y = 1 2 1 5 6 5; ȳ = 10/3, g = ȳ − y. Split a ≤ t: left/right squared-error drop
  // t=0: 6.53, t=1: 10.08, t=2: 24 (G_L = 6, G_R = −6: 36/3 + 36/3), t=3: 14.08
  const a = Int8Array.of(0, 1, 2, 3, 4, 4);
  const b = Int8Array.of(2, 2, 2, 2, 2, 2);
  const y = Float64Array.of(1, 2, 1, 5, 6, 5);

  it('trainGbdt(set, { trees: 1, maxDepth: 1 }) splits at a ≤ 2 with gain 24 and leaves −lr·G/H', () => {
    const m = trainGbdt(set([b, a], y), { trees: 1, maxDepth: 1, learningRate: 0.5, minDataInLeaf: 1 });
    expect(m.baseScore).toBeCloseTo(10 / 3, 14);
    expect(m.trees.feature[0]).toBe(1);
    expect(m.trees.threshold[0]).toBe(2);
    expect(m.trees.gain[0]).toBeCloseTo(24, 12);
    // left G = 6 over 3 rows → −0.5·2 = −1; right +1
    expect(m.trees.value[1]).toBeCloseTo(-1, 14);
    expect(m.trees.value[2]).toBeCloseTo(1, 14);
    expect(Array.from(m.trees.count)).toEqual([6, 3, 3]);
    expect(Array.from(predictGbdt(m, { f0: b, f1: a })).map((v) => +v.toFixed(12))).toEqual([7 / 3, 7 / 3, 7 / 3, 13 / 3, 13 / 3, 13 / 3].map((v) => +v.toFixed(12)));
    expect(Array.from(m.importance)).toEqual([0, m.trees.gain[0]]);
  });

  it('trainGbdt(set, { minDataInLeaf }) only considers splits with enough rows on both sides', () => {
    // minData 4 leaves no valid threshold on 6 rows: a single leaf holding the mean
    const none = trainGbdt(set([a], y), { trees: 1, maxDepth: 1, learningRate: 1, minDataInLeaf: 4 });
    expect(nodes(none)).toEqual([expect.closeTo(0, 14)]);
    // rows 0..4 (y = 1 2 1 5 6, ȳ = 3, SSE 22) with minData 2 allow a ≤ 1 (drop 22 − 0.5 − 14 = 7.5) and a ≤ 2
    // (drop 22 − 2/3 − 1/2 = 125/6); a ≤ 2 wins, leaves 4/3 − 3 and 11/2 − 3
    const m = trainGbdt(set([a], y, Uint32Array.of(0, 1, 2, 3, 4)), { trees: 1, maxDepth: 1, learningRate: 1, minDataInLeaf: 2 });
    expect(nodes(m)).toEqual([[0, 2], expect.closeTo(-5 / 3, 12), expect.closeTo(2.5, 12)]);
    expect(m.trees.gain[0]).toBeCloseTo(125 / 6, 12);
  });

  it('trainGbdt(set, params) breaks ties towards the lower feature and threshold', () => {
    // two identical features: the first one is used
    const m = trainGbdt(set([a, Int8Array.from(a)], y), { trees: 1, maxDepth: 1, minDataInLeaf: 1 });
    expect(m.trees.feature[0]).toBe(0);
    // bins 0 and 2 only: thresholds 0 and 1 make the same partition; the lower wins
    const m2 = trainGbdt(set([Int8Array.of(0, 0, 2, 2)], Float64Array.of(0, 0, 1, 1)), { trees: 1, maxDepth: 1, minDataInLeaf: 1 });
    expect(m2.trees.threshold[0]).toBe(0);
  });

  it('trainGbdt(set, { lambdaL2 }) shrinks leaves to −lr·G/(H + λ)', () => {
    const m = trainGbdt(set([a], y), { trees: 1, maxDepth: 1, learningRate: 1, minDataInLeaf: 1, lambdaL2: 3 });
    // same split (G_L = 6, H_L = 3): leaf −6/(3 + 3) = −1
    expect(nodes(m)).toEqual([[0, 2], expect.closeTo(-1, 12), expect.closeTo(1, 12)]);
    expect(m.trees.gain[0]).toBeCloseTo(36 / 6 + 36 / 6, 12);
  });

  it('trainGbdt(set, { numLeaves: 3 }) grows best-first and stops at 3 leaves', () => {
    const r = rng(3);
    const cols = binColumns(r, 4, 400);
    const target = Float64Array.from({ length: 400 }, (_, i) => cols[0][i] * cols[1][i] + r());
    const m = trainGbdt(set(cols, target), { trees: 2, maxDepth: 0, numLeaves: 3, minDataInLeaf: 5 });
    for (let t = 0; t < 2; ++t) expect(nodes(m, t).filter((x) => typeof x === 'number')).toHaveLength(3);
    // the second split went to the child with the larger best gain: its gain ≤ the root's
    expect(m.trees.gain.filter((g) => g > 0).length).toBe(4);
  });
});

describe('histograms and split finding', () => {
  it('buildHistogram(codes, …) equals naive per-(feature, bin) sums for 1..9 features and random row subsets', () => {
    const r = rng(21);
    for (let trial = 0; trial < 40; ++trial) {
      const n = 1 + Math.floor(r() * 300);
      const F = 1 + Math.floor(r() * 9);
      const bins = Array.from({ length: F }, () => Uint8Array.from({ length: n }, () => Math.floor(r() * 5)));
      const sel = Int32Array.from({ length: F }, (_, j) => j).filter(() => r() < 0.8);
      if (!sel.length) continue;
      const k = sel.length;
      const codes = new Uint8Array(n * Math.ceil(k / 3));
      const G = packBins(bins, sel, n, codes);
      const grad = Float64Array.from({ length: n }, () => r() - 0.5);
      const index = Uint32Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.6);
      const hg = new Float64Array(k * 5);
      const hc = new Float64Array(k * 5);
      buildHistogram(codes, G, k, index, 0, index.length, grad, jointHistogram(G), hg, hc);
      for (let s = 0; s < k; ++s)
        for (let b = 0; b < 5; ++b) {
          const rows = Array.from(index).filter((i) => bins[sel[s]][i] === b);
          expect(hc[s * 5 + b]).toBe(rows.length);
          expect(Math.abs(hg[s * 5 + b] - rows.reduce((acc, i) => acc + grad[i], 0))).toBeLessThan(1e-12);
        }
    }
  });

  it('bestSplit(hg, hc, …) finds the gain and split of a naive per-threshold scan on 200 seeded nodes', () => {
    const r = rng(22);
    for (let trial = 0; trial < 200; ++trial) {
      const n = 2 + Math.floor(r() * 120);
      const k = 1 + Math.floor(r() * 6);
      const cols = binColumns(r, k, n);
      const resid = Array.from({ length: n }, () => Math.round(r() * 8) / 4);
      const minData = 1 + Math.floor(r() * 10);
      const hg = new Float64Array(k * 5);
      const hc = new Float64Array(k * 5);
      let G = 0;
      for (let i = 0; i < n; ++i) {
        G -= resid[i];
        for (let s = 0; s < k; ++s) {
          hg[s * 5 + cols[s][i]] -= resid[i];
          hc[s * 5 + cols[s][i]] += 1;
        }
      }
      const got = bestSplit(hg, hc, k, G, n, 0, minData, emptySplit());
      const want = naiveBestSplit(cols, resid, Array.from({ length: n }, (_, i) => i), minData);
      if (want.feature < 0) {
        expect(got.feature).toBe(-1);
        continue;
      }
      expect(Math.abs(got.gain - want.gain)).toBeLessThan(1e-9 * Math.max(1, want.gain));
      // on a near-tie the two may pick different, equally good splits
      if (Math.abs(got.gain - want.gain) < 1e-12 && got.feature !== want.feature) continue;
      expect([got.feature, got.threshold]).toEqual([want.feature, want.threshold]);
    }
  });

  it('trainGbdt(set, params) picks at every node the best split of that node’s own rows (checks the subtraction trick)', () => {
    const r = rng(23);
    for (let trial = 0; trial < 6; ++trial) {
      const n = 300 + Math.floor(r() * 500);
      const cols = binColumns(r, 2 + trial, n);
      const target = Float64Array.from({ length: n }, (_, i) => Math.sin(cols[0][i] * cols[1][i]) + (cols[trial % 2][i] > 2 ? 0.5 : 0) + 0.3 * r());
      const m = trainGbdt(set(cols, target), { trees: 2, maxDepth: 4, learningRate: 0.3, minDataInLeaf: 7 });
      // residuals before tree 1 (for tree 0 the residual is y − ȳ)
      for (let t = 0; t < 2; ++t) {
        const before = { ...m, trees: { ...m.trees, start: m.trees.start.slice(0, t + 1) } };
        const resid = Array.from(target, (v, i) => v - naivePredictGbdt(before, cols, i));
        const { start, feature, threshold, left, right, gain, count } = m.trees;
        const visit = (k: number, rows: number[]) => {
          expect(count[k]).toBe(rows.length);
          if (feature[k] < 0) return;
          const want = naiveBestSplit(cols, resid, rows, 7);
          expect(Math.abs(gain[k] - want.gain)).toBeLessThan(1e-8);
          expect([feature[k], threshold[k]]).toEqual([want.feature, want.threshold]);
          visit(left[k], rows.filter((i) => cols[feature[k]][i] <= threshold[k]));
          visit(right[k], rows.filter((i) => cols[feature[k]][i] > threshold[k]));
        };
        visit(start[t], Array.from({ length: n }, (_, i) => i));
      }
    }
  });
});

describe('trainGbdt and predictGbdt', () => {
  const { dataset } = generateDataset({ seed: 5, eras: 40, rowsPerEra: 300, unresolvedEras: 2 });
  const full = { features: dataset.featureNames, columns: dataset.features, target: dataset.targets.target };

  it('trainGbdt(set, params) lowers the training MSE with every tree', () => {
    const m = trainGbdt(full, { trees: 30, maxDepth: 4, learningRate: 0.1, minDataInLeaf: 20 });
    expect(m.trainMse).toHaveLength(30);
    for (let t = 1; t < 30; ++t) expect(m.trainMse[t]).toBeLessThanOrEqual(m.trainMse[t - 1]);
    expect(m.trainMse[29]).toBeLessThan(m.trainMse[0]);
  });

  it('predictGbdt(model, dataset) reproduces the training MSE the trainer tracked', () => {
    const m = trainGbdt(full, { trees: 10, maxDepth: 3, subsample: 0.6, colsampleBytree: 0.5, seed: 4 });
    const p = predictGbdt(m, dataset);
    const y = full.target;
    let s = 0;
    let n = 0;
    for (let i = 0; i < y.length; ++i)
      if (!Number.isNaN(y[i])) {
        s += (p[i] - y[i]) ** 2;
        ++n;
      }
    expect(n).toBe(m.n);
    expect(Math.abs(s / n - m.trainMse[9])).toBeLessThan(1e-12);
  });

  it('predictGbdt(model, source, rows) equals a recursive walk of every tree on seeded rows (leaf-wise, unbalanced trees)', () => {
    const m = trainGbdt(full, { trees: 25, maxDepth: 0, numLeaves: 12, minDataInLeaf: 30, learningRate: 0.2 });
    const r = rng(31);
    const rows = Uint32Array.from({ length: 503 }, () => Math.floor(r() * dataset.n));
    const p = predictGbdt(m, dataset, rows);
    rows.forEach((row, i) => expect(Math.abs(p[i] - naivePredictGbdt(m, dataset.features, row))).toBeLessThan(1e-12));
    // the same through columns by name, as Float64Array bins
    const named = Object.fromEntries(dataset.featureNames.map((f, j) => [f, Float64Array.from(dataset.features[j])]));
    expect(Array.from(predictGbdt(m, named, rows))).toEqual(Array.from(p));
  });

  it('predictGbdt(model, columns) walks a hand-made unbalanced tree and a single-leaf tree (depths 3 and 0)', () => {
    // tree 0: f0 ≤ 1 ? 1 : (f1 ≤ 2 ? (f0 ≤ 3 ? 2 : 3) : 4); tree 1: the constant 10; base 0.5
    const model: GbdtModel = {
      kind: 'gbdt', features: ['f0', 'f1'], baseScore: 0.5, params: gbdtParams(), trainMse: new Float64Array(0), importance: new Float64Array(2), n: 0, stopped: false,
      trees: {
        start: Int32Array.of(0, 7, 8),
        feature: Int32Array.of(0, -1, 1, 0, -1, -1, -1, -1),
        threshold: Uint8Array.of(1, 0, 2, 3, 0, 0, 0, 0),
        left: Int32Array.of(1, -1, 3, 5, -1, -1, -1, -1),
        right: Int32Array.of(2, -1, 4, 6, -1, -1, -1, -1),
        value: Float64Array.of(0, 1, 0, 0, 4, 2, 3, 10),
        gain: new Float64Array(8),
        count: new Int32Array(8)
      }
    };
    const f0 = Int8Array.of(0, 2, 4, 2, 1, 3);
    const f1 = Int8Array.of(0, 0, 1, 3, 4, 2);
    expect(Array.from(predictGbdt(model, { f0, f1 }))).toEqual([11.5, 12.5, 13.5, 14.5, 11.5, 12.5]);
    expect(Array.from(treeDepths(model))).toEqual([3, 0]);
  });

  it('predictGbdt(model, columns) takes the node-by-node path for trees deeper than 8 and agrees with a recursive walk', () => {
    // a caterpillar of depth 12: node 2i splits on feature i % 3 at bin i % 4, its left child is a leaf
    const D = 12;
    const K = 2 * D + 1;
    const feature = new Int32Array(K).fill(-1);
    const threshold = new Uint8Array(K);
    const left = new Int32Array(K).fill(-1);
    const right = new Int32Array(K).fill(-1);
    const value = Float64Array.from({ length: K }, (_, k) => k / 7);
    for (let i = 0; i < D; ++i) {
      feature[2 * i] = i % 3;
      threshold[2 * i] = i % 4;
      left[2 * i] = 2 * i + 1;
      right[2 * i] = 2 * i + 2;
    }
    const model: GbdtModel = {
      kind: 'gbdt', features: ['a', 'b', 'c'], baseScore: 0, params: gbdtParams(), trainMse: new Float64Array(0), importance: new Float64Array(3), n: 0, stopped: false,
      trees: { start: Int32Array.of(0, K), feature, threshold, left, right, value, gain: new Float64Array(K), count: new Int32Array(K) }
    };
    const r = rng(32);
    const cols = binColumns(r, 3, 301).map((c) => c.map((v) => (r() < 0.7 ? 4 : v)));
    const p = predictGbdt(model, { a: cols[0], b: cols[1], c: cols[2] });
    for (let i = 0; i < 301; ++i) expect(p[i]).toBe(naivePredictGbdt(model, cols, i));
    expect(new Set(p).size).toBeGreaterThan(5);
  });

  it('trainGbdt(set, { seed }) is deterministic, and the seed drives the feature and row draws', () => {
    const params = { trees: 8, maxDepth: 3, colsampleBytree: 0.3, subsample: 0.7, seed: 9 };
    const a = trainGbdt(full, params);
    const b = trainGbdt(full, params);
    expect(a).toEqual(b);
    const c = trainGbdt(full, { ...params, seed: 10 });
    expect(Array.from(c.trees.feature)).not.toEqual(Array.from(a.trees.feature));
  });

  it('trainGbdt(set, { colsampleBytree }) splits each tree on its own random subset of round(share·F) features', () => {
    const F = dataset.featureNames.length;
    const m = trainGbdt(full, { trees: 20, maxDepth: 4, colsampleBytree: 3 / F, minDataInLeaf: 10, seed: 1 });
    const used = new Set<number>();
    const { start, feature } = m.trees;
    for (let t = 0; t < 20; ++t) {
      const inTree = new Set(Array.from(feature.subarray(start[t], start[t + 1])).filter((f) => f >= 0));
      expect(inTree.size).toBeLessThanOrEqual(3);
      inTree.forEach((f) => used.add(f));
    }
    expect(used.size).toBeGreaterThan(10);
  });

  it('trainGbdt(set, { subsample }) fits each tree on about that share of the rows', () => {
    const m = trainGbdt(full, { trees: 5, maxDepth: 2, subsample: 0.5, seed: 2 });
    const { start, count } = m.trees;
    for (let t = 0; t < 5; ++t) expect(Math.abs(count[start[t]] / m.n - 0.5)).toBeLessThan(0.05);
  });

  it('trainGbdt(set, params, { shouldStop, onProgress }) reports each tree and stops between trees', () => {
    const progress: [number, number][] = [];
    const m = trainGbdt(full, { trees: 50, maxDepth: 2 }, { onProgress: (d, t) => progress.push([d, t]), shouldStop: () => progress.length >= 3 });
    expect(progress).toEqual([[1, 50], [2, 50], [3, 50]]);
    expect(m.stopped).toBe(true);
    expect(m.trees.start).toHaveLength(4);
    expect(m.trainMse).toHaveLength(3);
    const done = trainGbdt(full, { trees: 2, maxDepth: 2 });
    expect(done.stopped).toBe(false);
    // a Comlink-style async callback would read as "stop" at once: refused
    expect(() => trainGbdt(full, { trees: 2 }, { shouldStop: (() => Promise.resolve(false)) as unknown as () => boolean })).toThrow(/synchronously/);
  });

  it('trainGbdt(set, params) returns plain data that survives structuredClone', () => {
    const m = trainGbdt(full, { trees: 3, maxDepth: 2 });
    const copy = structuredClone(m);
    expect(copy).toEqual(m);
    expect(Array.from(predictGbdt(copy, dataset))).toEqual(Array.from(predictGbdt(m, dataset)));
  });

  it('trainGbdt(set) and predictGbdt(model, source) reject values outside the bins 0..4', () => {
    const cols = [Int8Array.of(0, 1, 5, 2)];
    expect(() => trainGbdt(set(cols, Float64Array.of(1, 2, 3, 4)))).toThrow(PlaygroundError);
    const m = trainGbdt(set([Int8Array.of(0, 1, 3, 2)], Float64Array.of(1, 2, 3, 4)), { minDataInLeaf: 1, trees: 1 });
    expect(() => predictGbdt(m, { f0: Float64Array.of(0.5) })).toThrow(/outside the bins/);
    expect(() => predictGbdt(m, { f0: Int8Array.of(7) })).toThrow(/outside the bins/);
    expect(() => predictGbdt(m, { g: Int8Array.of(1) })).toThrow(/lacks 1 of the model's 1 features/);
  });

  it('trainGbdt(set, params) checks its hyperparameters', () => {
    expect(() => trainGbdt(full, { learningRate: 0 })).toThrow(RangeError);
    expect(() => trainGbdt(full, { colsampleBytree: 1.5 })).toThrow(/colsampleBytree/);
    expect(() => trainGbdt(full, { minDataInLeaf: 0 })).toThrow(/minDataInLeaf/);
  });
});

describe('GBDT on generated Numerai-shaped data', () => {
  it('trainModel(dataset, { kind: "gbdt" }) has a positive mean validation CORR after the embargo', () => {
    const { dataset } = generateDataset({ seed: 3, eras: 80, rowsPerEra: 700 });
    const split = splitEras(dataset);
    const m = trainModel(dataset, { kind: 'gbdt', trees: 60, maxDepth: 4, learningRate: 0.05, colsampleBytree: 0.5, minDataInLeaf: 50, rows: split.train.rows });
    const v = split.validation;
    const p = rankPerEra(predict(m, dataset, v.rows), v.eraStarts);
    const s = scoreEras({ eras: v.eras, eraStarts: v.eraStarts, target: gather(dataset.targets.target, v.rows), predictions: { gbdt: p }, metrics: ['corr'] });
    const corr = s.models.gbdt.summary.corr!;
    expect(corr.mean).toBeGreaterThan(0.005);
    expect(corr.n_eras).toBeGreaterThan(20);
  });
});
