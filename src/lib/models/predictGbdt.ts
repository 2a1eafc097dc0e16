import { PlaygroundError } from '../errors';
import { featureColumns, type FeatureSource } from './featureColumns';
import type { GbdtModel } from './GbdtModel';
import { levelWalker } from './levelWalker';
import { pairWalker } from './pairWalker';
import { treeDepths } from './treeDepths';

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
  const walk = depth.every((d) => d <= MAX_TABLE_DEPTH) ? pairWalker(model, depth) : levelWalker(model, depth);
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
