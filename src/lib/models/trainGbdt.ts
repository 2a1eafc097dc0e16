import { Rng } from '../data/Rng';
import { PlaygroundError } from '../errors';
import type { FeatureColumn } from '../scoring/FeatureColumn';
import type { GbdtModel, GbdtParams } from './GbdtModel';
import { gbdtParams } from './gbdtParams';
import type { TrainControl, TrainingSet } from './TrainingSet';
import { trainingRows } from './trainingRows';
import { TreeBuffer } from './TreeBuffer';
import { TreeGrower } from './TreeGrower';

/**
 * Gradient-boosted regression trees for squared loss on Numerai's 5-bin features, histogram based as LightGBM:
 * F₀ = mean(y); tree t fits the gradients gᵢ = F(xᵢ) − yᵢ with leaves −lr·G/(H + λ), grown best-first (the leaf
 * with the largest gain splits next) up to numLeaves leaves and maxDepth levels. Split finding is exact: with 5 bins
 * per feature the (feature, bin) histograms of a node hold every candidate split. Only the smaller child's histogram
 * is built from its rows; the sibling's is the parent's minus it. Per tree, a seeded draw picks the features
 * (colsampleBytree) and the rows (subsample). Deterministic for a seed. Rows with a NaN target are skipped.
 * Source: Ke et al. 2017, "LightGBM" (histograms, leaf-wise growth, subtraction); Friedman 2001 (boosting).
 */
export function trainGbdt(set: TrainingSet, params: GbdtParams = {}, control: TrainControl = {}): GbdtModel {
  const p = gbdtParams(params);
  const rows = trainingRows(set);
  const n = rows.length;
  const F = set.columns.length;
  if (F === 0) throw new PlaygroundError('A tree model needs at least one feature.', { hints: ['Pick a feature set, e.g. "small".'] });
  const bins = set.columns.map((c, j) => binColumn(c, rows, set.features[j]));
  const y = gatherTarget(set.target, rows);
  const base = mean(y);
  const kTree = Math.max(1, Math.min(F, Math.round(p.colsampleBytree * F)));
  const rng = new Rng(p.seed);
  const grower = new TreeGrower(bins, n, kTree, p);
  const pred = new Float64Array(n).fill(base);
  const oob = new Uint32Array(p.subsample < 1 ? n : 0);
  const order = Int32Array.from({ length: F }, (_, j) => j);
  const out = new TreeBuffer(Math.min(p.trees * (2 * p.numLeaves - 1), 1 << 16) + 1);
  const trainMse = new Float64Array(p.trees);
  const importance = new Float64Array(F);
  residuals(pred, y, grower.grad);
  let stopped = false;
  let built = 0;

  for (let t = 0; t < p.trees; ++t) {
    if (stopRequested(control)) {
      stopped = true;
      break;
    }
    // Features of this tree: a partial Fisher–Yates draw of kTree columns, sorted (ties in gain go to the lower index).
    if (kTree < F || t === 0) {
      for (let j = 0; j < kTree && kTree < F; ++j) {
        const s = j + rng.int(F - j);
        const tmp = order[j];
        order[j] = order[s];
        order[s] = tmp;
      }
      grower.selectFeatures(order.slice(0, kTree).sort());
    }
    const m = p.subsample < 1 ? bagRows(rng, p.subsample, grower.index, oob) : identityRows(grower.index);
    const root = out.size;
    grower.grow(m, out, importance);
    grower.addLeafValues(out, pred);
    if (m < n) walkRows(out, root, bins, oob, n - m, pred);
    out.endTree();
    trainMse[t] = residuals(pred, y, grower.grad) / n;
    built = t + 1;
    control.onProgress?.(built, p.trees);
  }

  return {
    kind: 'gbdt',
    features: set.features.slice(),
    baseScore: base,
    trees: out.finish(),
    params: p,
    trainMse: trainMse.slice(0, built),
    importance,
    n,
    stopped
  };
}

/** control.shouldStop(), which must answer synchronously: a Promise (e.g. a Comlink proxy) would always look true. */
function stopRequested(control: TrainControl): boolean {
  const answer: unknown = control.shouldStop?.();
  if (answer === undefined || typeof answer === 'boolean') return answer === true;
  throw new PlaygroundError('shouldStop must return true or false synchronously.', {
    hints: ['Inside a worker, read a flag the worker owns (or a SharedArrayBuffer), not a callback proxied from the page; terminate the worker to stop at once.']
  });
}

function gatherTarget(t: Float64Array, rows: Uint32Array): Float64Array {
  const y = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; ++i) y[i] = t[rows[i]];
  return y;
}

function mean(y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; ++i) s += y[i];
  return s / y.length;
}

/** grad = pred − y; returns Σ grad² (the squared error). */
function residuals(pred: Float64Array, y: Float64Array, grad: Float64Array): number {
  let sse = 0;
  for (let i = 0; i < pred.length; ++i) {
    const g = pred[i] - y[i];
    grad[i] = g;
    sse += g * g;
  }
  return sse;
}

function identityRows(index: Uint32Array): number {
  for (let r = 0; r < index.length; ++r) index[r] = r;
  return index.length;
}

/** Bernoulli(subsample) bag: the m in-bag rows to index[0..m) (m returned), the n − m others to oob; never empty. */
function bagRows(rng: Rng, subsample: number, index: Uint32Array, oob: Uint32Array): number {
  let m = 0;
  let o = 0;
  for (let r = 0; r < index.length; ++r) {
    if (rng.float() < subsample) index[m++] = r;
    else oob[o++] = r;
  }
  if (m === 0) index[m++] = oob[--o];
  return m;
}

/** Adds the last tree's leaf values to out-of-bag rows by walking it from `root`. */
function walkRows(out: TreeBuffer, root: number, bins: Uint8Array[], rows: Uint32Array, m: number, pred: Float64Array): void {
  const { feature, threshold, left, right, value } = out;
  for (let i = 0; i < m; ++i) {
    const r = rows[i];
    let k = root;
    while (feature[k] >= 0) k = bins[feature[k]][r] <= threshold[k] ? left[k] : right[k];
    pred[r] += value[k];
  }
}

/** The column's values at `rows` as bins 0..4; PlaygroundError for anything else. */
function binColumn(c: FeatureColumn, rows: Uint32Array, name: string): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let i = 0; i < rows.length; ++i) {
    const v = c[rows[i]];
    if (!(v >= 0 && v <= 4 && v === Math.floor(v)))
      throw new PlaygroundError(`${name} has a value outside the bins 0..4 (${v} at row ${rows[i]}).`, {
        hints: ['Tree models here split on Numerai\'s int8 feature bins 0–4 (missing = 2). Older [0, 1] features: multiply by 4 and round.']
      });
    out[i] = v;
  }
  return out;
}
