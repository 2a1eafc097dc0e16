import type { Hex } from 'viem';
import { generatePrivateKey } from 'viem/accounts';

/**
 * localStorage key of the practice chain's account key. It is a THROWAWAY key, generated in this browser for the
 * in-browser practice chain only: that chain holds nothing of value and is rebuilt on every page load. It is never
 * sent anywhere and must never be used on a real network.
 */
export const PRACTICE_KEY_STORAGE = 'numerai-playground:practice-chain-throwaway-key';

/** The practice account's throwaway key: generated once per browser and kept in localStorage (see above). */
export function practiceKey(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined = globalThis.localStorage): Hex {
  const stored = storage?.getItem(PRACTICE_KEY_STORAGE);
  if (stored && /^0x[0-9a-f]{64}$/i.test(stored)) return stored as Hex;
  const key = generatePrivateKey();
  storage?.setItem(PRACTICE_KEY_STORAGE, key);
  return key;
}
