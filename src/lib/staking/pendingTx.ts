import type { Address, Hash } from 'viem';
import type { ActionPlace } from './ActionTracker.svelte';

/** A sent transaction the page is waiting for, kept so that a reload resumes the wait where it was started. */
export interface PendingTx {
  hash: Hash;
  chainId: number;
  account: Address;
  label: string;
  /** Where on the page it was started (default: the stake form), and for which row. */
  place?: ActionPlace;
  subject?: string;
}

const PLACES: readonly ActionPlace[] = ['faucet', 'stake', 'position', 'openRound', 'resolve'];

const KEY = 'numerai-playground:pending-tx';
type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function savePendingTx(tx: PendingTx, storage: Store | undefined = globalThis.localStorage): void {
  storage?.setItem(KEY, JSON.stringify(tx));
}

/** The saved pending transaction, if it is well formed. */
export function loadPendingTx(storage: Store | undefined = globalThis.localStorage): PendingTx | undefined {
  try {
    const tx = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<PendingTx> | null;
    if (tx && /^0x[0-9a-f]{64}$/i.test(tx.hash ?? '') && typeof tx.chainId === 'number' && typeof tx.account === 'string' && typeof tx.label === 'string') {
      const place = PLACES.includes(tx.place as ActionPlace) ? tx.place : undefined;
      const subject = typeof tx.subject === 'string' ? tx.subject : undefined;
      return { hash: tx.hash as Hash, chainId: tx.chainId, account: tx.account, label: tx.label, ...(place ? { place } : {}), ...(subject ? { subject } : {}) };
    }
  } catch {
    // fall through: a malformed entry is dropped
  }
  return undefined;
}

export function clearPendingTx(storage: Store | undefined = globalThis.localStorage): void {
  storage?.removeItem(KEY);
}
