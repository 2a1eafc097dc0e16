import type { GbdtModel } from './GbdtModel';

/** Depth (edges from the root to the deepest leaf) of each tree. */
export function treeDepths(model: GbdtModel): Int32Array {
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
