import { describe, expect, it } from 'vitest';
import { roundPayout } from '../../../src/lib/scoring/payout';
import { payoutBps } from '../../../src/lib/staking/payoutBps';
import { resolutionDelta } from '../../../src/lib/staking/resolutionDelta';

const WEI = 10n ** 18n;

/** Seeded LCG in [0, 1). */
function random(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('payoutBps', () => {
  it('payoutBps reproduces the worked examples of the payout rule (numerai-rules §4.2)', () => {
    // stake 100, corr .02, mmc .005, total at risk 100 000 → pf 0.72 → +1.44 NMR = 144 bps
    const a = payoutBps(0.02, 0.005, { totalAtRisk: 100_000 });
    expect(a.factor).toBe(0.72);
    expect(a.bps).toBe(144n); // 0.0144 × 10 000 = 143.99999999999997 in floats: the noise guard keeps 144
    expect(resolutionDelta({ active: 100n * WEI, pending: 0n, releaseAt: 0n }, 100n * WEI, a.bps, 0n).delta).toBe(144n * WEI / 100n);
    // corr .10, mmc .02 → clipped to +5%
    const b = payoutBps(0.1, 0.02, { totalAtRisk: 50_000 });
    expect({ clipped: b.clipped, bps: b.bps }).toEqual({ clipped: true, bps: 500n });
    // corr −.03, mmc −.01 → −3.5% burned
    const c = payoutBps(-0.03, -0.01);
    expect(c.bps).toBe(-350n);
    expect(resolutionDelta({ active: 100n * WEI, pending: 0n, releaseAt: 0n }, 100n * WEI, c.bps, 0n).delta).toBe(-35n * WEI / 10n);
  });

  it('payoutBps truncates toward zero, never beyond ±500, and stays within 1 bps of roundPayout on 5 000 seeded cases', () => {
    const rnd = random(7);
    for (let i = 0; i < 5000; i++) {
      const corr = (rnd() - 0.5) * 0.2;
      const mmc = (rnd() - 0.5) * 0.08;
      const totalAtRisk = rnd() < 0.5 ? 0 : rnd() * 200_000;
      const rule = rnd() < 0.1 ? { clip: 0.25 } : {};
      const { bps, rate } = payoutBps(corr, mmc, { totalAtRisk, rule });
      const exact = (roundPayout(1, corr, mmc, totalAtRisk, rule)) * 10_000;
      const capped = Math.max(-500, Math.min(500, exact));
      expect(Math.abs(Number(bps))).toBeLessThanOrEqual(500);
      expect(Math.abs(Number(bps)) - Math.abs(capped)).toBeLessThanOrEqual(1e-6); // toward zero
      expect(Math.abs(capped - Number(bps))).toBeLessThan(1); // less than one basis point lost
      if (bps !== 0n) expect(Math.sign(Number(bps))).toBe(Math.sign(rate));
    }
  });

  it('payoutBps for Signals uses 0.3·alpha + 0.8·MPC, the 36,000 threshold and the ±170 bps clip', () => {
    // alpha .01, MPC .005 → 0.3·.01 + 0.8·.005 = .007 → 70 bps
    expect(payoutBps(0.01, 0.005, { tournament: 'signals' })).toMatchObject({ tournament: 'signals', bps: 70n, maxBps: 170n, clipped: false });
    // alpha .05, MPC .02 → .031 clipped to .017 → 170 bps; negative → −170
    expect(payoutBps(0.05, 0.02, { tournament: 'signals' })).toMatchObject({ bps: 170n, clipped: true });
    expect(payoutBps(-0.05, -0.02, { tournament: 'signals' }).bps).toBe(-170n);
    // 72 000 at risk halves the payout factor: 35 bps
    expect(payoutBps(0.01, 0.005, { tournament: 'signals', totalAtRisk: 72_000 }).bps).toBe(35n);
    // a wider clip asked for is still capped at the on-chain 170
    expect(payoutBps(0.5, 0.5, { tournament: 'signals', rule: { clip: 0.25 } }).bps).toBe(170n);
    expect(() => payoutBps(Number.NaN, 0, { tournament: 'signals' })).toThrow('Alpha and MPC must be finite numbers, got NaN and 0.');
  });

  it('payoutBps(NaN) throws: an unscored round must not be resolved as 0 by accident', () => {
    expect(() => payoutBps(Number.NaN, 0)).toThrow(RangeError);
    expect(() => payoutBps(0, Infinity)).toThrow('CORR and MMC must be finite numbers, got 0 and Infinity.');
  });
});

describe('resolutionDelta', () => {
  it('resolutionDelta applies bps to the stake when the round opened, not to the current one', () => {
    // 1 000 at the opening, 9 000 staked since: +500 bps pays 50
    expect(resolutionDelta({ active: 10_000n, pending: 0n, releaseAt: 0n }, 1_000n, 500n, 0n)).toEqual({
      atRisk: 1_000n,
      delta: 50n,
      after: { active: 10_050n, pending: 0n, releaseAt: 0n }
    });
    // payouts round toward zero
    expect(resolutionDelta({ active: 333n, pending: 100n, releaseAt: 0n }, 333n, 1n, 0n).delta).toBe(0n);
    expect(resolutionDelta({ active: 19_999n, pending: 0n, releaseAt: 0n }, 19_999n, 1n, 0n).delta).toBe(1n);
    expect(resolutionDelta({ active: 19_999n, pending: 0n, releaseAt: 0n }, 19_999n, -1n, 0n).delta).toBe(-1n);
  });

  it('resolutionDelta burns from active first, then from pending whose release has not matured, capped at both', () => {
    // 10 000 at the opening, 9 800 released since (locked until 1 000): −500 bps burns 500, 200 from active, 300 from pending
    const position = { active: 200n, pending: 9_800n, releaseAt: 1_000n };
    expect(resolutionDelta(position, 10_000n, -500n, 999n)).toEqual({ atRisk: 10_000n, delta: -500n, after: { active: 0n, pending: 9_500n, releaseAt: 1_000n } });
    // once the release has matured, only active is at risk: the burn is capped at it
    expect(resolutionDelta(position, 10_000n, -500n, 1_000n)).toEqual({ atRisk: 10_000n, delta: -200n, after: { active: 0n, pending: 9_800n, releaseAt: 1_000n } });
  });
});
