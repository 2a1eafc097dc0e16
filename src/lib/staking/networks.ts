import type { Chain } from 'viem';
import { sepolia } from 'viem/chains';
import type { StakingDeployment } from './deploy';
import { builtDeployment, localOverride } from './deploymentFor';
import { DEFAULT_LOCAL_RPC_URL, localChain, LOCAL_CHAIN_ID } from './localChain';
import { practiceChain } from './practiceChain';

/** practice: in this tab (tevm); local: anvil from `npm run chain`; testnet: Sepolia. */
export type NetworkKind = 'practice' | 'local' | 'testnet';

/** A network the Stake page can use, with what the UI needs to know about it. */
export interface StakingNetwork {
  kind: NetworkKind;
  chain: Chain;
  /** Undefined: TestNMR/NMRStaking are not deployed there (no deployments/<id>.json). For practice, set at start. */
  deployment?: StakingDeployment;
  /** JSON-RPC URL for reads; undefined means "read through the connected wallet". */
  rpcUrl?: string;
  /** Block explorer base URL, e.g. https://sepolia.etherscan.io. */
  explorer?: string;
  /** Where to get test ETH for gas. */
  faucets: { name: string; url: string }[];
  /** Whether the round resolver panel is offered (the testnet's resolver is a real operator, not the page). */
  resolverPanel: boolean;
}

/** Configuration from the environment (`PUBLIC_*` variables); never contains secrets. */
export interface NetworkEnv {
  /** PUBLIC_SEPOLIA_RPC_URL: a Sepolia RPC endpoint; without it, Sepolia reads go through the wallet. */
  sepoliaRpcUrl?: string;
  /** PUBLIC_LOCAL_RPC_URL: the local anvil; default http://127.0.0.1:8545. */
  localRpcUrl?: string;
}

/** The practice chain, the local anvil and Sepolia, with their deployments. */
export function stakingNetworks(env: NetworkEnv = {}): StakingNetwork[] {
  const override = localOverride();
  const localRpcUrl = override?.rpcUrl ?? (env.localRpcUrl || DEFAULT_LOCAL_RPC_URL);
  return [
    { kind: 'practice', chain: practiceChain, faucets: [], resolverPanel: true },
    {
      kind: 'local',
      chain: localChain(localRpcUrl),
      deployment: override?.deployment ?? builtDeployment(LOCAL_CHAIN_ID),
      rpcUrl: localRpcUrl,
      faucets: [],
      resolverPanel: true
    },
    {
      kind: 'testnet',
      chain: sepolia,
      deployment: builtDeployment(sepolia.id),
      ...(env.sepoliaRpcUrl ? { rpcUrl: env.sepoliaRpcUrl } : {}),
      explorer: sepolia.blockExplorers.default.url,
      faucets: [
        { name: 'Alchemy Sepolia faucet', url: 'https://www.alchemy.com/faucets/ethereum-sepolia' },
        { name: 'Coinbase CDP faucet', url: 'https://portal.cdp.coinbase.com/products/faucet' }
      ],
      resolverPanel: false
    }
  ];
}
