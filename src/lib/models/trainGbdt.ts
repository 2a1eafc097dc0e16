import { Rng } from '../data/Rng';
import { PlaygroundError } from '../errors';
import type { FeatureColumn } from '../scoring/FeatureColumn';
import { bestSplit, type Split } from './bestSplit';
import { buildHistogram, jointHistogram } from './buildHistogram';
import type { GbdtModel, GbdtParams, GbdtTrees } from './GbdtModel';
import { gbdtParams } from './gbdtParams';
import { packBins } from './packBins';
import type { TrainControl, TrainingSet } from './TrainingSet';
import { trainingRows } from './trainingRows';

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
  const y = new Float64Array(n);
  let base = 0;
  for (let i = 0; i < n; ++i) base += y[i] = set.target[rows[i]];
  base /= n;

  const depthLimit = p.maxDepth > 0 ? p.maxDepth : Infinity;
  const L = p.numLeaves;
  const lambda = p.lambdaL2;
  const minData = p.minDataInLeaf;
  const lr = p.learningRate;
  const kTree = Math.max(1, Math.min(F, Math.round(p.colsampleBytree * F)));
  const rng = new Rng(p.seed);

  const pred = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const index = new Uint32Array(n);
  const scratch = new Uint32Array(n);
  const oob = new Uint32Array(p.subsample < 1 ? n : 0);
  const maxGroups = Math.ceil(kTree / 3);
  const codes = new Uint8Array(n * maxGroups);
  const joint = jointHistogram(maxGroups);
  const pool = new HistogramPool(kTree * 5);
  const order = Int32Array.from({ length: F }, (_, j) => j);
  let sel = new Int32Array(0);
  let G = 0;

  // Per-leaf state of the tree being grown (slots 0..leaves-1).
  const begin = new Int32Array(L);
  const end = new Int32Array(L);
  const depth = new Int32Array(L);
  const node = new Int32Array(L);
  const sumG = new Float64Array(L);
  const sumH = new Float64Array(L);
  const hg: (Float64Array | null)[] = new Array(L).fill(null);
  const hc: (Float64Array | null)[] = new Array(L).fill(null);
  const best: Split[] = Array.from({ length: L }, () => ({ gain: -Infinity, feature: -1, threshold: 0, gradLeft: 0, countLeft: 0 }));

  const out = new TreeBuffer(Math.min(p.trees * (2 * L - 1), 1 << 16) + 1);
  const trainMse = new Float64Array(p.trees);
  const importance = new Float64Array(F);
  let mse = 0;
  for (let i = 0; i < n; ++i) {
    const g = (grad[i] = pred[i] - y[i]);
    mse += g * g;
  }
  let stopped = false;
  let built = 0;

  const splittable = (slot: number) => depth[slot] < depthLimit && sumH[slot] >= 2 * minData;
  const leafValue = (g: number, h: number) => (-lr * g) / (h + lambda);

  for (let t = 0; t < p.trees; ++t) {
    if (control.shouldStop?.()) {
      stopped = true;
      break;
    }
    // Features of this tree: a partial Fisher–Yates draw of kTree columns, sorted (ties in gain go to the lower index).
    if (kTree < F || sel.length === 0) {
      for (let j = 0; j < kTree && kTree < F; ++j) {
        const s = j + rng.int(F - j);
        const tmp = order[j];
        order[j] = order[s];
        order[s] = tmp;
      }
      sel = order.slice(0, kTree).sort();
      G = packBins(bins, sel, n, codes);
    }
    // Rows of this tree.
    let m = 0;
    let nOob = 0;
    if (p.subsample < 1) {
      for (let r = 0; r < n; ++r) {
        if (rng.float() < p.subsample) index[m++] = r;
        else oob[nOob++] = r;
      }
      if (m === 0) index[m++] = oob[--nOob];
    } else {
      for (let r = 0; r < n; ++r) index[r] = r;
      m = n;
    }

    const treeStart = out.size;
    let leaves = 1;
    begin[0] = 0;
    end[0] = m;
    depth[0] = 0;
    node[0] = out.add();
    out.count[node[0]] = m;
    sumH[0] = m;
    if (splittable(0) && L > 1) {
      hg[0] = pool.take();
      hc[0] = pool.take();
      buildHistogram(codes, G, kTree, index, 0, m, grad, joint, hg[0], hc[0]);
      let g0 = 0;
      for (let b = 0; b < 5; ++b) g0 += hg[0][b];
      sumG[0] = g0;
      bestSplit(hg[0], hc[0], kTree, g0, m, lambda, minData, best[0]);
    } else {
      let g0 = 0;
      for (let i = 0; i < m; ++i) g0 += grad[index[i]];
      sumG[0] = g0;
      best[0].gain = -Infinity;
    }
    out.value[node[0]] = leafValue(sumG[0], sumH[0]);

    while (leaves < L) {
      let s = -1;
      for (let q = 0; q < leaves; ++q) if (best[q].gain > p.minGainToSplit && (s < 0 || best[q].gain > best[s].gain)) s = q;
      if (s < 0) break;
      const split = best[s];
      const f = sel[split.feature];
      const thr = split.threshold;
      // Stable partition of the leaf's rows: bins ≤ thr first, in their order.
      const col = bins[f];
      const b0 = begin[s];
      const e0 = end[s];
      let li = b0;
      let ri = 0;
      for (let i = b0; i < e0; ++i) {
        const r = index[i];
        if (col[r] <= thr) index[li++] = r;
        else scratch[ri++] = r;
      }
      index.set(scratch.subarray(0, ri), li);
      const nL = li - b0;
      const parentNode = node[s];
      const leftNode = out.add();
      const rightNode = out.add();
      out.feature[parentNode] = f;
      out.threshold[parentNode] = thr;
      out.left[parentNode] = leftNode;
      out.right[parentNode] = rightNode;
      out.gain[parentNode] = split.gain;
      importance[f] += split.gain;

      // The larger child keeps the parent's slot (its histogram is the parent's minus the smaller's, in place).
      const leftSmaller = nL <= e0 - li;
      const q = leaves++;
      const big = s;
      const small = q;
      const gl = split.gradLeft;
      const gr = sumG[s] - gl;
      const d = depth[s] + 1;
      const parentG = hg[s];
      const parentC = hc[s];
      const [sb, se, sn, sg] = leftSmaller ? [b0, li, leftNode, gl] : [li, e0, rightNode, gr];
      const [bb, be, bn, bgr] = leftSmaller ? [li, e0, rightNode, gr] : [b0, li, leftNode, gl];
      begin[small] = sb;
      end[small] = se;
      node[small] = sn;
      sumG[small] = sg;
      sumH[small] = se - sb;
      depth[small] = d;
      begin[big] = bb;
      end[big] = be;
      node[big] = bn;
      sumG[big] = bgr;
      sumH[big] = be - bb;
      depth[big] = d;
      for (const c of [small, big]) {
        out.value[node[c]] = leafValue(sumG[c], sumH[c]);
        out.count[node[c]] = sumH[c];
        best[c].gain = -Infinity;
      }
      hg[big] = hc[big] = null;
      const more = leaves < L;
      const smallOk = more && splittable(small);
      const bigOk = more && splittable(big);
      if (smallOk || bigOk) {
        const sg2 = pool.take();
        const sc2 = pool.take();
        buildHistogram(codes, G, kTree, index, sb, se, grad, joint, sg2, sc2);
        if (bigOk) {
          for (let i = 0; i < kTree * 5; ++i) {
            const c = (parentC![i] -= sc2[i]);
            parentG![i] = c === 0 ? 0 : parentG![i] - sg2[i];
          }
          hg[big] = parentG;
          hc[big] = parentC;
          bestSplit(parentG!, parentC!, kTree, sumG[big], sumH[big], lambda, minData, best[big]);
        }
        if (smallOk) {
          hg[small] = sg2;
          hc[small] = sc2;
          bestSplit(sg2, sc2, kTree, sumG[small], sumH[small], lambda, minData, best[small]);
        } else pool.give(sg2, sc2);
      }
      if (!hg[big] && parentG) pool.give(parentG, parentC!);
    }
    // Leaf outputs to the in-bag rows by their leaf ranges; out-of-bag rows walk the tree.
    for (let q = 0; q < leaves; ++q) {
      const v = out.value[node[q]];
      for (let i = begin[q]; i < end[q]; ++i) pred[index[i]] += v;
      if (hg[q]) pool.give(hg[q]!, hc[q]!);
      hg[q] = hc[q] = null;
    }
    for (let i = 0; i < nOob; ++i) {
      const r = oob[i];
      let k = treeStart;
      while (out.feature[k] >= 0) k = bins[out.feature[k]][r] <= out.threshold[k] ? out.left[k] : out.right[k];
      pred[r] += out.value[k];
    }
    out.endTree();
    mse = 0;
    for (let i = 0; i < n; ++i) {
      const g = (grad[i] = pred[i] - y[i]);
      mse += g * g;
    }
    trainMse[t] = mse / n;
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

/** Reusable per-leaf histogram buffers. */
class HistogramPool {
  #free: Float64Array[] = [];
  constructor(readonly size: number) {}
  take(): Float64Array {
    return this.#free.pop() ?? new Float64Array(this.size);
  }
  give(...buffers: Float64Array[]): void {
    this.#free.push(...buffers);
  }
}

/** Growable node arrays; `finish` trims them to a GbdtTrees. */
class TreeBuffer {
  size = 0;
  #starts: number[] = [0];
  feature: Int32Array;
  threshold: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  gain: Float64Array;
  count: Int32Array;
  constructor(capacity: number) {
    this.feature = new Int32Array(capacity);
    this.threshold = new Uint8Array(capacity);
    this.left = new Int32Array(capacity);
    this.right = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.gain = new Float64Array(capacity);
    this.count = new Int32Array(capacity);
  }
  /** A new leaf node's index. */
  add(): number {
    if (this.size === this.feature.length) this.#grow();
    const k = this.size++;
    this.feature[k] = -1;
    this.left[k] = -1;
    this.right[k] = -1;
    return k;
  }
  endTree(): void {
    this.#starts.push(this.size);
  }
  finish(): GbdtTrees {
    const k = this.size;
    return {
      start: Int32Array.from(this.#starts),
      feature: this.feature.slice(0, k),
      threshold: this.threshold.slice(0, k),
      left: this.left.slice(0, k),
      right: this.right.slice(0, k),
      value: this.value.slice(0, k),
      gain: this.gain.slice(0, k),
      count: this.count.slice(0, k)
    };
  }
  #grow(): void {
    const cap = this.feature.length * 2;
    const grow = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.feature = grow(this.feature);
    this.threshold = grow(this.threshold);
    this.left = grow(this.left);
    this.right = grow(this.right);
    this.value = grow(this.value);
    this.gain = grow(this.gain);
    this.count = grow(this.count);
  }
}
