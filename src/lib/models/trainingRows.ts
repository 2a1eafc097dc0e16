import { PlaygroundError, formatCount } from '../errors';
import type { TrainingSet } from './TrainingSet';

/** The rows of `set.rows` (default all) whose target is not NaN, checking the column lengths; PlaygroundError if none. */
export function trainingRows(set: TrainingSet): Uint32Array {
  const n = set.target.length;
  if (set.features.length !== set.columns.length) throw new RangeError(`training set: ${set.features.length} feature names for ${set.columns.length} columns`);
  set.columns.forEach((c, j) => {
    if (c.length !== n) throw new RangeError(`training set: feature ${set.features[j]} has ${c.length} rows, the target ${n}`);
  });
  const rows = set.rows;
  const m = rows ? rows.length : n;
  const out = new Uint32Array(m);
  let k = 0;
  for (let i = 0; i < m; ++i) {
    const r = rows ? rows[i] : i;
    if (r >= n) throw new RangeError(`training set: row ${r} is out of range (${n} rows)`);
    if (set.target[r] === set.target[r]) out[k++] = r;
  }
  if (k === 0)
    throw new PlaygroundError(`No training rows: the target is missing (NaN) in all ${formatCount(m)} selected rows.`, {
      hints: ['Train on eras whose targets are resolved; the last eras of a dataset often have none yet.']
    });
  return k === m ? out : out.slice(0, k);
}
