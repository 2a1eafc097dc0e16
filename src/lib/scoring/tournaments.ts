/** The tournaments a model can be staked in. */
export const tournamentIds = ['numerai', 'signals'] as const;
export type TournamentId = (typeof tournamentIds)[number];

/** One tournament's payout rule as data: payout = stake × clip(pf × Σ weight·score, ±clipBps/10,000), pf = min(1, threshold / total at risk). */
export interface Tournament {
  id: TournamentId;
  name: string;
  /** The scores paid on, in order, with their multipliers; `metric` names the engine's per-era (or per-date) metric. */
  payout: readonly { metric: string; label: string; weight: number }[];
  /** Largest gain or loss per round in basis points of the stake at risk (500 = ±5 %); also the on-chain clip. */
  clipBps: number;
  /** Stake threshold of the payout factor, NMR. */
  threshold: number;
  /** First rounds the rule applies to (YYYY-MM-DD). */
  since: string;
  /** Where the numbers come from. */
  source: string;
}

/**
 * Numerai's two staking tournaments: the Tournament (CORR, MMC) and Signals (alpha, MPC), one registry shared by the
 * engine's payout simulation, the notebook and the staking contract's per-tournament clip.
 */
export const tournaments: Readonly<Record<TournamentId, Tournament>> = {
  numerai: {
    id: 'numerai',
    name: 'Numerai Tournament',
    payout: [
      { metric: 'corr', label: 'CORR', weight: 0.5 },
      { metric: 'mmc', label: 'MMC', weight: 2 }
    ],
    clipBps: 500,
    threshold: 72_000,
    since: '2024-01-02',
    source: 'numerai/docs numerai-tournament/staking.md'
  },
  signals: {
    id: 'signals',
    name: 'Numerai Signals',
    payout: [
      { metric: 'alpha', label: 'Alpha', weight: 0.3 },
      { metric: 'mpc', label: 'MPC', weight: 0.8 }
    ],
    clipBps: 170,
    threshold: 36_000,
    since: '2025-09-02',
    source: 'numerai/docs numerai-signals/staking.md; threshold: numerai-tournament/staking.md'
  }
};
