import type { GbdtModel } from './GbdtModel';
import type { TreeWalk } from './TreeWalk';

/**
 * Two levels per lookup on complete trees. Per tree, nodes at even depth 2l are numbered level by level
 * (e = (4ˡ − 1)/3 + position); `pairFeatures[3e..3e+2]` are the features of the node and its two children and
 * `table[125e + a + 5b + 25c]` ∈ 0..3 is the grandchild. An odd depth ends with one comparison (`lastFeature`,
 * `lastThreshold` by position); `leafValue` is by leaf position. Padding nodes send every row left.
 */
export function pairWalker(model: GbdtModel, depth: Int32Array): TreeWalk {
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
