import type { Address, Hash } from 'viem';

/** A sent transaction the page is waiting for, kept so that a reload resumes the wait. */
export interface PendingTx {
  hash: Hash;
  chainId: number;
  account: Address;
  label: string;
}

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
      return tx as PendingTx;
    }
  } catch {
    // fall through: a malformed entry is dropped
  }
  return undefined;
}

export function clearPendingTx(storage: Store | undefined = globalThis.localStorage): void {
  storage?.removeItem(KEY);
}
