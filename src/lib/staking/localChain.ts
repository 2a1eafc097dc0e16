import { defineChain } from 'viem';

/** Chain id of a local anvil (`npm run chain`). */
export const LOCAL_CHAIN_ID = 31337;
/** Where `npm run chain` serves anvil. */
export const DEFAULT_LOCAL_RPC_URL = 'http://127.0.0.1:8545';

/** A local anvil; `rpcUrl` may be overridden for tests (see {@link deploymentFor}). */
export function localChain(rpcUrl = DEFAULT_LOCAL_RPC_URL) {
  return defineChain({
    id: LOCAL_CHAIN_ID,
    name: 'Local anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
    testnet: true
  });
}
