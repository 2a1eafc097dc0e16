import { payoutFactor, type PayoutRule } from '../scoring/payout';
import { tournamentPayoutRule } from '../scoring/tournamentPayoutRule';
import { tournaments, type TournamentId } from '../scoring/tournaments';

/** Basis points in one whole (`BPS_DENOMINATOR`). */
export const BPS_DENOMINATOR = 10_000n;

/** Every step from a round's two scores to the integer basis points the resolver sends on-chain. */
export interface PayoutBreakdown {
  tournament: TournamentId;
  /** The tournament's first and second payout scores: CORR and MMC, or alpha and MPC. */
  scores: readonly [number, number];
  rule: PayoutRule;
  /** w₁·score₁ + w₂·score₂. */
  weighted: number;
  /** min(1, threshold / total at risk). */
  factor: number;
  /** factor × weighted, before the clip. */
  score: number;
  /** clip(score, −clip, +clip): the share of stake paid (+) or burned (−), as the engine's `roundPayout` uses. */
  rate: number;
  /** Whether the clip bound the rate. */
  clipped: boolean;
  /** The tournament's on-chain clip in basis points (`maxPayoutBps`): 500 for the Tournament, 170 for Signals. */
  maxBps: bigint;
  /** rate × 10 000 truncated toward zero and capped at ±maxBps: the `payoutBps` argument of `resolveRound`. */
  bps: bigint;
}

/**
 * The payout of one round in basis points by the tournament's rule from the registry (Tournament 0.5·CORR + 2·MMC,
 * ±5 %; Signals 0.3·alpha + 0.8·MPC, ±1.7 %; payout factor from the threshold), converted the way the contract
 * rounds: toward zero. The float `rate × 10 000` is first rounded to 1e-6 bps so binary noise cannot cost a whole
 * basis point (0.0144 × 10 000 = 143.99999999999997 → 144). A rule overridden with a wider clip is still capped at
 * the tournament's on-chain clip.
 * @throws {RangeError} when a score is not a finite number.
 */
export function payoutBps(
  first: number,
  second: number,
  { totalAtRisk = 0, tournament = 'numerai', rule = {} }: { totalAtRisk?: number; tournament?: TournamentId; rule?: Partial<PayoutRule> } = {}
): PayoutBreakdown {
  const [a, b] = tournaments[tournament].payout.map((p) => p.label);
  if (!Number.isFinite(first) || !Number.isFinite(second)) {
    throw new RangeError(`${a} and ${b} must be finite numbers, got ${first} and ${second}.`);
  }
  const r: PayoutRule = { ...tournamentPayoutRule(tournament), ...rule };
  const maxBps = BigInt(tournaments[tournament].clipBps);
  const weighted = r.corrWeight * first + r.mmcWeight * second;
  const factor = payoutFactor(totalAtRisk, r.threshold);
  const score = factor * weighted;
  const rate = Math.min(r.clip, Math.max(-r.clip, score));
  const scaled = Math.round(rate * 10_000 * 1e6) / 1e6;
  let bps = BigInt(Math.trunc(scaled));
  if (bps > maxBps) bps = maxBps;
  if (bps < -maxBps) bps = -maxBps;
  return { tournament, scores: [first, second], rule: r, weighted, factor, score, rate, clipped: Math.abs(score) > r.clip, maxBps, bps };
}
