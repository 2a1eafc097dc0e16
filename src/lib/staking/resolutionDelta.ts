import { BPS_DENOMINATOR } from './payoutBps';

/** A position as `NMRStaking.positionOf` returns it (wei and unix seconds). */
export interface StakePosition {
  active: bigint;
  pending: bigint;
  releaseAt: bigint;
}

/** What one `resolveRound` entry does to a position. */
export interface Resolution {
  /** The base the basis points apply to: the active stake when the round opened (`stakeAtRound`). */
  atRisk: bigint;
  /** Minted (> 0) or burned (< 0), as in the `StakeResolved` event. */
  delta: bigint;
  /** The position afterwards. */
  after: StakePosition;
}

/**
 * NMRStaking's resolution arithmetic in bigint, line for line (`_resolveOne`): `base` is the position's active stake
 * when the round opened. A payout is `base × bps / 10 000` rounded toward zero and added to `active`; a burn is
 * `base × |bps| / 10 000` rounded toward zero, capped at what is still at risk (`active` plus pending stake whose
 * release has not matured at `now`), taken from `active` first and the rest from that pending stake.
 */
export function resolutionDelta(position: StakePosition, base: bigint, bps: bigint, now: bigint): Resolution {
  const { active, pending, releaseAt } = position;
  if (bps >= 0n) {
    const minted = (base * bps) / BPS_DENOMINATOR;
    return { atRisk: base, delta: minted, after: { active: active + minted, pending, releaseAt } };
  }
  const lockedPending = now < releaseAt ? pending : 0n;
  let burned = (base * -bps) / BPS_DENOMINATOR;
  if (burned > active + lockedPending) burned = active + lockedPending;
  const fromActive = burned < active ? burned : active;
  return { atRisk: base, delta: -burned, after: { active: active - fromActive, pending: pending - (burned - fromActive), releaseAt } };
}
