// Slow, obvious reference implementations for differential tests: O(n²) ranks, Gram–Schmidt projections,
// textbook Pearson. They share nothing with the engine but `normalPpf` (checked against mpmath separately).
import { normalPpf } from '../../../src/lib/scoring/normalPpf';

export { rng } from '../../helpers/rng';

/** Average rank over non-NaN values by counting, (r − 0.5)/m. */
export function naiveRank(x: number[]): number[] {
  const vals = x.filter((v) => !Number.isNaN(v));
  return x.map((v) => {
    if (Number.isNaN(v)) return NaN;
    const less = vals.filter((u) => u < v).length;
    const equal = vals.filter((u) => u === v).length;
    return (less + (equal + 1) / 2 - 0.5) / vals.length;
  });
}

export function naivePearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  const cov = x.reduce((a, v, i) => a + (v - mx) * (y[i] - my), 0);
  const vx = x.reduce((a, v) => a + (v - mx) ** 2, 0);
  const vy = y.reduce((a, v) => a + (v - my) ** 2, 0);
  return n < 2 || vx === 0 || vy === 0 ? NaN : cov / Math.sqrt(vx * vy);
}

const p15 = (v: number) => Math.sign(v) * Math.pow(Math.abs(v), 1.5);

/** numerai_corr over rows where both are present (no 80% check). */
export function naiveNumeraiCorr(p: number[], t: number[]): number {
  const keep = p.map((v, i) => !Number.isNaN(v) && !Number.isNaN(t[i]));
  const tt = t.filter((v) => !Number.isNaN(v));
  const tm = tt.reduce((a, b) => a + b, 0) / tt.length;
  const ps = p.filter((_, i) => keep[i]);
  const ts = t.filter((_, i) => keep[i]).map((v) => p15(v - tm));
  return naivePearson(naiveRank(ps).map((r) => p15(normalPpf(r))), ts);
}

/** correlation_contribution over rows where p, m and t are all present (no 80% check). */
export function naiveContribution(p: number[], m: number[], t: number[]): number {
  const keep = p.map((v, i) => !Number.isNaN(v) && !Number.isNaN(m[i]) && !Number.isNaN(t[i]));
  const g = (x: number[]) => naiveRank(x.filter((_, i) => keep[i])).map(normalPpf);
  const gp = g(p);
  const gm = g(m);
  const b = gp.reduce((a, v, i) => a + v * gm[i], 0) / gm.reduce((a, v) => a + v * v, 0);
  let tt = t.filter((_, i) => keep[i]);
  if (tt.every((v) => v >= 0 && v <= 1)) tt = tt.map((v) => 4 * v);
  const tm = tt.reduce((a, c) => a + c, 0) / tt.length;
  return tt.reduce((a, v, i) => a + (v - tm) * (gp[i] - gm[i] * b), 0) / tt.length;
}

/**
 * x − proportion·(projection of x on span{F, 1}) by modified Gram–Schmidt with re-orthogonalisation; a column
 * whose remainder is below 1e-9 of its norm is dependent and dropped.
 */
export function naiveNeutralize(x: number[], F: ArrayLike<number>[], proportion = 1): number[] {
  const n = x.length;
  const basis: number[][] = [];
  for (const col of [...F.map((f) => Array.from(f)), new Array(n).fill(1)]) {
    const v = col.slice();
    const norm0 = Math.hypot(...v);
    for (let pass = 0; pass < 2; ++pass)
      for (const q of basis) {
        const d = q.reduce((a, qi, i) => a + qi * v[i], 0);
        for (let i = 0; i < n; ++i) v[i] -= d * q[i];
      }
    const norm = Math.hypot(...v);
    if (norm > 1e-9 * norm0 && norm > 0) basis.push(v.map((vi) => vi / norm));
  }
  const proj = new Array(n).fill(0);
  for (const q of basis) {
    const d = q.reduce((a, qi, i) => a + qi * x[i], 0);
    for (let i = 0; i < n; ++i) proj[i] += d * q[i];
  }
  return x.map((v, i) => v - proportion * proj[i]);
}
