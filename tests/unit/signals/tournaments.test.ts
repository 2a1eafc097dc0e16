import { describe, expect, it } from 'vitest';
import { defaultPayoutRule, roundPayout, simulatePayouts } from '../../../src/lib/scoring/payout';
import { tournamentPayoutRule } from '../../../src/lib/scoring/tournamentPayoutRule';
import { tournamentIds, tournaments } from '../../../src/lib/scoring/tournaments';

describe('tournaments registry', () => {
  it('holds both payout rules as data: Tournament 0.5·CORR + 2·MMC, ±500 bps, 72,000; Signals 0.3·alpha + 0.8·MPC, ±170 bps, 36,000', () => {
    expect(tournamentIds).toEqual(['numerai', 'signals']);
    expect(tournaments.numerai.payout.map((p) => [p.metric, p.weight])).toEqual([['corr', 0.5], ['mmc', 2]]);
    expect([tournaments.numerai.clipBps, tournaments.numerai.threshold]).toEqual([500, 72_000]);
    expect(tournaments.signals.payout.map((p) => [p.metric, p.weight])).toEqual([['alpha', 0.3], ['mpc', 0.8]]);
    expect([tournaments.signals.clipBps, tournaments.signals.threshold]).toEqual([170, 36_000]);
  });

  it('the Tournament default payout rule is the registry\'s', () => {
    expect(tournamentPayoutRule('numerai')).toEqual(defaultPayoutRule);
    expect(tournamentPayoutRule('signals')).toEqual({ corrWeight: 0.3, mmcWeight: 0.8, threshold: 36_000, clip: 0.017 });
  });

  it('Signals payouts by hand: 100 NMR, alpha .01, MPC .005 → +0.7; alpha .05, MPC .02 → .031 clipped to +1.7; pf halves at 72,000 at risk', () => {
    const rule = tournamentPayoutRule('signals');
    expect(roundPayout(100, 0.01, 0.005, 0, rule)).toBeCloseTo(0.7, 12);
    expect(roundPayout(100, 0.05, 0.02, 0, rule)).toBeCloseTo(1.7, 12);
    expect(roundPayout(100, -0.05, -0.02, 0, rule)).toBeCloseTo(-1.7, 12);
    expect(roundPayout(100, 0.01, 0.005, 72_000, rule)).toBeCloseTo(0.35, 12);
    const rounds = simulatePayouts({ stake: 100, corr: [0.05, 0.01], mmc: [0.02, 0.005], compound: false, rule });
    expect(rounds.map((r) => [r.clipped, +r.payout.toFixed(12)])).toEqual([[true, 1.7], [false, 0.7]]);
  });
});
