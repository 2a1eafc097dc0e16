import type { PayoutRule } from './payout';
import { tournaments, type TournamentId } from './tournaments';

/**
 * A tournament's rule in the form `roundPayout`/`simulatePayouts` take: its first payout score in the `corr` slot,
 * the second in the `mmc` slot (Signals: alpha and MPC), clip as a fraction.
 * @example simulatePayouts({ stake: 100, corr: alpha, mmc: mpc, rule: tournamentPayoutRule('signals') })
 */
export function tournamentPayoutRule(id: TournamentId): PayoutRule {
  const t = tournaments[id];
  return { corrWeight: t.payout[0].weight, mmcWeight: t.payout[1].weight, threshold: t.threshold, clip: t.clipBps / 10_000 };
}
