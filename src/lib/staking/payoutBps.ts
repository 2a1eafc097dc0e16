import { defaultPayoutRule, payoutFactor, type PayoutRule } from '../scoring/payout';

/** Largest |payoutBps| NMRStaking accepts: 500 bps = 5% (`MAX_PAYOUT_BPS`). */
export const MAX_PAYOUT_BPS = 500n;
/** Basis points in one whole (`BPS_DENOMINATOR`). */
export const BPS_DENOMINATOR = 10_000n;

/** Every step from a round's scores to the integer basis points the resolver sends on-chain. */
export interface PayoutBreakdown {
  corr: number;
  mmc: number;
  rule: PayoutRule;
  /** w_corr·CORR + w_mmc·MMC. */
  weighted: number;
  /** min(1, threshold / total at risk). */
  factor: number;
  /** factor × weighted, before the clip. */
  score: number;
  /** clip(score, −clip, +clip): the share of stake paid (+) or burned (−), as the engine's `roundPayout` uses. */
  rate: number;
  /** Whether the clip bound the rate. */
  clipped: boolean;
  /** rate × 10 000 truncated toward zero and capped at ±500: the `payoutBps` argument of `resolveRound`. */
  bps: bigint;
}

/**
 * The payout of one round in basis points, by the engine's rule (`roundPayout`: 0.5·CORR + 2·MMC, payout factor,
 * ±5% clip), converted the way the contract rounds: toward zero. The float `rate × 10 000` is first rounded to
 * 1e-6 bps so binary noise cannot cost a whole basis point (0.0144 × 10 000 = 143.99999999999997 → 144).
 * A rule with a wider clip than the contract's is capped at ±500 bps.
 * @throws {RangeError} when CORR or MMC is not a finite number.
 */
export function payoutBps(
  corr: number,
  mmc: number,
  { totalAtRisk = 0, rule = {} }: { totalAtRisk?: number; rule?: Partial<PayoutRule> } = {}
): PayoutBreakdown {
  if (!Number.isFinite(corr) || !Number.isFinite(mmc)) {
    throw new RangeError(`CORR and MMC must be finite numbers, got ${corr} and ${mmc}.`);
  }
  const r: PayoutRule = { ...defaultPayoutRule, ...rule };
  const weighted = r.corrWeight * corr + r.mmcWeight * mmc;
  const factor = payoutFactor(totalAtRisk, r.threshold);
  const score = factor * weighted;
  const rate = Math.min(r.clip, Math.max(-r.clip, score));
  const scaled = Math.round(rate * 10_000 * 1e6) / 1e6;
  let bps = BigInt(Math.trunc(scaled));
  if (bps > MAX_PAYOUT_BPS) bps = MAX_PAYOUT_BPS;
  if (bps < -MAX_PAYOUT_BPS) bps = -MAX_PAYOUT_BPS;
  return { corr, mmc, rule: r, weighted, factor, score, rate, clipped: Math.abs(score) > r.clip, bps };
}
