import type { FeatureColumn } from './FeatureColumn';
import { fitNeutralizer } from './fitNeutralizer';
import { PlaygroundError } from '../errors';

/**
 * x − proportion·F̃·pinv(F̃, rcond=1e-6)·x with F̃ = [F | 1], for one column x of one era; a constant x gives
 * all NaN, as numerai-tools sets zero-std columns to NaN. The output is not rescaled. Neutralizers must not
 * hold NaN. To try several proportions or vectors on the same features, fit once with `fitNeutralizer`.
 * Source: numerai/numerai-tools numerai_tools/scoring.py (`neutralize`).
 */
export function neutralize(x: ArrayLike<number>, features: FeatureColumn[], proportion = 1): Float64Array {
  const n = x.length;
  for (const [j, f] of features.entries()) {
    if (f.length !== n) throw new RangeError(`neutralize: feature ${j} has ${f.length} rows, x has ${n}`);
    for (let i = 0; i < n; ++i)
      if (f[i] !== f[i]) throw new PlaygroundError(`Neutralizers contain NaN (feature ${j}, row ${i}).`, { hints: ['Fill missing feature values (Numerai uses 2) before neutralizing.'] });
  }
  // numpy propagates a NaN in x to every output through the matrix product; a zero-std x is set to NaN
  let constant = true;
  for (let i = 0; i < n; ++i) {
    if (x[i] !== x[i]) return new Float64Array(n).fill(NaN);
    if (x[i] !== x[0]) constant = false;
  }
  if (constant) return new Float64Array(n).fill(NaN);
  return fitNeutralizer(features, n).neutralize(x, proportion);
}
