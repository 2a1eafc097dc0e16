import { tournaments } from './tournaments';

/** Numerai's payout parameters (docs `staking.md`; weights fixed from 2024-01-02, threshold for the main tournament). */
export interface PayoutRule {
  /** CORR multiplier (default 0.5). */
  corrWeight: number;
  /** MMC multiplier (default 2). */
  mmcWeight: number;
  /** Stake threshold of the payout factor, NMR (default 72,000). */
  threshold: number;
  /** Largest gain or loss per round as a share of stake (default 0.05). */
  clip: number;
}

const { payout, threshold, clipBps } = tournaments.numerai;
/** The Tournament's rule, from the tournaments registry (Signals: `tournamentPayoutRule('signals')`). */
export const defaultPayoutRule: PayoutRule = { corrWeight: payout[0].weight, mmcWeight: payout[1].weight, threshold, clip: clipBps / 10_000 };

/** payout_factor = min(1, threshold / total_at_risk); 1 when nothing else is at risk. */
export function payoutFactor(totalAtRisk: number, threshold = defaultPayoutRule.threshold): number {
  return totalAtRisk > 0 ? Math.min(1, threshold / totalAtRisk) : 1;
}

/**
 * One round's payout: stake × clip(pf × (w_corr·CORR + w_mmc·MMC), −clip, +clip); negative means burned.
 * Source: numerai/docs numerai-tournament/staking.md.
 */
export function roundPayout(stake: number, corr: number, mmc: number, totalAtRisk: number, rule: Partial<PayoutRule> = {}): number {
  const r = { ...defaultPayoutRule, ...rule };
  const score = payoutFactor(totalAtRisk, r.threshold) * (r.corrWeight * corr + r.mmcWeight * mmc);
  return stake * Math.min(r.clip, Math.max(-r.clip, score));
}

export interface PayoutRound {
  /** Stake at risk when the round resolved. */
  stake: number;
  /** pf × (w_corr·CORR + w_mmc·MMC) before clipping; NaN for an unscored round. */
  score: number;
  /** The share of stake paid (positive) or burned (negative) after the clip. */
  rate: number;
  /** True when the clip bound the rate. */
  clipped: boolean;
  /** Signed payout in NMR; 0 for an unscored round. */
  payout: number;
  /** Sum of payouts so far. */
  cumulative: number;
}

/**
 * Applies the payout rule round by round (one round per era of scores). With `compound`, payouts are added to
 * the stake and burns removed from it, as Numerai does by default; otherwise the stake stays fixed. A round
 * with a NaN CORR or MMC is unscored: nothing is paid or burned.
 */
export function simulatePayouts(options: {
  stake: number;
  corr: ArrayLike<number>;
  mmc: ArrayLike<number>;
  totalAtRisk?: number | ArrayLike<number>;
  compound?: boolean;
  rule?: Partial<PayoutRule>;
}): PayoutRound[] {
  const r = { ...defaultPayoutRule, ...options.rule };
  const { corr, mmc, compound = true } = options;
  const rounds: PayoutRound[] = [];
  let stake = options.stake;
  let cumulative = 0;
  for (let e = 0; e < corr.length; ++e) {
    const total = typeof options.totalAtRisk === 'number' || options.totalAtRisk === undefined ? (options.totalAtRisk ?? 0) : options.totalAtRisk[e];
    const score = payoutFactor(total, r.threshold) * (r.corrWeight * corr[e] + r.mmcWeight * mmc[e]);
    const scored = score === score;
    const rate = scored ? Math.min(r.clip, Math.max(-r.clip, score)) : 0;
    const payout = stake * rate;
    cumulative += payout;
    rounds.push({ stake, score, rate, clipped: scored && Math.abs(score) > r.clip, payout, cumulative });
    if (compound) stake += payout;
  }
  return rounds;
}
