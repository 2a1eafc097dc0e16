import type { TransactionReceipt } from 'viem';
import type { ActionPlace, ActionTracker } from '../ActionTracker.svelte';
import type { StakingDeployment } from '../deploy';
import type { StakingState } from '../readStakingState';
import type { SimulatedWrite, WriteTarget } from '../sendWrite';

/** What an action runs with: the connected account and chain, its tracker, and the pipeline's steps. */
export interface ActionContext extends WriteTarget {
  deployment: StakingDeployment;
  /** The page's latest read, for what the action may reuse (an allowance); the action re-reads what matters. */
  state: StakingState | undefined;
  tracker: ActionTracker;
  /** One write: simulate (with the caller's ABI) → wallet → pending → receipt (see `sendWrite`). */
  write(simulate: () => Promise<{ request: SimulatedWrite }>): Promise<TransactionReceipt>;
  /** A signature in the wallet (a permit): the tracker shows the signing step, then moves to the next one. */
  sign<T>(signer: () => Promise<T>): Promise<T>;
  /** Moves a multi-step action on to its next step (after an approval was mined). */
  next(): void;
  /** Chain time now, unix seconds. */
  now(): number;
}

/**
 * One thing the user can do on the Stake page, started from one `place` (where its outcome is shown). `run` ends
 * with the transaction that completes it; the session marks it confirmed, or turns what it throws into a sentence.
 */
export interface StakingAction<P, R = void> {
  place: ActionPlace;
  /** What the outcome says, e.g. "Stake 10 tNMR on model_a". */
  label(params: P): string;
  /** The steps of a multi-step action (approve, then stake), from what the page knows now. */
  steps?(params: P, state: StakingState | undefined): string[];
  /** The row a per-row action belongs to ({@link positionKey}), so its outcome shows in that row. */
  subject?(params: P): string;
  run(ctx: ActionContext, params: P): Promise<R>;
}
