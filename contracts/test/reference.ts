/**
 * A plain TypeScript model of NMRStaking's accounting, used by the property tests as an oracle. It follows the
 * rules in the contract's NatSpec, written independently of the Solidity.
 */
export interface ModelPosition {
  active: bigint;
  pending: bigint;
  releaseAt: bigint;
}

const BPS = 10_000n;

export class StakingModel {
  readonly positions = new Map<string, ModelPosition>();

  constructor(readonly releaseDelay: bigint) {}

  static key(modelId: string, staker: string): string {
    return `${modelId}:${staker.toLowerCase()}`;
  }

  get(modelId: string, staker: string): ModelPosition {
    return this.positions.get(StakingModel.key(modelId, staker)) ?? { active: 0n, pending: 0n, releaseAt: 0n };
  }

  private set(modelId: string, staker: string, p: ModelPosition) {
    this.positions.set(StakingModel.key(modelId, staker), p);
  }

  /** Σ active + pending over all positions. */
  total(): bigint {
    let sum = 0n;
    for (const p of this.positions.values()) sum += p.active + p.pending;
    return sum;
  }

  stake(modelId: string, staker: string, amount: bigint) {
    const p = this.get(modelId, staker);
    this.set(modelId, staker, { ...p, active: p.active + amount });
  }

  /** Moves `amount` to pending; returns the matured pending paid out first (0 if none). */
  requestRelease(modelId: string, staker: string, amount: bigint, now: bigint): bigint {
    const p = this.get(modelId, staker);
    if (amount === 0n || amount > p.active) throw new Error('model: invalid release');
    const matured = now >= p.releaseAt ? p.pending : 0n;
    this.set(modelId, staker, {
      active: p.active - amount,
      pending: p.pending - matured + amount,
      releaseAt: now + this.releaseDelay
    });
    return matured;
  }

  /** Whether a withdrawal at `now` succeeds, and for how much. */
  withdrawable(modelId: string, staker: string, now: bigint): bigint {
    const p = this.get(modelId, staker);
    return p.pending > 0n && now >= p.releaseAt ? p.pending : 0n;
  }

  withdraw(modelId: string, staker: string): bigint {
    const p = this.get(modelId, staker);
    this.set(modelId, staker, { active: p.active, pending: 0n, releaseAt: 0n });
    return p.pending;
  }

  /** Applies `bps` to one position at time `now`; returns the at-risk base and the signed change. */
  resolve(modelId: string, staker: string, bps: bigint, now: bigint): { atRisk: bigint; delta: bigint } {
    const p = this.get(modelId, staker);
    if (bps >= 0n) {
      const gain = (p.active * bps) / BPS;
      this.set(modelId, staker, { ...p, active: p.active + gain });
      return { atRisk: p.active, delta: gain };
    }
    const burnablePending = now < p.releaseAt ? p.pending : 0n;
    const atRisk = p.active + burnablePending;
    const burn = (atRisk * -bps) / BPS;
    const fromPending = burnablePending === 0n ? 0n : (burn * burnablePending) / atRisk;
    this.set(modelId, staker, { ...p, active: p.active - (burn - fromPending), pending: p.pending - fromPending });
    return { atRisk, delta: -burn };
  }
}
