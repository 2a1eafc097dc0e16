import { PlaygroundError } from '../errors';
import { featureColumns, type FeatureSource } from './featureColumns';
import type { GbdtModel } from './GbdtModel';

const CHUNK = 4096;

/**
 * Raw GBDT output baseScore + Σₜ value(leaf reached in tree t) at `rows` (default every row) of the source.
 * Features take 5 values, so each node is a 5-entry jump table: next[5k + x] is the child a bin x goes to
 * (leaves jump to themselves), and a tree of depth D is exactly D lookups per row, with no comparisons or early
 * exits. Rows are copied in chunks of 4,096 into a row-major int8 block that every tree then walks.
 * Feature values must be the bins 0..4 (PlaygroundError otherwise).
 */
export function predictGbdt(model: GbdtModel, source: FeatureSource, rows?: Uint32Array): Float64Array {
  const cols = featureColumns(source, model.features);
  const F = cols.length;
  const n = rows ? rows.length : F ? cols[0].length : 0;
  const out = new Float64Array(n).fill(model.baseScore);
  const { start, feature, threshold, left, right, value } = model.trees;
  const T = start.length - 1;
  if (T === 0 || F === 0) return out;
  for (let j = 0; j < F; ++j) checkBins(cols[j], rows, model.features[j]);

  const K = feature.length;
  const walkFeature = new Int32Array(K);
  const next = new Int32Array(K * 5);
  for (let k = 0; k < K; ++k) {
    const leaf = feature[k] < 0;
    walkFeature[k] = leaf ? 0 : feature[k];
    for (let v = 0; v < 5; ++v) next[5 * k + v] = leaf ? k : v <= threshold[k] ? left[k] : right[k];
  }
  const depth = treeDepths(model);

  const block = new Int8Array(CHUNK * F);
  for (let c0 = 0; c0 < n; c0 += CHUNK) {
    const m = Math.min(CHUNK, n - c0);
    for (let j = 0; j < F; ++j) {
      const x = cols[j];
      if (rows) for (let i = 0, o = j; i < m; ++i, o += F) block[o] = x[rows[c0 + i]];
      else for (let i = 0, o = j; i < m; ++i, o += F) block[o] = x[c0 + i];
    }
    for (let t = 0; t < T; ++t) {
      const root = start[t];
      const D = depth[t];
      for (let i = 0, o = 0; i < m; ++i, o += F) {
        let k = root;
        for (let d = 0; d < D; ++d) k = next[5 * k + block[o + walkFeature[k]]];
        out[c0 + i] += value[k];
      }
    }
  }
  return out;
}

/** Depth (edges from the root to the deepest leaf) of each tree. */
function treeDepths(model: GbdtModel): Int32Array {
  const { start, left, right } = model.trees;
  const T = start.length - 1;
  const out = new Int32Array(T);
  const level = new Int32Array(left.length);
  for (let t = 0; t < T; ++t) {
    let d = 0;
    // children always come after their parent, so one forward pass sets every level
    for (let k = start[t]; k < start[t + 1]; ++k) {
      if (level[k] > d) d = level[k];
      if (left[k] >= 0) level[left[k]] = level[right[k]] = level[k] + 1;
    }
    out[t] = d;
  }
  return out;
}

/** Throws unless every value (at `rows`) is an integer bin 0..4: other values would index the wrong jump entries. */
function checkBins(x: ArrayLike<number>, rows: Uint32Array | undefined, name: string): void {
  const n = rows ? rows.length : x.length;
  if (x instanceof Int8Array && !rows) {
    let bad = 0;
    for (let i = 0; i < n; ++i) bad |= x[i] >>> 0 > 4 ? 1 : 0;
    if (!bad) return;
  }
  for (let i = 0; i < n; ++i) {
    const v = x[rows ? rows[i] : i];
    if (!(v >= 0 && v <= 4 && v === Math.floor(v)))
      throw new PlaygroundError(`${name} has a value outside the bins 0..4 (${v} at row ${rows ? rows[i] : i}).`, {
        hints: ['Tree models split on Numerai\'s int8 feature bins 0–4 (missing = 2).']
      });
  }
}
