import { numberToHex } from 'viem';
import { PRACTICE_CHAIN_ID } from './practiceChain';
import type { PracticeProvider } from './practiceProvider';

type Listener = (...args: unknown[]) => void;

/** An EIP-1193 provider that loads tevm and starts the practice chain on first real use. */
export interface LazyPracticeProvider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, listener: Listener): void;
  removeListener(event: string, listener: Listener): void;
  /** Starts the chain if needed (dynamic `import()` of tevm, deploy) and resolves with it. */
  start(): Promise<PracticeProvider>;
  /** The running chain, once started. */
  readonly current: PracticeProvider | undefined;
}

/**
 * The practice wallet's provider as wagmi sees it from page load on. Until the user picks the practice wallet it
 * answers only `eth_chainId` and an empty `eth_accounts` (so wagmi's reconnect does not start a chain) and keeps
 * event listeners; the first other request imports ./practiceProvider (tevm) and starts the chain.
 */
export function lazyPracticeProvider(): LazyPracticeProvider {
  let starting: Promise<PracticeProvider> | undefined;
  let current: PracticeProvider | undefined;
  const listeners: [string, Listener][] = [];

  const start = () =>
    (starting ??= import('./practiceProvider')
      .then((m) => m.createPracticeProvider())
      .then((provider) => {
        for (const [event, listener] of listeners) provider.on(event, listener);
        current = provider;
        return provider;
      })
      .catch((error: unknown) => {
        starting = undefined; // allow a retry
        throw error;
      }));

  return {
    async request(args) {
      if (!current && args.method === 'eth_chainId') return numberToHex(PRACTICE_CHAIN_ID);
      if (!current && args.method === 'eth_accounts') return [];
      return (await start()).request(args);
    },
    on(event, listener) {
      listeners.push([event, listener]);
      current?.on(event, listener);
    },
    removeListener(event, listener) {
      const i = listeners.findIndex(([e, l]) => e === event && l === listener);
      if (i >= 0) listeners.splice(i, 1);
      current?.removeListener(event, listener);
    },
    start,
    get current() {
      return current;
    }
  };
}
