// Slow, obvious reference implementations of the Signals kernels for differential tests, written the way
// numerai-tools' pandas code reads: series are Maps from ticker to value, aligned by ticker and sorted, with the
// 80 % overlap rule returning null. They share nothing with the engine but `normalPpf` and the naive rank/Pearson.
import { normalPpf } from '../../../src/lib/scoring/normalPpf';
import { naivePearson, naiveRank } from '../scoring/naive';

export type Series = Map<string, number>;

const p15 = (v: number) => Math.sign(v) * Math.pow(Math.abs(v), 1.5);
const sortedKeys = (s: Series) => [...s.keys()].sort();
const present = (s: Series) => new Set([...s].filter(([, v]) => !Number.isNaN(v)).map(([k]) => k));

/** filter_sort_index_many: common non-NaN ids, sorted; null when fewer than 80 % of any input remain. */
export function commonIds(...series: Series[]): string[] | null {
  let ids = present(series[0]);
  for (const s of series.slice(1)) ids = new Set([...ids].filter((k) => present(s).has(k)));
  for (const s of series) if (ids.size / s.size < 1 - 0.2) return null;
  return [...ids].sort();
}

/** clean_submission(rank_and_fill=True): join to the universe, rank the submitted values, 0.5 for the rest. */
export function naiveClean(universe: string[], ids: string[], values: number[]): Series {
  const first = new Map<string, number>();
  ids.forEach((id, i) => first.has(id) || first.set(id, values[i]));
  const u = [...universe].sort();
  const joined = u.map((t) => first.get(t) ?? NaN);
  const r = naiveRank(joined);
  return new Map(u.map((t, i) => [t, Number.isNaN(r[i]) ? 0.5 : r[i]]));
}

/** generate_neutralized_weights on Maps: rank → Φ⁻¹ → P15, align, w = (s − N(Nᵀ(v s)))·v, optionally centred and L1-normalised. */
export function naiveWeights(P: Series, N: Map<string, number[]>, v: Series, centerAndNormalize = false): Series | null {
  const pk = sortedKeys(P);
  const r = naiveRank(pk.map((k) => P.get(k)!));
  const S = new Map(pk.map((k, i) => [k, p15(normalPpf(r[i]))]));
  const nSeries = new Map([...N].map(([k, row]) => [k, row.some(Number.isNaN) ? NaN : 0]));
  const ids = commonIds(S, nSeries, v);
  if (!ids) return null;
  const K = N.get(ids[0])!.length;
  const c = new Array(K).fill(0);
  for (const id of ids) N.get(id)!.forEach((x, j) => (c[j] += x * v.get(id)! * S.get(id)!));
  let w = ids.map((id) => (S.get(id)! - N.get(id)!.reduce((a, x, j) => a + x * c[j], 0)) * v.get(id)!);
  if (centerAndNormalize) {
    const m = w.reduce((a, b) => a + b, 0) / w.length;
    w = w.map((x) => x - m);
    const l1 = w.reduce((a, b) => a + Math.abs(b), 0);
    w = w.map((x) => x / l1);
  }
  return new Map(ids.map((id, i) => [id, w[i]]));
}

/** alpha: centre the known targets, align, weights, Σ w t_c / n; null under the 80 % rule. */
export function naiveAlpha(P: Series, N: Map<string, number[]>, v: Series, t: Series): number | null {
  const known = [...t.values()].filter((x) => !Number.isNaN(x));
  const tm = known.reduce((a, b) => a + b, 0) / known.length;
  const ids = commonIds(P, t);
  if (!ids) return null;
  const w = naiveWeights(new Map(ids.map((k) => [k, P.get(k)!])), N, v);
  if (!w) return null;
  return ids.reduce((a, k) => a + w.get(k)! * (t.get(k)! - tm), 0) / ids.length;
}

/** meta_portfolio_contribution with the orthogonalized weight matrix R built explicitly. */
export function naiveMpc(P: Series[], stakes: number[], N: Map<string, number[]>, v: Series, t: Series): number[] | null {
  const ids = commonIds(...P, t);
  if (!ids) return null;
  const tt = ids.map((k) => t.get(k)!);
  const tm = tt.reduce((a, b) => a + b, 0) / tt.length;
  const tc = tt.map((x) => x - tm);
  const total = stakes.reduce((a, b) => a + Math.abs(b), 0);
  const s = stakes.map((x) => x / total);
  const W = P.map((p) => {
    const w = naiveWeights(new Map(ids.map((k) => [k, p.get(k)!])), N, v)!;
    const col = ids.map((k) => w.get(k)!);
    const m = col.reduce((a, b) => a + b, 0) / col.length;
    return col.map((x) => x - m);
  });
  let m = ids.map((_, i) => W.reduce((a, col, k) => a + col[i] * s[k], 0));
  const mm = m.reduce((a, b) => a + b, 0) / m.length;
  m = m.map((x) => x - mm);
  const r = Math.sqrt(m.reduce((a, x) => a + x * x, 0));
  return W.map((col) => {
    const b = col.reduce((a, x, i) => a + x * m[i], 0) / (r * r);
    const R = col.map((x, i) => x - m[i] * b);
    return R.reduce((a, x, i) => a + x * tc[i], 0) / r / 50;
  });
}

/** churn: 1 − Spearman over the common ids (null under the 80 % rule); top/bottom: shared share of the k extremes. */
export function naiveChurn(a: Series, b: Series, topBottom?: number): number | null {
  if (topBottom) {
    const ext = (s: Series) => {
      const keys = sortedKeys(s);
      const order = keys.map((k, i) => [s.get(k)!, i, k] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]).map((x) => x[2]);
      return [new Set(order.slice(-topBottom)), new Set(order.slice(0, topBottom))];
    };
    const [at, ab] = ext(a);
    const [bt, bb] = ext(b);
    const share = (x: Set<string>, y: Set<string>) => [...x].filter((k) => y.has(k)).length / topBottom;
    return 1 - (share(at, bt) + share(ab, bb)) / 2;
  }
  const ids = commonIds(a, b);
  if (!ids) return null;
  return 1 - naivePearson(naiveRank(ids.map((k) => a.get(k)!)), naiveRank(ids.map((k) => b.get(k)!)));
}

/** turnover: Σ|a − b|/2 over the common ids (null under the 80 % rule). */
export function naiveTurnover(a: Series, b: Series): number | null {
  const ids = commonIds(a, b);
  return ids ? ids.reduce((s, k) => s + Math.abs(a.get(k)! - b.get(k)!), 0) / 2 : null;
}

/**
 * Weighted modified Gram–Schmidt with re-orthogonalisation on dense columns X under weights v: a column whose remainder
 * is ≤ 1e-9 of its weighted norm (or is 0) becomes 0. Returns the columns of N with NᵀVN = I on the kept ones.
 */
export function naiveOrthonormal(X: number[][], v: number[]): number[][] {
  const n = v.length;
  const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * v[i] * b[i], 0);
  const out: number[][] = [];
  for (const col of X) {
    const x = col.slice();
    const norm0 = Math.sqrt(dot(x, x));
    for (let pass = 0; pass < 2; ++pass)
      for (const q of out) {
        if (q.every((z) => z === 0)) continue;
        const d = dot(q, x);
        for (let i = 0; i < n; ++i) x[i] -= d * q[i];
      }
    const norm = Math.sqrt(dot(x, x));
    out.push(norm0 > 0 && norm > 1e-5 * norm0 ? x.map((z) => z / norm) : new Array(n).fill(0));
  }
  return out;
}
