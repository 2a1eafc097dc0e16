// Hand-worked small cases. Reference numbers come from numerai-tools 0.6.0 (the team's Numerai rules notes
// §2.4 and numerai-tools tests/test_scoring.py) and, for Φ⁻¹, from mpmath at 50 digits.
import { describe, expect, it } from 'vitest';
import {
  center,
  correlationContribution,
  featureCorrelations,
  featureNeutralCorr,
  gaussianize,
  maxDrawdown,
  maxFeatureCorrelation,
  neutralize,
  normalPpf,
  numeraiCorr,
  orthogonalize,
  payoutFactor,
  pearson,
  rankAverage,
  rankFirst,
  rankGaussianPow15,
  roundPayout,
  signedPower,
  simulatePayouts,
  summarize
} from '../../../src/lib/scoring';

const arr = (x: ArrayLike<number>) => Array.from(x);
const near = (actual: ArrayLike<number>, expected: number[], digits = 6) => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
};

// the vectors of numerai-rules.md §2.4; ids 0..7
const t = [0, 0.25, 0.5, 0.75, 1, 0.5, 0.25, 0.75];
const p = [0.1, 0.2, 0.2, 0.4, 0.9, 0.5, 0.3, 0.6];
const m = [0.2, 0.1, 0.3, 0.5, 0.8, 0.4, 0.35, 0.7];
const F = [Int8Array.of(0, 1, 2, 3, 4, 2, 1, 3), Int8Array.of(4, 3, 2, 2, 0, 1, 3, 1)];

describe('ranks', () => {
  it('rankAverage(x) keeps ties and centres on 0.5, as pandas rank("average")', () => {
    expect(arr(rankAverage([3, 1, 3, 2]))).toEqual([0.75, 0.125, 0.75, 0.375]);
    near(rankAverage(p), [0.0625, 0.25, 0.25, 0.5625, 0.9375, 0.6875, 0.4375, 0.8125], 12);
  });
  it('rankAverage(x) leaves NaN as NaN and divides by the count of non-NaN values', () => {
    const r = rankAverage([2, NaN, 1]);
    expect(r[0]).toBe(0.75);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBe(0.25);
  });
  it('rankAverage(x) of a constant gives 0.5 everywhere', () => {
    expect(arr(rankAverage([7, 7, 7]))).toEqual([0.5, 0.5, 0.5]);
  });
  it('rankFirst(x) breaks ties by position, as pandas rank("first")', () => {
    expect(arr(rankFirst([3, 1, 3, 2]))).toEqual([0.625, 0.125, 0.875, 0.375]);
  });
});

describe('normalPpf and gaussianize', () => {
  it('normalPpf(p) agrees with mpmath to 1e-15 relative across both tails and the centre', () => {
    // mpmath √2·erfinv(2p − 1) at 50 digits of the double nearest each p
    const ref: [number, number][] = [
      [1e-20, -9.2623400897984075796], [1e-10, -6.3613409024040561991], [0.001, -3.0902323061678135354],
      [0.02425, -1.9729610513118848376], [0.0625, -1.5341205443525463117], [0.25, -0.6744897501960817432],
      [0.4, -0.25334710313579974132], [0.575, 0.18911842627279237679], [0.924, 1.43250272082581191],
      [0.97575, 1.9729610513118849594], [0.999, 3.0902323061678132778], [0.9999999, 5.1993375822906610937]
    ];

    for (const [x, y] of ref) expect(Math.abs(normalPpf(x) - y)).toBeLessThanOrEqual(1e-15 * Math.abs(y) + 1e-300);
    expect(normalPpf(0.5)).toBe(0);
  });
  it('gaussianize([0, .25, .5, .75, 1]) is [−∞, −0.6745, 0, 0.6745, +∞] and NaN outside [0, 1]', () => {
    const g = gaussianize([0, 0.25, 0.5, 0.75, 1]);
    expect(g[0]).toBe(-Infinity);
    expect(g[4]).toBe(Infinity);
    near(g.subarray(1, 4), [-0.6744897501960817, 0, 0.6744897501960817], 15);
    expect(normalPpf(1.5)).toBeNaN();
    expect(normalPpf(NaN)).toBeNaN();
  });
  it('rankGaussianPow15([0, .25, .5, .75, 1]) is numerai-tools\' [−1.45079, −0.37975, 0, 0.37975, 1.45079]', () => {
    near(rankGaussianPow15([0, 0.25, 0.5, 0.75, 1]), [-1.45079, -0.37975, 0, 0.37975, 1.45079], 5);
  });
  it('gaussianize(rankAverage(p)) and its ^1.5 match the §2.4 vectors', () => {
    near(gaussianize(rankAverage(p)), [-1.534121, -0.67449, -0.67449, 0.157311, 1.534121, 0.488776, -0.157311, 0.887147], 6);
    near(rankGaussianPow15(p), [-1.900156, -0.55394, -0.55394, 0.062393, 1.900156, 0.341716, -0.062393, 0.83559], 6);
  });
});

describe('basic transforms', () => {
  it('signedPower(x, 1.5) keeps the sign: P15(t − mean t) of the §2.4 target', () => {
    near(signedPower(center(t), 1.5), [-0.353553, -0.125, 0, 0.125, 0.353553, 0, -0.125, 0.125], 6);
    near(signedPower([-8, 4], 2 / 3), [-4, 2.519842], 6);
  });
  it('pearson(x, y) is NaN for a constant side or fewer than two rows', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1], [1])).toBeNaN();
  });
  it('orthogonalize(v, u) removes the projection on u, without intercept', () => {
    expect(arr(orthogonalize([1, 2, 3], [1, 0, 1]))).toEqual([-1, 2, 1]);
    expect(arr(orthogonalize([0, 1, 2, 3, 4], [1, 0, 1, 0, 1]))).toEqual([-2, 1, 0, 3, 2]);
  });
});

describe('numeraiCorr', () => {
  it('numeraiCorr(p, t) is 0.9319758484888928 on the §2.4 vectors (0.8942898052905143 without the target power)', () => {
    expect(numeraiCorr(p, t)).toBeCloseTo(0.9319758484888928, 12);
    expect(numeraiCorr(p, t, { targetPow15: false })).toBeCloseTo(0.8942898052905143, 12);
  });
  it('numeraiCorr(p, t) centres the target before dropping a NaN prediction', () => {
    const q = p.slice();
    q[2] = NaN;
    expect(numeraiCorr(q, t)).toBeCloseTo(0.9598998328117808, 12);
  });
  it('numeraiCorr(p, t) throws OverlapError when more than 20% of rows are NaN', () => {
    const q = p.slice();
    q[2] = NaN;
    q[5] = NaN;
    expect(() => numeraiCorr(q, t)).toThrowError(/Only 6 of 8 targets and predictions overlap; at least 80% must/);
  });
  it('numeraiCorr(p, t, {topBottom: 2}) scores the two lowest and two highest predictions only', () => {
    expect(numeraiCorr(p, t, { topBottom: 2 })).toBeCloseTo(0.9987338081577164, 12);
  });
  it('numeraiCorr(p, t) is NaN for constant predictions', () => {
    expect(numeraiCorr([0.5, 0.5, 0.5, 0.5], [0, 0.25, 0.5, 1])).toBeNaN();
  });
});

describe('correlationContribution (MMC, BMC)', () => {
  it('correlationContribution(p, m, t) is 0.12379412527186485 on the §2.4 vectors', () => {
    expect(correlationContribution(p, m, t)).toBeCloseTo(0.12379412527186485, 12);
  });
  it('correlationContribution(p, m, t) is unchanged when the target is given as 4t − 2', () => {
    expect(correlationContribution(p, m, t.map((v) => 4 * v - 2))).toBeCloseTo(0.12379412527186485, 12);
  });
  it('correlationContribution(p, m, t, {topBottom: 2}) is 0.13222549299669975', () => {
    expect(correlationContribution(p, m, t, { topBottom: 2 })).toBeCloseTo(0.13222549299669975, 12);
  });
  it('correlationContribution(p, m, t) of p = m is 0', () => {
    expect(correlationContribution(m, m, t)).toBeCloseTo(0, 14);
  });
  it('correlationContribution(p, m, t) throws OverlapError when the meta model misses more than 20% of rows', () => {
    const mm = m.slice();
    mm[0] = mm[1] = NaN;
    expect(() => correlationContribution(p, mm, t)).toThrowError(/Only 6 of 8/);
  });
});

describe('neutralize and FNC', () => {
  it('neutralize(p, F) matches numerai-tools at proportion 1 and 0.5', () => {
    near(neutralize(p, F), [0.073913, -0.013043, -0.2, -0.043478, 0.126087, -0.043478, 0.086957, 0.013043], 6);
    near(neutralize(p, F, 0.5), [0.086957, 0.093478, 0, 0.178261, 0.513043, 0.228261, 0.193478, 0.306522], 6);
  });
  it('neutralize(x, F) at proportion 1 leaves no mean and no correlation with any feature', () => {
    const r = neutralize(p, F);
    expect(Math.abs(r.reduce((a, b) => a + b, 0))).toBeLessThan(1e-14);
    for (const f of F) expect(Math.abs(arr(f).reduce((a, v, i) => a + v * r[i], 0))).toBeLessThan(1e-13);
  });
  it('neutralize(x, F) of a constant x is all NaN, as numerai-tools sets zero-std columns to NaN', () => {
    expect(arr(neutralize([1, 1, 1, 1, 1, 1, 1, 1], F)).every(Number.isNaN)).toBe(true);
  });
  it('neutralize(x, F) rejects NaN neutralizers', () => {
    expect(() => neutralize([1, 2, 3], [Float64Array.of(1, NaN, 2)])).toThrowError(/Neutralizers contain NaN/);
  });
  it('featureNeutralCorr(p, F, t) is 0.16081403203653283', () => {
    expect(featureNeutralCorr(p, F, t)).toBeCloseTo(0.16081403203653283, 12);
  });
  it("maxFeatureCorrelation(featureCorrelations(p, F)) is ('f2', 0.9166666666666667)", () => {
    const best = maxFeatureCorrelation(featureCorrelations(p, F), ['f1', 'f2']);
    expect(best.feature).toBe('f2');
    expect(best.value).toBeCloseTo(0.9166666666666667, 14);
  });
  it('maxFeatureCorrelation skips NaN exposures (constant features) and gives NaN when all are NaN', () => {
    expect(maxFeatureCorrelation([NaN, -0.3, 0.2]).index).toBe(1);
    expect(maxFeatureCorrelation([NaN, NaN]).value).toBeNaN();
  });
});

describe('summaries', () => {
  const s = [0.02, -0.01, 0.03, -0.04, 0.01];
  it('summarize(s) gives mean 0.002, std (ddof 0) 0.0248193, sharpe 0.0805823, max drawdown 0.04', () => {
    const r = summarize(s);
    expect(r.mean).toBeCloseTo(0.002, 15);
    expect(r.std).toBeCloseTo(0.0248193, 7);
    expect(r.sharpe).toBeCloseTo(0.0805823, 7);
    expect(r.max_drawdown).toBeCloseTo(0.04, 15);
    expect(r.consistency).toBe(0.6);
    expect(r.n_eras).toBe(5);
    // delta = |mean(.02, −.01) − mean(.03, −.04, .01)|
    expect(r.delta).toBeCloseTo(0.005, 15);
  });
  it('maxDrawdown(s) starts its running max at the first cumulative value, not at 0', () => {
    expect(maxDrawdown([-0.05, 0.01])).toBe(0);
    expect(maxDrawdown([0.01, -0.05, 0.02])).toBeCloseTo(0.05, 15);
  });
  it('summarize(s) leaves NaN eras out and gives NaN sharpe for zero std', () => {
    const r = summarize([0.01, NaN, 0.01]);
    expect(r.n_eras).toBe(2);
    expect(r.sharpe).toBeNaN();
    expect(summarize([]).mean).toBeNaN();
  });
});

describe('payouts', () => {
  it('roundPayout follows the docs examples: +1.44, clipped +5, burned −3.5', () => {
    expect(roundPayout(100, 0.02, 0.005, 100_000)).toBeCloseTo(1.44, 12);
    expect(roundPayout(100, 0.1, 0.02, 50_000)).toBeCloseTo(5, 12);
    expect(roundPayout(100, -0.03, -0.01, 50_000)).toBeCloseTo(-3.5, 12);
  });
  it('payoutFactor(total) is min(1, 72,000 / total)', () => {
    expect(payoutFactor(144_000)).toBe(0.5);
    expect(payoutFactor(10)).toBe(1);
  });
  it('roundPayout takes the weights and threshold as parameters', () => {
    expect(roundPayout(100, 0.02, 0.01, 0, { corrWeight: 1, mmcWeight: 0 })).toBeCloseTo(2, 12);
    expect(roundPayout(100, 0.02, 0, 20_000, { threshold: 10_000, corrWeight: 1 })).toBeCloseTo(1, 12);
  });
  it('simulatePayouts compounds round by round, skips unscored rounds and marks clipping', () => {
    const rounds = simulatePayouts({ stake: 100, corr: [0.2, NaN, -0.02], mmc: [0, 0, 0] });
    expect(rounds.map((r) => r.stake)).toEqual([100, 105, 105]);
    expect(rounds[0].clipped).toBe(true);
    expect(rounds[1].payout).toBe(0);
    expect(rounds[2].payout).toBeCloseTo(-1.05, 12);
    expect(rounds[2].cumulative).toBeCloseTo(3.95, 12);
    const fixed = simulatePayouts({ stake: 100, corr: [0.2, 0.2], mmc: [0, 0], compound: false });
    expect(fixed[1].stake).toBe(100);
  });
});
