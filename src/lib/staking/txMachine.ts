import type { Hash } from 'viem';
import type { ExplainedError } from './explainError';

/**
 * The life of one user action ("Stake 10 tNMR on model_a"), which may take several steps (approve, then stake;
 * or sign a permit, then stake):
 *
 *   idle → checking (simulate, pre-checks) → signing (wallet open) → pending (hash) → confirmed
 *                                                                              ↘ failed | cancelled | replaced
 *
 * `checking` and `signing` can also end in failed or cancelled. `next` moves a finished intermediate step
 * (a mined approval, a permit signature) on to the next step's `checking`.
 */
export type TxState =
  | { status: 'idle' }
  | ({ status: 'checking' } & Progress)
  | ({ status: 'signing'; what: 'transaction' | 'signature' } & Progress)
  | ({ status: 'pending'; hash: Hash; chainId: number } & Progress)
  | { status: 'confirmed'; label: string; hash: Hash; chainId: number; blockNumber: bigint }
  | { status: 'failed'; label: string; error: ExplainedError; hash?: Hash; chainId?: number }
  | { status: 'cancelled'; label: string }
  | { status: 'replaced'; label: string; hash: Hash; chainId: number; replacement: Hash; reason: 'replaced' | 'repriced' | 'cancelled' };

/** Where a multi-step action is: `steps[index]` is the current step's name ("Approve 10 tNMR"). */
export interface Progress {
  label: string;
  steps: readonly string[];
  index: number;
}

export type TxEvent =
  | { type: 'start'; label: string; steps?: readonly string[] }
  | { type: 'sign'; what?: 'transaction' | 'signature' }
  | { type: 'sent'; hash: Hash; chainId: number }
  | { type: 'next' }
  | { type: 'mined'; blockNumber: bigint }
  | { type: 'error'; error: ExplainedError }
  | { type: 'replaced'; replacement: Hash; reason: 'replaced' | 'repriced' | 'cancelled' }
  | { type: 'resume'; label: string; hash: Hash; chainId: number }
  | { type: 'reset' };

export const idleTx: TxState = { status: 'idle' };

/** Whether an action is under way; the UI disables every submit button meanwhile (no double submits). */
export function isBusy(state: TxState): state is Extract<TxState, Progress> {
  return state.status === 'checking' || state.status === 'signing' || state.status === 'pending';
}

/** "Step 1 of 2: Approve 10 tNMR", or just the step name for a one-step action. */
export function stepText(state: Extract<TxState, Progress>): string {
  const name = state.steps[state.index] ?? state.label;
  return state.steps.length > 1 ? `Step ${state.index + 1} of ${state.steps.length}: ${name}` : name;
}

/**
 * The transaction state machine as a pure reducer. Events that make no sense in the current state are ignored
 * (the same state comes back), so a second `start` while busy cannot begin a second transaction.
 */
export function txReducer(state: TxState, event: TxEvent): TxState {
  switch (event.type) {
    case 'start': {
      if (isBusy(state)) return state;
      const steps = event.steps?.length ? event.steps : [event.label];
      return { status: 'checking', label: event.label, steps, index: 0 };
    }
    case 'sign':
      if (state.status !== 'checking') return state;
      return { ...progress(state), status: 'signing', what: event.what ?? 'transaction' };
    case 'sent':
      if (state.status !== 'signing') return state;
      return { ...progress(state), status: 'pending', hash: event.hash, chainId: event.chainId };
    case 'next': {
      const done = (state.status === 'pending') || (state.status === 'signing' && state.what === 'signature');
      if (!done || state.index + 1 >= state.steps.length) return state;
      return { ...progress(state), status: 'checking', index: state.index + 1 };
    }
    case 'mined':
      if (state.status !== 'pending') return state;
      return { status: 'confirmed', label: state.label, hash: state.hash, chainId: state.chainId, blockNumber: event.blockNumber };
    case 'error':
      if (!isBusy(state)) return state;
      // A refusal before anything was sent is a cancel; once a hash exists, the outcome is that transaction's.
      if (event.error.kind === 'cancelled' && state.status !== 'pending') return { status: 'cancelled', label: state.label };
      return state.status === 'pending'
        ? { status: 'failed', label: state.label, error: event.error, hash: state.hash, chainId: state.chainId }
        : { status: 'failed', label: state.label, error: event.error };
    case 'replaced':
      if (state.status !== 'pending') return state;
      return { status: 'replaced', label: state.label, hash: state.hash, chainId: state.chainId, replacement: event.replacement, reason: event.reason };
    case 'resume':
      if (isBusy(state)) return state;
      return { status: 'pending', label: event.label, steps: [event.label], index: 0, hash: event.hash, chainId: event.chainId };
    case 'reset':
      return isBusy(state) ? state : idleTx;
  }
}

function progress(state: Extract<TxState, Progress>): Progress {
  return { label: state.label, steps: state.steps, index: state.index };
}
