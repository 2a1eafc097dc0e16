import { describe, expect, it } from 'vitest';
import { predictRidge } from '../../../src/lib/models/predictRidge';
import { trainRidge } from '../../../src/lib/models/trainRidge';
import { binColumns, naiveRidge, rng } from './naive';

const set = (columns: Int8Array[], target: Float64Array, rows?: Uint32Array) => ({ features: columns.map((_, j) => `f${j}`), columns, target, rows });

describe('trainRidge', () => {
  // y = 1 + 2·x₁ − x₂ on 4 rows; centred: S₁₁ = 5, S₂₂ = 1, S₁₂ = 2, S₁y = 8, S₂y = 3, ȳ = 3.5, x̄ = (1.5, 0.5)
  const x1 = Int8Array.of(0, 1, 2, 3);
  const x2 = Int8Array.of(0, 0, 1, 1);
  const y = Float64Array.of(1, 3, 4, 6);

  it('trainRidge(set, { lambda: 0 }) recovers an exact 2-feature linear relation', () => {
    const m = trainRidge(set([x1, x2], y), { lambda: 0 });
    expect(m.coef[0]).toBeCloseTo(2, 12);
    expect(m.coef[1]).toBeCloseTo(-1, 12);
    expect(m.intercept).toBeCloseTo(1, 12);
  });

  it('trainRidge(set, { lambda: 1 }) solves [6 2; 2 2]β = [8; 3] by hand: β = (1.25, 0.25), b = 1.5', () => {
    const m = trainRidge(set([x1, x2], y), { lambda: 1 });
    expect(m.coef[0]).toBeCloseTo(1.25, 12);
    expect(m.coef[1]).toBeCloseTo(0.25, 12);
    expect(m.intercept).toBeCloseTo(1.5, 12);
    expect(m).toMatchObject({ kind: 'ridge', features: ['f0', 'f1'], lambda: 1, n: 4, rank: 2 });
  });

  it('trainRidge(set, { lambda }) does not penalise the intercept: shifting y moves only the intercept', () => {
    const a = trainRidge(set([x1, x2], y), { lambda: 50 });
    const b = trainRidge(set([x1, x2], y.map((v) => v + 100)), { lambda: 50 });
    expect(b.coef[0]).toBeCloseTo(a.coef[0], 12);
    expect(b.coef[1]).toBeCloseTo(a.coef[1], 12);
    expect(b.intercept - a.intercept).toBeCloseTo(100, 10);
    // a huge λ shrinks β to 0 and leaves the intercept at ȳ, not 0
    const c = trainRidge(set([x1, x2], y), { lambda: 1e12 });
    expect(Math.abs(c.coef[0])).toBeLessThan(1e-10);
    expect(c.intercept).toBeCloseTo(3.5, 9);
  });

  it('trainRidge(set, options) equals Gauss–Jordan on the raw normal equations on 30 seeded problems (|Δ| < 1e-9)', () => {
    const r = rng(11);
    for (let trial = 0; trial < 30; ++trial) {
      const n = 20 + Math.floor(r() * 400);
      const k = 1 + Math.floor(r() * 10);
      const cols = binColumns(r, k, n);
      const w = Array.from({ length: k }, () => r() - 0.5);
      const target = Float64Array.from({ length: n }, (_, i) => (r() < 0.1 ? NaN : cols.reduce((a, c, j) => a + w[j] * c[i], 0) + r()));
      const rows = r() < 0.5 ? Uint32Array.from({ length: n }, (_, i) => i).filter(() => r() < 0.7) : undefined;
      const lambda = [0, 0.5, 10, 1000][trial % 4];
      const m = trainRidge(set(cols, target, rows), { lambda });
      const ref = naiveRidge(cols, target, lambda, rows);
      expect(Math.abs(m.intercept - ref[0])).toBeLessThan(1e-9);
      for (let j = 0; j < k; ++j) expect(Math.abs(m.coef[j] - ref[j + 1])).toBeLessThan(1e-9);
    }
  });

  it('trainRidge(set, { lambda → 0 }) tends to the least-squares solution', () => {
    const r = rng(12);
    const cols = binColumns(r, 6, 300);
    const target = Float64Array.from({ length: 300 }, (_, i) => cols[0][i] - 2 * cols[3][i] + r());
    const ls = naiveRidge(cols, target, 0);
    for (const lambda of [1e-3, 1e-6, 1e-9]) {
      const m = trainRidge(set(cols, target), { lambda });
      const d = Math.max(...Array.from(m.coef, (c, j) => Math.abs(c - ls[j + 1])));
      expect(d).toBeLessThan(lambda * 1e-2 + 1e-11);
    }
  });

  it('trainRidge(set, { lambda: 0 }) gives a duplicated or constant column coefficient 0 instead of failing', () => {
    const r = rng(13);
    const [a, b] = binColumns(r, 2, 100);
    const constant = new Int8Array(100).fill(2);
    const target = Float64Array.from({ length: 100 }, (_, i) => a[i] + 0.5 * b[i]);
    const m = trainRidge(set([a, b, Int8Array.from(a), constant], target), { lambda: 0 });
    expect(m.rank).toBe(2);
    expect(m.coef[0] + m.coef[2]).toBeCloseTo(1, 10);
    expect(m.coef[1]).toBeCloseTo(0.5, 10);
    expect(m.coef[3]).toBe(0);
  });

  it('trainRidge(set) skips rows whose target is NaN', () => {
    const m = trainRidge(set([x1, x2], Float64Array.of(1, 3, NaN, 6)), { lambda: 0 });
    expect(m.n).toBe(3);
    // three points and three unknowns: an exact fit
    expect(Array.from(predictRidge(m, { f0: x1, f1: x2 }, Uint32Array.of(0, 1, 3))).map((v) => +v.toFixed(10))).toEqual([1, 3, 6]);
  });

  it('predictRidge(model, columns, rows) is Σ coef·x + intercept at the rows', () => {
    const m = { kind: 'ridge' as const, features: ['b', 'a'], coef: Float64Array.of(2, -1), intercept: 0.5, lambda: 0, n: 0, rank: 2 };
    const out = predictRidge(m, { a: Float64Array.of(1, 2, 3), b: Float64Array.of(4, 5, 6) }, Uint32Array.of(2, 0));
    expect(Array.from(out)).toEqual([2 * 6 - 3 + 0.5, 2 * 4 - 1 + 0.5]);
  });
});
