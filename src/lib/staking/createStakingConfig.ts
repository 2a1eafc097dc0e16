import { createConfig, custom, getConnection, http, injected, type Config, type Transport } from '@wagmi/core';
import type { Chain } from 'viem';
import type { LazyPracticeProvider } from './lazyPracticeProvider';
import type { StakingNetwork } from './networks';

/** Connector id of the practice wallet. */
export const PRACTICE_CONNECTOR_ID = 'practice';

/**
 * The wagmi config of the Stake page: every EIP-6963 wallet the browser announces (`multiInjectedProviderDiscovery`),
 * the legacy `window.ethereum` (`injected()`), and the practice wallet — an `injected` connector whose target is the
 * lazy tevm provider, so the practice chain goes through exactly the same wagmi code path as a browser wallet.
 * Reads use each network's RPC URL, the practice chain's own provider, or, for a testnet without a configured RPC
 * URL, the connected wallet.
 */
export function createStakingConfig(networks: StakingNetwork[], practice: LazyPracticeProvider): Config {
  let config: Config | undefined;

  /** Reads through the connected wallet, when no RPC URL is configured for `chain`. */
  const viaWallet = (chain: Chain): Transport =>
    custom({
      async request({ method, params }) {
        const connection = config ? getConnection(config) : undefined;
        if (!connection?.connector || connection.chainId !== chain.id) {
          throw new Error(`No RPC URL is configured for ${chain.name}; connect a wallet on ${chain.name} to read it.`);
        }
        const provider = (await connection.connector.getProvider()) as { request(a: unknown): Promise<unknown> };
        return provider.request({ method, params });
      }
    });

  const chains = networks.map((n) => n.chain) as [Chain, ...Chain[]];
  const transports = Object.fromEntries(
    networks.map((n) => [
      n.chain.id,
      n.kind === 'practice' ? custom(practice) : n.rpcUrl ? http(n.rpcUrl, { batch: false }) : viaWallet(n.chain)
    ])
  ) as Record<number, Transport>;

  config = createConfig({
    chains,
    multiInjectedProviderDiscovery: true,
    connectors: [
      injected(),
      injected({ target: () => ({ id: PRACTICE_CONNECTOR_ID, name: 'Practice wallet', provider: practice as never }) })
    ],
    transports,
    pollingInterval: 1_000
  });
  return config;
}
