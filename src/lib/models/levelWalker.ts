import type { GbdtModel } from './GbdtModel';
import type { TreeWalk } from './TreeWalk';

/** One level per lookup: next[5k + x] is the child a bin x goes to (leaves point to themselves); D lookups per tree. */
export function levelWalker(model: GbdtModel, depth: Int32Array): TreeWalk {
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
