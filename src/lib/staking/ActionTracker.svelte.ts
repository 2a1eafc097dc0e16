/// <reference types="svelte" />
import { idleTx, isBusy, txReducer, type TxEvent, type TxState } from './txMachine';

/** Where on the page an action is started, and so where its outcome is shown. */
export type ActionPlace = 'faucet' | 'stake' | 'position' | 'openRound' | 'resolve';

/**
 * The transaction state of the actions started from one place on the page (the faucet button, the stake form, a
 * position row, the resolver's two buttons), driven by the pure {@link txReducer}. `subject` says which row or
 * model a per-row action was for, so the outcome shows in that row.
 */
export class ActionTracker {
  state = $state.raw<TxState>(idleTx);
  subject = $state<string>();
  busy = $derived(isBusy(this.state));

  constructor(readonly place: ActionPlace) {}

  dispatch(event: TxEvent): void {
    this.state = txReducer(this.state, event);
  }

  /** Clears a finished outcome (a no-op while busy). */
  reset(): void {
    this.dispatch({ type: 'reset' });
    if (!this.busy) this.subject = undefined;
  }
}
