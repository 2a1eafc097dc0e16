// The Signals kernels and the per-date scorer against the naive, Map-based references of ./naive.ts on seeded random
// input: ties, constant signals, tiny universes, tickers entering and leaving, NaN targets, dates under the 80 % rule.
import { describe, expect, it } from 'vitest';
import { alpha } from '../../../src/lib/scoring/signals/alpha';
import { churn } from '../../../src/lib/scoring/signals/churn';
import { cleanSubmission } from '../../../src/lib/scoring/signals/cleanSubmission';
import { generateNeutralizedWeights } from '../../../src/lib/scoring/signals/generateNeutralizedWeights';
import { metaPortfolioContribution } from '../../../src/lib/scoring/signals/metaPortfolioContribution';
import { scoreSignals } from '../../../src/lib/scoring/signals/scoreSignals';
import { signalsNeutralizers } from '../../../src/lib/scoring/signals/signalsNeutralizers';
import { turnover } from '../../../src/lib/scoring/signals/turnover';
import { rng } from '../../helpers/rng';
import { naiveAlpha, naiveChurn, naiveClean, naiveMpc, naiveOrthonormal, naiveTurnover, naiveWeights, type Series } from './naive';

const TOL = 1e-10;
const same = (a: number, b: number | null) => (b === null ? Number.isNaN(a) : Math.abs(a - b) <= TOL * Math.max(1, Math.abs(b)));
const bins = [0, 0.25, 0.5, 0.75, 1];

/** A random date: n tickers, raw exposures (3 sectors, 2 countries, 2 factors) made orthonormal, weights, binned targets. */
function randomDate(r: () => number, n: number, digits = 2, nanTargets = 0) {
  const ids = Array.from({ length: n }, (_, i) => `T${String(i).padStart(3, '0')}`);
  const sector = Int32Array.from({ length: n }, () => Math.floor(r() * 3));
  const country = Int32Array.from({ length: n }, () => Math.floor(r() * 2));
  const factors = [0, 1].map(() => Float64Array.from({ length: n }, () => r() * 2 - 1));
  const v = Float64Array.from({ length: n }, () => 0.2 + r() * 2);
  const cols = signalsNeutralizers({ categorical: [{ codes: sector, levels: 3 }, { codes: country, levels: 2 }], numeric: factors }, v);
  const t = Float64Array.from({ length: n }, () => (r() < nanTargets ? NaN : bins[Math.floor(r() * 5)]));
  const p = Float64Array.from({ length: n }, () => Math.round(r() * 10 ** digits) / 10 ** digits);
  const q = Float64Array.from({ length: n }, () => Math.round(r() * 10 ** digits) / 10 ** digits);
  const map = (x: ArrayLike<number>): Series => new Map(ids.map((id, i) => [id, x[i]]));
  const nMap = new Map(ids.map((id, i) => [id, cols.map((c) => c[i])]));
  return { ids, sector, country, factors, v, cols, t, p, q, map, nMap };
}

describe('kernels against the naive references', () => {
  it('generateNeutralizedWeights (plain and centred/L1) equals the naive weights on 120 seeded dates of 3..200 tickers with ties', () => {
    const r = rng(11);
    for (let trial = 0; trial < 120; ++trial) {
      const n = 3 + Math.floor(r() * 198);
      const x = randomDate(r, n, 1 + Math.floor(r() * 3));
      // with no more tickers than neutralizer directions, w is rounding noise (0) and its normalised form is meaningless
      const degenerate = generateNeutralizedWeights(x.p, x.cols, x.v).every((w) => Math.abs(w) < 1e-12);
      if (n > 8) expect(degenerate).toBe(false);
      for (const cn of degenerate ? [false] : [false, true]) {
        const w = generateNeutralizedWeights(x.p, x.cols, x.v, { centerAndNormalize: cn });
        const ref = naiveWeights(x.map(x.p), x.nMap, x.map(x.v), cn)!;
        x.ids.forEach((id, i) => expect(same(w[i], ref.get(id)!), `${trial} ${id}`).toBe(true));
      }
    }
  });

  it('alpha and MPC equal the naive ones with NaN targets (including dates under the 80 % rule) on 150 seeded dates', () => {
    const r = rng(12);
    let refused = 0;
    for (let trial = 0; trial < 150; ++trial) {
      const n = 12 + Math.floor(r() * 200);
      const x = randomDate(r, n, 2, r() * 0.3);
      const refA = naiveAlpha(x.map(x.p), x.nMap, x.map(x.v), x.map(x.t));
      const refM = naiveMpc([x.map(x.p), x.map(x.q)], [3, 1], x.nMap, x.map(x.v), x.map(x.t));
      if (refA === null) {
        refused++;
        expect(() => alpha(x.p, x.cols, x.v, x.t)).toThrow(/overlap/);
        expect(() => metaPortfolioContribution([x.p, x.q], [3, 1], x.cols, x.v, x.t)).toThrow(/overlap/);
        continue;
      }
      const a = alpha(x.p, x.cols, x.v, x.t);
      expect(same(a, refA), `${trial}: ${a} vs ${refA}`).toBe(true);
      const mpc = metaPortfolioContribution([x.p, x.q], [3, 1], x.cols, x.v, x.t);
      expect(same(mpc[0], refM![0]) && same(mpc[1], refM![1]), `${trial}: ${mpc} vs ${refM}`).toBe(true);
    }
    expect(refused).toBeGreaterThan(5);
  });

  it('MPC is 1/50 of the gradient of the L2-normalised stake-weighted portfolio\'s alpha with respect to the stakes (finite differences)', () => {
    const r = rng(13);
    for (let trial = 0; trial < 20; ++trial) {
      const x = randomDate(r, 80 + Math.floor(r() * 100));
      const sigs = [x.p, x.q, Float64Array.from(x.p, (v, i) => v + x.q[i])];
      const stakes = [1 + r(), 1 + r(), 1 + r()];
      const mpc = metaPortfolioContribution(sigs, stakes, x.cols, x.v, x.t);
      const W = sigs.map((p) => generateNeutralizedWeights(p, x.cols, x.v));
      const tm = x.t.reduce((a, b) => a + b, 0) / x.t.length;
      const f = (s: number[]) => {
        const m = x.ids.map((_, i) => W.reduce((a, w, k) => a + w[i] * s[k], 0));
        const mm = m.reduce((a, b) => a + b, 0) / m.length;
        const mc = m.map((v) => v - mm);
        const norm = Math.sqrt(mc.reduce((a, v) => a + v * v, 0));
        return mc.reduce((a, v, i) => a + (v / norm) * (x.t[i] - tm), 0);
      };
      const total = stakes.reduce((a, b) => a + b, 0);
      const s = stakes.map((v) => v / total);
      const h = 1e-6;
      for (let k = 0; k < 3; ++k) {
        const up = s.slice(), down = s.slice();
        up[k] += h;
        down[k] -= h;
        expect(mpc[k]).toBeCloseTo((f(up) - f(down)) / (2 * h) / 50, 7);
      }
    }
  });

  it('churn (also top/bottom) and turnover equal the naive ones over random overlaps, refusing the same pairs under the 80 % rule', () => {
    const r = rng(14);
    let refused = 0;
    for (let trial = 0; trial < 300; ++trial) {
      const pool = 4 + Math.floor(r() * 150);
      const a = Float64Array.from({ length: pool }, () => (r() < 0.15 ? NaN : Math.round(r() * 20) / 20));
      const b = Float64Array.from({ length: pool }, () => (r() < 0.15 ? NaN : Math.round(r() * 20) / 20));
      const ids = Array.from({ length: pool }, (_, i) => `T${String(i).padStart(3, '0')}`);
      const map = (x: Float64Array): Series => new Map(ids.flatMap((id, i) => (Number.isNaN(x[i]) ? [] : [[id, x[i]] as [string, number]])));
      const ref = naiveChurn(map(a), map(b));
      const refT = naiveTurnover(map(a), map(b));
      if (ref === null) {
        refused++;
        expect(() => churn(a, b)).toThrow(/overlap/);
        expect(() => turnover(a, b)).toThrow(/overlap/);
      } else {
        expect(same(churn(a, b), Number.isNaN(ref) ? null : ref)).toBe(true);
        expect(same(turnover(a, b), refT)).toBe(true);
      }
      const k = 1 + Math.floor(r() * 10);
      expect(churn(a, b, { topBottom: k })).toBeCloseTo(naiveChurn(map(a), map(b), k)!, 14);
    }
    expect(refused).toBeGreaterThan(10);
  });

  it('a constant signal: weights and alpha 0; churn against it NaN (no spread to rank)', () => {
    const x = randomDate(rng(15), 50);
    const flat = new Float64Array(50).fill(0.5);
    expect(generateNeutralizedWeights(flat, x.cols, x.v).every((w) => w === 0)).toBe(true);
    expect(alpha(flat, x.cols, x.v, x.t)).toBe(0);
    expect(churn(flat, x.p)).toBeNaN();
  });

  it('cleanSubmission equals the naive join-rank-fill on 200 seeded universes (partial submissions, outside tickers, ties, duplicates)', () => {
    const r = rng(16);
    for (let trial = 0; trial < 200; ++trial) {
      const n = 1 + Math.floor(r() * 120);
      const universe = Array.from({ length: n }, (_, i) => `U${i}`).sort();
      const ids: string[] = [];
      const values: number[] = [];
      for (const u of universe) if (r() < 0.7) ids.push(u), values.push(Math.round(r() * 10) / 10);
      for (let j = 0; j < 5; ++j) ids.push(r() < 0.5 ? `X${j}` : universe[Math.floor(r() * n)]), values.push(r());
      const got = cleanSubmission(universe, ids, values);
      const ref = naiveClean(universe, ids, values);
      universe.forEach((u, i) => expect(got[i]).toBeCloseTo(ref.get(u)!, 14));
    }
  });

  it('signalsNeutralizers equals weighted Gram–Schmidt on dense dummies (rank-deficient, unused levels) and gives NᵀVN = I', () => {
    const r = rng(17);
    for (let trial = 0; trial < 60; ++trial) {
      const n = 4 + Math.floor(r() * 120);
      const levels = [2 + Math.floor(r() * 5), 1 + Math.floor(r() * 4)];
      const codes = levels.map((L) => Int32Array.from({ length: n }, () => Math.floor(r() * L)));
      const numeric = Array.from({ length: Math.floor(r() * 4) }, () => Float64Array.from({ length: n }, () => r() * 4 - 2));
      if (numeric.length > 1 && r() < 0.3) numeric.push(Float64Array.from(numeric[0], (v, i) => 2 * v - numeric[1][i])); // a dependent factor
      const v = Float64Array.from({ length: n }, () => 0.1 + r() * 3);
      const cols = signalsNeutralizers({ categorical: codes.map((c, g) => ({ codes: c, levels: levels[g] })), numeric }, v);
      const dense = [
        ...codes.flatMap((c, g) => Array.from({ length: levels[g] }, (_, a) => Array.from(c, (x) => (x === a ? 1 : 0)))),
        ...numeric.map((f) => Array.from(f)),
        new Array(n).fill(1)
      ];
      const ref = naiveOrthonormal(dense, Array.from(v));
      expect(cols.length).toBe(ref.length);
      cols.forEach((c, j) => c.forEach((x, i) => expect(Math.abs(x - ref[j][i])).toBeLessThan(1e-8)));
      for (let a = 0; a < cols.length; ++a)
        for (let b = 0; b < cols.length; ++b) {
          const g = cols[a].reduce((s, x, i) => s + x * v[i] * cols[b][i], 0);
          const used = cols[a].some((x) => x !== 0);
          expect(g).toBeCloseTo(a === b && used ? 1 : 0, 9);
        }
    }
  });
});

describe('scoreSignals against a naive date-by-date scorer', () => {
  it('matches alpha, MPC, churn, top/bottom churn, turnover and n on 12 seeded multi-date datasets with churning universes', () => {
    const r = rng(21);
    let nulls = 0, values = 0;
    for (let trial = 0; trial < 12; ++trial) {
      const pool = Array.from({ length: 90 }, (_, i) => `T${String(i).padStart(3, '0')}`);
      const D = 7;
      const universes: string[][] = [];
      let live = new Set(pool.filter(() => r() < 0.6));
      for (let d = 0; d < D; ++d) {
        const jump = d === 3 && trial % 2 === 0; // a date whose universe mostly changed: < 80 % overlap
        const next = new Set<string>();
        for (const t of pool) if ((live.has(t) && r() < (jump ? 0.4 : 0.95)) || (!live.has(t) && r() < (jump ? 0.5 : 0.05))) next.add(t);
        live = next.size >= 10 ? next : live;
        universes.push([...live].sort());
      }
      const dates = Array.from({ length: D }, (_, d) => `2024-01-${String(5 + 7 * d).padStart(2, '0')}`.replace('-01-40', '-02-09'));
      const code = new Map(pool.map((t, i) => [t, i]));
      const starts = [0];
      const ticker: number[] = [];
      for (const u of universes) {
        for (const t of u) ticker.push(code.get(t)!);
        starts.push(ticker.length);
      }
      const rows = ticker.length;
      const K = 3 + 2 + 2 + 1;
      const cols = Array.from({ length: K }, () => new Float64Array(rows));
      const v = new Float64Array(rows), t = new Float64Array(rows);
      const nanShare = (d: number) => (d === 5 ? 0.35 : d === D - 1 ? 1 : 0.05);
      for (let d = 0; d < D; ++d) {
        const s = starts[d], e = starts[d + 1];
        const sector = Int32Array.from({ length: e - s }, () => Math.floor(r() * 3));
        const country = Int32Array.from({ length: e - s }, () => Math.floor(r() * 2));
        for (let i = s; i < e; ++i) {
          v[i] = 0.2 + r() * 2;
          t[i] = r() < nanShare(d) ? NaN : bins[Math.floor(r() * 5)];
        }
        const f = [0, 1].map(() => Float64Array.from({ length: e - s }, () => r() - 0.5));
        signalsNeutralizers({ categorical: [{ codes: sector, levels: 3 }, { codes: country, levels: 2 }], numeric: f }, v.subarray(s, e), cols.map((c) => c.subarray(s, e)));
      }
      const models = ['a', 'b', 'c'];
      const raw = models.map(() => universes.map((u) => u.filter(() => r() < 0.8).map((id) => [id, Math.round(r() * 20) / 20] as [string, number])));
      const skip = (m: number, d: number) => m === 2 && d === 2; // model c does not submit on the third date
      const predictions: Record<string, Float64Array> = {};
      models.forEach((m, k) => {
        const p = new Float64Array(rows).fill(NaN);
        universes.forEach((u, d) => {
          if (skip(k, d)) return;
          p.set(cleanSubmission(u, raw[k][d].map((x) => x[0]), raw[k][d].map((x) => x[1])), starts[d]);
        });
        predictions[m] = p;
      });
      const stakes = { a: 5, b: 2, c: 0 };
      const got = scoreSignals({ dates, dateStarts: Uint32Array.from(starts), tickers: Uint32Array.from(ticker), neutralizers: cols, sampleWeight: v, target: t, predictions, stakes, churnTopBottom: 5 });

      const series = (x: Float64Array, d: number): Series => new Map(universes[d].map((id, i) => [id, x[starts[d] + i]]));
      const nMap = (d: number) => new Map(universes[d].map((id, i) => [id, cols.map((c) => c[starts[d] + i])]));
      for (let d = 0; d < D; ++d) {
        const cleaned = models.map((m, k) => (skip(k, d) ? null : naiveClean(universes[d], raw[k][d].map((x) => x[0]), raw[k][d].map((x) => x[1]))));
        const present = models.map((_, k) => k).filter((k) => cleaned[k]);
        const staked = present.filter((k) => models[k] in stakes);
        const mpc = naiveMpc(staked.map((k) => cleaned[k]!), staked.map((k) => stakes[models[k] as 'a']), nMap(d), series(v, d), series(t, d));
        for (const k of present) {
          const m = models[k];
          const out = got.models[m];
          const check = (metric: string, a: number, b: number | null) => {
            b === null ? nulls++ : values++;
            expect(same(a, b), `${trial} ${dates[d]} ${m} ${metric}: ${a} vs ${b}`).toBe(true);
          };
          const series0 = cleaned[k]!;
          universes[d].forEach((id, i) => expect(predictions[m][starts[d] + i]).toBeCloseTo(series0.get(id)!, 14));
          check('alpha', out.perDate.alpha![d], naiveAlpha(series0, nMap(d), series(v, d), series(t, d)));
          check('mpc', out.perDate.mpc![d], mpc && staked.includes(k) ? mpc[staked.indexOf(k)] : null);
          const prev = d > 0 && !skip(k, d - 1) ? naiveClean(universes[d - 1], raw[k][d - 1].map((x) => x[0]), raw[k][d - 1].map((x) => x[1])) : null;
          check('churn', out.perDate.churn![d], prev ? naiveChurn(series0, prev) : null);
          check('churn_top_bottom', out.perDate.churn_top_bottom![d], prev ? naiveChurn(series0, prev, 5) : null);
          const w = naiveWeights(series0, nMap(d), series(v, d), true);
          const wPrev = prev ? naiveWeights(prev, nMap(d - 1), series(v, d - 1), true) : null;
          check('turnover', out.perDate.turnover![d], w && wPrev ? naiveTurnover(w, wPrev) : null);
          const known = universes[d].filter((_, i) => !Number.isNaN(t[starts[d] + i])).length;
          expect(out.n[d]).toBe(known / universes[d].length >= 0.8 ? known : 0);
        }
        if (skip(2, d)) expect(got.models.c.n[d]).toBe(0);
      }
    }
    expect(values).toBeGreaterThan(500);
    expect(nulls).toBeGreaterThan(50);
  });
});
