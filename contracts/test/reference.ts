/**
 * A plain TypeScript model of NMRStaking's rules, used by the property and resolver tests as an oracle. It follows
 * the contract's NatSpec, written independently of the Solidity: positions per (tournament, model, staker), rounds
 * opened at most once per period per tournament, resolvable from `resolutionDelay` after opening until the
 * deadline, and payouts/burns on the active stake when the round opened, taken from an unbounded history (the
 * contract keeps only the newest 16 checkpoints: the model checks that this is enough).
 */
import type { StakingTiming } from '../../src/lib/staking/deploy';

export interface ModelPosition {
  active: bigint;
  pending: bigint;
  releaseAt: bigint;
  lastResolvedRound: bigint;
}

/** A custom error the model predicts, as `revertOf` reports it. */
export interface ModelError {
  errorName: string;
  args: readonly unknown[];
}

export interface ModelRound {
  tournament: number;
  openedAt: bigint;
  batches: Set<bigint>;
}

const BPS = 10_000n;
/** Each tournament's clip in basis points: the Numerai Tournament 500, Signals 170. */
export const CLIP_BPS: readonly bigint[] = [500n, 170n];

interface Entry {
  position: ModelPosition;
  /** Every change of `active`: [key = latest round of the tournament then, active afterwards]. */
  history: [bigint, bigint][];
}

export class StakingModel {
  readonly entries = new Map<string, Entry>();
  readonly rounds = new Map<bigint, ModelRound>();
  latestRoundId = 0n;
  readonly latestOf = [0n, 0n];

  constructor(readonly timing: StakingTiming) {}

  private entry(tournament: number, modelId: string, staker: string): Entry {
    const key = `${tournament}:${modelId}:${staker.toLowerCase()}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { position: { active: 0n, pending: 0n, releaseAt: 0n, lastResolvedRound: 0n }, history: [] };
      this.entries.set(key, entry);
    }
    return entry;
  }

  get(tournament: number, modelId: string, staker: string): ModelPosition {
    return { ...this.entry(tournament, modelId, staker).position };
  }

  private setActive(tournament: number, entry: Entry, active: bigint) {
    entry.position.active = active;
    const key = this.latestOf[tournament];
    const last = entry.history.at(-1);
    if (last && last[0] === key) last[1] = active;
    else entry.history.push([key, active]);
  }

  /** Σ active + pending over all positions. */
  total(): bigint {
    let sum = 0n;
    for (const { position } of this.entries.values()) sum += position.active + position.pending;
    return sum;
  }

  stake(tournament: number, modelId: string, staker: string, amount: bigint) {
    const entry = this.entry(tournament, modelId, staker);
    this.setActive(tournament, entry, entry.position.active + amount);
  }

  /** Moves `amount` to pending; returns the matured pending paid out first (0 if none). */
  requestRelease(tournament: number, modelId: string, staker: string, amount: bigint, now: bigint): bigint {
    const entry = this.entry(tournament, modelId, staker);
    const p = entry.position;
    if (amount === 0n || amount > p.active) throw new Error('model: invalid release');
    const matured = now >= p.releaseAt ? p.pending : 0n;
    p.pending = p.pending - matured + amount;
    p.releaseAt = now + this.timing.releaseDelay;
    this.setActive(tournament, entry, p.active - amount);
    return matured;
  }

  /** How much a withdrawal at `now` sends (0: it reverts). */
  withdrawable(tournament: number, modelId: string, staker: string, now: bigint): bigint {
    const p = this.entry(tournament, modelId, staker).position;
    return p.pending > 0n && now >= p.releaseAt ? p.pending : 0n;
  }

  withdraw(tournament: number, modelId: string, staker: string): bigint {
    const p = this.entry(tournament, modelId, staker).position;
    const amount = p.pending;
    p.pending = 0n;
    p.releaseAt = 0n;
    return amount;
  }

  /** When the next round of `tournament` may open (0: any time). */
  nextRoundAt(tournament: number): bigint {
    const previous = this.latestOf[tournament];
    return previous === 0n ? 0n : this.rounds.get(previous)!.openedAt + this.timing.roundPeriod;
  }

  /** Opens a round at `now`: its id, or the error the contract must give. */
  openRound(tournament: number, now: bigint): bigint | ModelError {
    const nextOpenAt = this.nextRoundAt(tournament);
    if (now < nextOpenAt) return { errorName: 'NMRStakingRoundTooSoon', args: [tournament, nextOpenAt] };
    const id = ++this.latestRoundId;
    this.latestOf[tournament] = id;
    this.rounds.set(id, { tournament, openedAt: now, batches: new Set() });
    return id;
  }

  /** The round's resolvable time and deadline. */
  window(roundId: bigint): { resolvableAt: bigint; deadline: bigint } {
    const round = this.rounds.get(roundId)!;
    const resolvableAt = round.openedAt + this.timing.resolutionDelay;
    return { resolvableAt, deadline: resolvableAt + this.timing.resolutionWindow };
  }

  /** The active stake of a position when round `roundId` (of `tournament`) opened: the last change keyed below it. */
  stakeAt(tournament: number, modelId: string, staker: string, roundId: bigint): bigint {
    const before = this.entry(tournament, modelId, staker).history.filter(([key]) => key < roundId);
    return before.at(-1)?.[1] ?? 0n;
  }

  /**
   * Resolves one batch at `now`: the error the contract must give, or each entry's {atRisk, delta}. On an error the
   * model is left unchanged.
   */
  resolve(
    roundId: bigint,
    batch: bigint,
    entries: readonly { staker: string; modelId: string; bps: bigint }[],
    now: bigint
  ): { atRisk: bigint; delta: bigint }[] | ModelError {
    const round = this.rounds.get(roundId);
    if (!round) return { errorName: 'NMRStakingRoundNotOpened', args: [roundId] };
    const { resolvableAt, deadline } = this.window(roundId);
    if (now < resolvableAt) return { errorName: 'NMRStakingRoundNotResolvable', args: [roundId, resolvableAt] };
    if (now > deadline) return { errorName: 'NMRStakingRoundExpired', args: [roundId, deadline] };
    if (round.batches.has(batch)) return { errorName: 'NMRStakingBatchAlreadyResolved', args: [roundId, batch] };
    const clip = CLIP_BPS[round.tournament];
    const seen = new Map<string, bigint>();
    for (const [i, { staker, modelId, bps }] of entries.entries()) {
      if (bps > clip || bps < -clip) return { errorName: 'NMRStakingPayoutOutOfRange', args: [BigInt(i), bps, clip] };
      const key = `${modelId}:${staker.toLowerCase()}`;
      const last = seen.get(key) ?? this.get(round.tournament, modelId, staker).lastResolvedRound;
      if (roundId <= last) return { errorName: 'NMRStakingStakeAlreadyResolved', args: [roundId, modelId, staker, last] };
      seen.set(key, roundId);
    }
    round.batches.add(batch);
    return entries.map(({ staker, modelId, bps }) => {
      const entry = this.entry(round.tournament, modelId, staker);
      const p = entry.position;
      const base = this.stakeAt(round.tournament, modelId, staker, roundId);
      p.lastResolvedRound = roundId;
      if (bps >= 0n) {
        const minted = (base * bps) / BPS;
        if (minted !== 0n) this.setActive(round.tournament, entry, p.active + minted);
        return { atRisk: base, delta: minted };
      }
      const lockedPending = now < p.releaseAt ? p.pending : 0n;
      let burned = (base * -bps) / BPS;
      if (burned > p.active + lockedPending) burned = p.active + lockedPending;
      const fromActive = burned < p.active ? burned : p.active;
      p.pending -= burned - fromActive;
      if (burned !== 0n) this.setActive(round.tournament, entry, p.active - fromActive);
      return { atRisk: base, delta: -burned };
    });
  }
}

/** Whether `value` is a {@link ModelError}. */
export function isModelError(value: unknown): value is ModelError {
  return typeof value === 'object' && value !== null && 'errorName' in value;
}
