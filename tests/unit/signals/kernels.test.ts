// Hand-worked small cases for each Signals kernel. The 6-ticker vector is numerai-tools 0.6.0's own output on that
// input (the domain spec's worked example); the others are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import { alpha } from '../../../src/lib/scoring/signals/alpha';
import { churn } from '../../../src/lib/scoring/signals/churn';
import { cleanSubmission } from '../../../src/lib/scoring/signals/cleanSubmission';
import { generateNeutralizedWeights } from '../../../src/lib/scoring/signals/generateNeutralizedWeights';
import { metaPortfolioContribution } from '../../../src/lib/scoring/signals/metaPortfolioContribution';
import { signalsNeutralizers } from '../../../src/lib/scoring/signals/signalsNeutralizers';
import { turnover } from '../../../src/lib/scoring/signals/turnover';
import { rankGaussianPow15 } from '../../../src/lib/scoring/rankGaussianPow15';

const expectClose = (a: ArrayLike<number>, b: readonly number[], digits = 9) => {
  expect(a.length).toBe(b.length);
  b.forEach((v, i) => expect(a[i]).toBeCloseTo(v, digits));
};

// tickers a–f; two orthonormal neutralizers (NᵀN = I with v = 1)
const P = [0.1, 0.5, 0.3, 0.9, 0.7, 0.2];
const Q = [0.6, 0.1, 0.2, 0.8, 0.3, 0.9];
const s6 = Math.sqrt(6);
const N = [[1, 1, 1, -1, -1, -1].map((x) => x / s6), [1, -1, 0, 1, -1, 0].map((x) => x / 2)];
const ones = new Array(6).fill(1);
const T = [0, 0.25, 0.5, 1, 0.75, 0.5];

describe('the worked 6-ticker vector (numerai-tools 0.6.0 output)', () => {
  it('s′ = P15(Φ⁻¹(rank)) of P', () => {
    expectClose(rankGaussianPow15(P), [-1.6264117523, 0.0965287121, -0.0965287121, 1.6264117523, 0.5539403888, -0.5539403888]);
  });

  it('generate_neutralized_weights: w, neutral to N (Nᵀw = 0), and its centred L1-normalised form', () => {
    const w = generateNeutralizedWeights(P, N, ones);
    expectClose(w, [-0.9216572263, 0.4760486876, 0.4456085387, 1.2468917768, -0.1508141372, -1.0960776396]);
    for (const col of N) expect(col.reduce((a, x, i) => a + x * w[i], 0)).toBeCloseTo(0, 12);
    const wn = generateNeutralizedWeights(P, N, ones, { centerAndNormalize: true });
    expectClose(wn, [-0.2125055106, 0.1097620314, 0.1027434792, 0.2874944894, -0.0347730526, -0.2527214368]);
    expect(wn.reduce((a, x) => a + Math.abs(x), 0)).toBeCloseTo(1, 14);
  });

  it('alpha = 0.1545931326, and 0.0908656752 with sample weights (.5, 1, 1, 2, 1, .5)', () => {
    expect(alpha(P, N, ones, T)).toBeCloseTo(0.1545931326, 9);
    expect(alpha(P, N, [0.5, 1, 1, 2, 1, 0.5], T)).toBeCloseTo(0.0908656752, 9);
  });

  it('MPC of P and Q with stakes (2, 1) = (−1.307110314e-5, 2.614220628e-5)', () => {
    const mpc = metaPortfolioContribution([P, Q], [2, 1], N, ones, T);
    expect(mpc[0]).toBeCloseTo(-1.307110314e-5, 14);
    expect(mpc[1]).toBeCloseTo(2.614220628e-5, 14);
  });

  it('churn(P, P′) = 0.0571428571 and turnover of the raw pair = 0.15', () => {
    const P2 = [0.2, 0.5, 0.3, 0.8, 0.7, 0.1];
    expect(churn(P, P2)).toBeCloseTo(0.0571428571, 9);
    expect(turnover(P, P2)).toBeCloseTo(0.15, 14);
  });
});

describe('hand-worked cases', () => {
  it('cleanSubmission: universe {A,B,C,D}, submission {A:.2, B:.9, C:.9, X:.1} → A 1/6, B 2/3, C 2/3, D .5', () => {
    // ranks among A, B, C: 1, 2.5, 2.5 → (r − .5)/3; X is outside the universe; D has no value → 0.5
    expectClose(cleanSubmission(['A', 'B', 'C', 'D'], ['A', 'B', 'C', 'X'], [0.2, 0.9, 0.9, 0.1]), [1 / 6, 2 / 3, 2 / 3, 0.5], 14);
  });

  it('cleanSubmission remaps through source ids: F1→A, F2→B, F3→C; {F1:.3, F3:.7} → A .25, B .5, C .75', () => {
    expectClose(cleanSubmission(['A', 'B', 'C'], ['F1', 'F3'], [0.3, 0.7], { sourceIds: ['F1', 'F2', 'F3'] }), [0.25, 0.5, 0.75], 14);
  });

  it('cleanSubmission keeps the first row of a ticker given twice, and without rankAndFill returns the joined values', () => {
    expectClose(cleanSubmission(['A', 'B'], ['A', 'A', 'B'], [0.1, 0.9, 0.5], { rankAndFill: false }), [0.1, 0.5], 14);
  });

  it('churn: identical order 0, reversed order 2, and over the common tickers only', () => {
    expect(churn([1, 2, 3, 4, 5], [10, 20, 30, 40, 50])).toBeCloseTo(0, 14);
    expect(churn([1, 2, 3, 4, 5], [5, 4, 3, 2, 1])).toBeCloseTo(2, 14);
    // ticker 5 only on the first side, ticker 6 only on the second: 4 of 5 (80 %) common on each side, all in order
    expect(churn([1, 2, 3, 4, 5, NaN], [1, 2, 3, 4, NaN, 9])).toBeCloseTo(0, 14);
    // 3 of 5 common: refused by the 80 % rule
    expect(() => churn([1, 2, 3, 4, 5, NaN, NaN], [1, 2, 3, NaN, NaN, 9, 8])).toThrow(/Only 3 of 5 tickers of the two signals overlap; at least 80% must/);
  });

  it('churn with topBottom = 1 on 4 tickers: top kept, bottom changed → 1 − (1 + 0)/2 = 0.5', () => {
    expect(churn([0.1, 0.2, 0.3, 0.4], [0.2, 0.1, 0.3, 0.4], { topBottom: 1 })).toBe(0.5);
    expect(churn([0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4], { topBottom: 2 })).toBe(0);
  });

  it('turnover = Σ|Δw|/2 over the common tickers: (.5, −.5, 0) → (−.5, .5, 0) is 1', () => {
    expect(turnover([0.5, -0.5, 0], [-0.5, 0.5, 0])).toBe(1);
  });

  it('alpha ignores tickers without a target but refuses a date where fewer than 80 % have one', () => {
    const t = T.slice();
    t[5] = NaN; // 5 of 6 known
    const a = alpha(P, N, ones, t);
    expect(Number.isFinite(a)).toBe(true);
    t[4] = NaN; // 4 of 6 (67 %)
    expect(() => alpha(P, N, ones, t)).toThrow(/Only 4 of 6 tickers with a target overlap/);
  });

  it('signalsNeutralizers: two sectors and a constant under weights (1, 1, 2, 2) → one column per sector, the constant 0', () => {
    // sector dummies e_A = (1,1,0,0), e_B = (0,0,1,1); Σv over A = 2, over B = 4 → columns e_A/√2, e_B/2; the constant is e_A + e_B
    const cols = signalsNeutralizers({ categorical: [{ codes: [0, 0, 1, 1], levels: 2 }] }, [1, 1, 2, 2]);
    expect(cols).toHaveLength(3);
    expectClose(cols[0], [1 / Math.SQRT2, 1 / Math.SQRT2, 0, 0], 14);
    expectClose(cols[1], [0, 0, 0.5, 0.5], 14);
    expectClose(cols[2], [0, 0, 0, 0], 14);
  });

  it('signalsNeutralizers: a factor (1, 2, 3) then the constant, v = 1 → (1, 2, 3)/√14 and (4, 1, −2)/√21; a NaN row stays NaN', () => {
    // Gram–Schmidt in slot order: the constant minus its projection on the factor, 1 − (6/14)(1, 2, 3) = (4, 1, −2)/7
    const cols = signalsNeutralizers({ numeric: [[1, 2, 3, NaN]] }, [1, 1, 1, 1]);
    expectClose(cols[0].subarray(0, 3), [1, 2, 3].map((x) => x / Math.sqrt(14)), 14);
    expectClose(cols[1].subarray(0, 3), [4, 1, -2].map((x) => x / Math.sqrt(21)), 14);
    expect(Number.isNaN(cols[0][3]) && Number.isNaN(cols[1][3])).toBe(true);
  });
});
