import type { Hash, PublicClient, TransactionReceipt } from 'viem';
import type { ActionTracker } from './ActionTracker.svelte';
import { TransactionRevertedError } from './errors';
import { clearPendingTx } from './pendingTx';

/** Thrown when the wallet replaced or cancelled the transaction: the tracker already says so. */
export class TransactionReplacedError extends Error {
  override name = 'TransactionReplacedError';
}

/**
 * Waits for `hash`'s receipt (polling every 500 ms). A replacement by another transaction (a speed-up that changed
 * the call, or a cancel) moves `tracker` to `replaced` and throws {@link TransactionReplacedError}; a mere repricing
 * counts as the same transaction. A reverted receipt throws {@link TransactionRevertedError}.
 */
export async function waitForTransaction(client: PublicClient, hash: Hash, tracker: ActionTracker): Promise<TransactionReceipt> {
  let replaced: { reason: 'replaced' | 'repriced' | 'cancelled'; hash: Hash } | undefined;
  const receipt = await client.waitForTransactionReceipt({
    hash,
    pollingInterval: 500,
    onReplaced: (r) => (replaced = { reason: r.reason, hash: r.transaction.hash })
  });
  clearPendingTx();
  if (replaced && replaced.reason !== 'repriced') {
    tracker.dispatch({ type: 'replaced', replacement: replaced.hash, reason: replaced.reason });
    throw new TransactionReplacedError(`Replaced by ${replaced.hash}`);
  }
  if (receipt.status !== 'success') {
    throw new TransactionRevertedError(`The transaction was mined in block ${receipt.blockNumber} but reverted.`);
  }
  return receipt;
}
