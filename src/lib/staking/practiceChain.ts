import { defineChain } from 'viem';

/** Chain id of tevm's in-memory devnet, which the practice wallet runs in this browser tab. */
export const PRACTICE_CHAIN_ID = 900;

/** The in-browser practice chain: no RPC URL, no explorer; it lives and dies with the page. */
export const practiceChain = defineChain({
  id: PRACTICE_CHAIN_ID,
  name: 'Practice chain (in this browser)',
  nativeCurrency: { name: 'Practice Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: [] } },
  testnet: true
});
