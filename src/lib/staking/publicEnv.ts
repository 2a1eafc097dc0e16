/// <reference types="vite/client" />
/**
 * Public build-time configuration of the Stake page, from `PUBLIC_*` environment variables that Vite inlines
 * (vite.config.ts lists `PUBLIC_` in `envPrefix`). Never put a secret in a PUBLIC_ variable: it ships to browsers.
 * - PUBLIC_SEPOLIA_RPC_URL: a Sepolia JSON-RPC endpoint; without it, Sepolia is read through the connected wallet.
 * - PUBLIC_LOCAL_RPC_URL: the local anvil (default http://127.0.0.1:8545).
 * - PUBLIC_WC_PROJECT_ID: a WalletConnect (Reown) project id; shows the WalletConnect entry.
 */
export const publicEnv = {
  sepoliaRpcUrl: (import.meta.env.PUBLIC_SEPOLIA_RPC_URL as string | undefined) || undefined,
  localRpcUrl: (import.meta.env.PUBLIC_LOCAL_RPC_URL as string | undefined) || undefined,
  walletConnectProjectId: (import.meta.env.PUBLIC_WC_PROJECT_ID as string | undefined) || undefined
};
