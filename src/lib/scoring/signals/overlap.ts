import { OverlapError } from '../OverlapError';

/** The values of both sides on the ids both have; OverlapError unless they are ≥ 80 % of each side's ids. */
export function overlap(a: ArrayLike<number>, b: ArrayLike<number>, what: string): { x: Float64Array; y: Float64Array } {
  let na = 0, nb = 0, m = 0;
  for (let i = 0; i < a.length; ++i) {
    const pa = a[i] === a[i], pb = b[i] === b[i];
    if (pa) na++;
    if (pb) nb++;
    if (pa && pb) m++;
  }
  if (!(m / na >= 1 - 0.2) || !(m / nb >= 1 - 0.2)) throw new OverlapError(m, Math.max(na, nb), what, 0.2);
  const x = new Float64Array(m), y = new Float64Array(m);
  for (let i = 0, j = 0; i < a.length; ++i)
    if (a[i] === a[i] && b[i] === b[i]) {
      x[j] = a[i];
      y[j++] = b[i];
    }
  return { x, y };
}
