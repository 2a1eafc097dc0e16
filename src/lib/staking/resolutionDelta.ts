import { BPS_DENOMINATOR } from './payoutBps';

/** A position as `NMRStaking.positionOf` returns it (wei and unix seconds). */
export interface StakePosition {
  active: bigint;
  pending: bigint;
  releaseAt: bigint;
}

/** What one `resolveRound` entry does to a position. */
export interface Resolution {
  /** The base the basis points apply to: `active` for a payout, `active` + still-locked `pending` for a burn. */
  atRisk: bigint;
  /** Minted (> 0) or burned (< 0), as in the `StakeResolved` event. */
  delta: bigint;
  /** The position afterwards. */
  after: StakePosition;
}

/**
 * NMRStaking's resolution arithmetic in bigint, line for line (`_resolveOne`): a payout is
 * `active × bps / 10 000` rounded toward zero and added to `active`; a burn is `atRisk × |bps| / 10 000`
 * rounded toward zero, taken from pending pro rata (`floor(burn × pending / atRisk)`) and from active for the rest.
 * Pending counts as at risk only while `now < releaseAt`.
 */
export function resolutionDelta(position: StakePosition, bps: bigint, now: bigint): Resolution {
  const { active, pending, releaseAt } = position;
  if (bps >= 0n) {
    const minted = (active * bps) / BPS_DENOMINATOR;
    return { atRisk: active, delta: minted, after: { active: active + minted, pending, releaseAt } };
  }
  const burnablePending = now < releaseAt ? pending : 0n;
  const atRisk = active + burnablePending;
  const burned = (atRisk * -bps) / BPS_DENOMINATOR;
  const fromPending = burnablePending === 0n ? 0n : (burned * burnablePending) / atRisk;
  return {
    atRisk,
    delta: -burned,
    after: { active: active - (burned - fromPending), pending: pending - fromPending, releaseAt }
  };
}
