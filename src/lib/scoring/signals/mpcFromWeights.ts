import { PlaygroundError } from '../../errors';
import { dotF64 } from '../dot';

/** The MPC steps after the weights: W (one array per signal, aligned rows), raw stakes and raw targets of those rows. */
export function mpcFromWeights(W: Float64Array[], stakes: readonly number[], targets: Float64Array): Float64Array {
  const K = W.length;
  const n = targets.length;
  const s = stakeShares(stakes);
  const tc = new Float64Array(n);
  let tm = 0;
  for (let i = 0; i < n; ++i) tm += targets[i];
  tm /= n;
  for (let i = 0; i < n; ++i) tc[i] = targets[i] - tm;
  const Wc = W.map((w) => {
    let mu = 0;
    for (let i = 0; i < n; ++i) mu += w[i];
    mu /= n;
    const c = new Float64Array(n);
    for (let i = 0; i < n; ++i) c[i] = w[i] - mu;
    return c;
  });
  const m = new Float64Array(n);
  for (let k = 0; k < K; ++k) {
    const sk = s[k];
    if (sk === 0) continue;
    const c = Wc[k];
    for (let i = 0; i < n; ++i) m[i] += c[i] * sk;
  }
  let mm = 0;
  for (let i = 0; i < n; ++i) mm += m[i];
  mm /= n;
  for (let i = 0; i < n; ++i) m[i] -= mm;
  const mTm = dotF64(m, m, n);
  const r = Math.sqrt(mTm);
  const mTt = dotF64(m, tc, n);
  const out = new Float64Array(K);
  for (let k = 0; k < K; ++k) {
    // Rᵀt = W_cᵀt − (W_cᵀm/mᵀm)·mᵀt, the orthogonalized weights' product with the targets
    const b = dotF64(Wc[k], m, n) / mTm;
    out[k] = (dotF64(Wc[k], tc, n) - b * mTt) / r / 50;
  }
  return out;
}

/** stakes/Σ|stakes| (NaN → 0); PlaygroundError unless they sum to 1 (numerai-tools asserts it: no negative stakes). */
function stakeShares(stakes: readonly number[]): Float64Array {
  const s = Float64Array.from(stakes, (x) => (x === x ? x : 0));
  let a = 0;
  for (const x of s) a += Math.abs(x);
  for (let k = 0; k < s.length; ++k) s[k] /= a;
  let sum = 0;
  for (const x of s) sum += x;
  if (!(Math.abs(sum - 1) <= 1e-8 + 1e-5)) {
    throw new PlaygroundError(`Stakes must be non-negative with a positive total (they are ${stakes.join(', ')}).`, { hints: ['MPC weighs each signal by its share of the total stake.'] });
  }
  return s;
}
