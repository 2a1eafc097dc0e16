import { PlaygroundError } from '../errors';
import { featureColumns, type FeatureSource } from './featureColumns';
import type { GbdtModel } from './GbdtModel';

const CHUNK = 4096;
/** Deepest tree the two-level tables take (a depth-8 tree: 85 tables of 125 bytes); deeper models walk node by node. */
const MAX_TABLE_DEPTH = 8;

/**
 * Raw GBDT output baseScore + Σₜ value(leaf reached in tree t) at `rows` (default every row) of the source.
 * Features take 5 values, so two tree levels are one lookup: each tree is padded to a complete tree of its depth D,
 * and a node at an even depth holds a 125-entry table indexed by the bins of its own feature and its two children's
 * (a + 5b + 25c) giving which of its 4 grandchildren the row reaches; a depth-5 tree is 2 lookups and 1 comparison
 * per row, with no branches on the data. Trees deeper than 8 use 5-entry tables per node, one level per lookup.
 * Rows are copied in chunks of 4,096 into a row-major int8 block that every tree then walks.
 * Feature values must be the bins 0..4 (PlaygroundError otherwise).
 */
export function predictGbdt(model: GbdtModel, source: FeatureSource, rows?: Uint32Array): Float64Array {
  const cols = featureColumns(source, model.features);
  const F = cols.length;
  const n = rows ? rows.length : F ? cols[0].length : 0;
  const out = new Float64Array(n).fill(model.baseScore);
  const T = model.trees.start.length - 1;
  if (T === 0 || F === 0) return out;
  for (let j = 0; j < F; ++j) checkBins(cols[j], rows, model.features[j]);
  const depth = treeDepths(model);
  const walk = depth.every((d) => d <= MAX_TABLE_DEPTH) ? pairTables(model, depth) : levelTables(model, depth);
  const block = new Int8Array(CHUNK * F);
  for (let c0 = 0; c0 < n; c0 += CHUNK) {
    const m = Math.min(CHUNK, n - c0);
    for (let j = 0; j < F; ++j) {
      const x = cols[j];
      if (rows) for (let i = 0, o = j; i < m; ++i, o += F) block[o] = x[rows[c0 + i]];
      else for (let i = 0, o = j; i < m; ++i, o += F) block[o] = x[c0 + i];
    }
    walk(block, F, m, out, c0);
  }
  return out;
}

type Walk = (block: Int8Array, F: number, m: number, out: Float64Array, at: number) => void;

/**
 * Two levels per lookup on complete trees. Per tree, nodes at even depth 2l are numbered level by level
 * (e = (4ˡ − 1)/3 + position); `pairFeatures[3e..3e+2]` are the features of the node and its two children and
 * `table[125e + a + 5b + 25c]` ∈ 0..3 is the grandchild. An odd depth ends with one comparison (`lastFeature`,
 * `lastThreshold` by position); `leafValue` is by leaf position. Padding nodes send every row left.
 */
function pairTables(model: GbdtModel, depth: Int32Array): Walk {
  const { start, feature, threshold, left, right, value } = model.trees;
  const T = depth.length;
  const pairBase = new Int32Array(T + 1);
  const lastBase = new Int32Array(T + 1);
  const leafBase = new Int32Array(T + 1);
  for (let t = 0; t < T; ++t) {
    const D = depth[t];
    pairBase[t + 1] = pairBase[t] + ((4 ** Math.floor(D / 2) - 1) / 3);
    lastBase[t + 1] = lastBase[t] + (D % 2 ? 2 ** (D - 1) : 0);
    leafBase[t + 1] = leafBase[t] + 2 ** D;
  }
  const table = new Uint8Array(pairBase[T] * 125);
  const pairFeatures = new Int32Array(pairBase[T] * 3);
  const lastFeature = new Int32Array(lastBase[T]);
  const lastThreshold = new Int32Array(lastBase[T]);
  const leafValue = new Float64Array(leafBase[T]);

  for (let t = 0; t < T; ++t) {
    const D = depth[t];
    // the tree as a complete heap: heap[j] = node index, or −1 under a leaf (padding)
    const size = 2 ** (D + 1) - 1;
    const heap = new Int32Array(size).fill(-1);
    const leafOf = new Int32Array(size).fill(-1);
    heap[0] = start[t];
    for (let j = 0; j < size; ++j) {
      const k = heap[j];
      const inherited = k >= 0 && feature[k] < 0 ? k : leafOf[j];
      if (2 * j + 2 < size) {
        if (k >= 0 && feature[k] >= 0) {
          heap[2 * j + 1] = left[k];
          heap[2 * j + 2] = right[k];
        } else leafOf[2 * j + 1] = leafOf[2 * j + 2] = inherited;
      } else leafValue[leafBase[t] + j - (size >> 1)] = value[inherited];
    }
    const feat = (j: number) => (heap[j] >= 0 && feature[heap[j]] >= 0 ? feature[heap[j]] : 0);
    const thr = (j: number) => (heap[j] >= 0 && feature[heap[j]] >= 0 ? threshold[heap[j]] : 4);
    for (let l = 0; 2 * l + 1 < D; ++l) {
      const first = (4 ** l - 1) / 3; // e of the level's first node
      const heapFirst = 2 ** (2 * l) - 1;
      for (let p = 0; p < 4 ** l; ++p) {
        const j = heapFirst + p;
        const e = pairBase[t] + first + p;
        const jl = 2 * j + 1;
        const jr = 2 * j + 2;
        pairFeatures[3 * e] = feat(j);
        pairFeatures[3 * e + 1] = feat(jl);
        pairFeatures[3 * e + 2] = feat(jr);
        for (let a = 0; a < 5; ++a)
          for (let b = 0; b < 5; ++b)
            for (let c = 0; c < 5; ++c) {
              const goRight = a > thr(j) ? 1 : 0;
              const child = goRight ? jr : jl;
              const goRight2 = (goRight ? c : b) > thr(child) ? 1 : 0;
              table[125 * e + a + 5 * b + 25 * c] = 2 * goRight + goRight2;
            }
      }
    }
    if (D % 2) {
      const heapFirst = 2 ** (D - 1) - 1;
      for (let p = 0; p < 2 ** (D - 1); ++p) {
        lastFeature[lastBase[t] + p] = feat(heapFirst + p);
        lastThreshold[lastBase[t] + p] = thr(heapFirst + p);
      }
    }
  }

  return (block, F, m, out, at) => walkPairs({ depth, pairBase, lastBase, leafBase, table, pairFeatures, lastFeature, lastThreshold, leafValue }, block, F, m, out, at);
}

interface PairPlan {
  depth: Int32Array;
  pairBase: Int32Array;
  lastBase: Int32Array;
  leafBase: Int32Array;
  table: Uint8Array;
  pairFeatures: Int32Array;
  lastFeature: Int32Array;
  lastThreshold: Int32Array;
  leafValue: Float64Array;
}

// A plain function over locals (V8 keeps them in registers, unlike closure variables). Each lookup waits for the
// previous one, so four rows walk side by side: four independent chains the CPU overlaps (about 2× one at a time).
function walkPairs(plan: PairPlan, block: Int8Array, F: number, m: number, out: Float64Array, at: number): void {
  const { depth, pairBase, lastBase, leafBase, table, pairFeatures: f, lastFeature, lastThreshold, leafValue } = plan;
  for (let t = 0; t < depth.length; ++t) {
    const pairs = depth[t] >> 1;
    const odd = depth[t] & 1;
    const l0 = lastBase[t];
    const v0 = leafBase[t];
    let i = 0;
    for (let o = 0; i + 3 < m; i += 4, o += 4 * F) {
      const o1 = o + F;
      const o2 = o1 + F;
      const o3 = o2 + F;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      for (let l = 0, first = pairBase[t], width = 1; l < pairs; ++l, first += width, width *= 4) {
        const e0 = first + p0;
        const e1 = first + p1;
        const e2 = first + p2;
        const e3 = first + p3;
        p0 = 4 * p0 + table[125 * e0 + block[o + f[3 * e0]] + 5 * block[o + f[3 * e0 + 1]] + 25 * block[o + f[3 * e0 + 2]]];
        p1 = 4 * p1 + table[125 * e1 + block[o1 + f[3 * e1]] + 5 * block[o1 + f[3 * e1 + 1]] + 25 * block[o1 + f[3 * e1 + 2]]];
        p2 = 4 * p2 + table[125 * e2 + block[o2 + f[3 * e2]] + 5 * block[o2 + f[3 * e2 + 1]] + 25 * block[o2 + f[3 * e2 + 2]]];
        p3 = 4 * p3 + table[125 * e3 + block[o3 + f[3 * e3]] + 5 * block[o3 + f[3 * e3 + 1]] + 25 * block[o3 + f[3 * e3 + 2]]];
      }
      if (odd) {
        p0 = 2 * p0 + ((lastThreshold[l0 + p0] - block[o + lastFeature[l0 + p0]]) >>> 31);
        p1 = 2 * p1 + ((lastThreshold[l0 + p1] - block[o1 + lastFeature[l0 + p1]]) >>> 31);
        p2 = 2 * p2 + ((lastThreshold[l0 + p2] - block[o2 + lastFeature[l0 + p2]]) >>> 31);
        p3 = 2 * p3 + ((lastThreshold[l0 + p3] - block[o3 + lastFeature[l0 + p3]]) >>> 31);
      }
      out[at + i] += leafValue[v0 + p0];
      out[at + i + 1] += leafValue[v0 + p1];
      out[at + i + 2] += leafValue[v0 + p2];
      out[at + i + 3] += leafValue[v0 + p3];
    }
    for (let o = i * F; i < m; ++i, o += F) {
      let p = 0;
      for (let l = 0, first = pairBase[t], width = 1; l < pairs; ++l, first += width, width *= 4) {
        const e = first + p;
        p = 4 * p + table[125 * e + block[o + f[3 * e]] + 5 * block[o + f[3 * e + 1]] + 25 * block[o + f[3 * e + 2]]];
      }
      if (odd) p = 2 * p + ((lastThreshold[l0 + p] - block[o + lastFeature[l0 + p]]) >>> 31);
      out[at + i] += leafValue[v0 + p];
    }
  }
}

/** One level per lookup: next[5k + x] is the child a bin x goes to (leaves point to themselves); D lookups per tree. */
function levelTables(model: GbdtModel, depth: Int32Array): Walk {
  const { start, feature, threshold, left, right, value } = model.trees;
  const K = feature.length;
  const walkFeature = new Int32Array(K);
  const next = new Int32Array(K * 5);
  for (let k = 0; k < K; ++k) {
    const leaf = feature[k] < 0;
    walkFeature[k] = leaf ? 0 : feature[k];
    for (let v = 0; v < 5; ++v) next[5 * k + v] = leaf ? k : v <= threshold[k] ? left[k] : right[k];
  }
  return (block, F, m, out, at) => walkLevels(start, depth, walkFeature, next, value, block, F, m, out, at);
}

function walkLevels(start: Int32Array, depth: Int32Array, walkFeature: Int32Array, next: Int32Array, value: Float64Array, block: Int8Array, F: number, m: number, out: Float64Array, at: number): void {
  for (let t = 0; t < depth.length; ++t) {
    const root = start[t];
    const D = depth[t];
    for (let i = 0, o = 0; i < m; ++i, o += F) {
      let k = root;
      for (let d = 0; d < D; ++d) k = next[5 * k + block[o + walkFeature[k]]];
      out[at + i] += value[k];
    }
  }
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

/** Throws unless every value (at `rows`) is an integer bin 0..4: other values would index the wrong table entries. */
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
