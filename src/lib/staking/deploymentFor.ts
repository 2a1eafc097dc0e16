/// <reference types="vite/client" />
import { isAddress } from 'viem';
import type { StakingDeployment } from './deploy';
import { LOCAL_CHAIN_ID } from './localChain';

/**
 * `deployments/<chainId>.json`, as `npm run deploy` / `npm run chain` wrote them, read at build time. A missing
 * file means "not deployed on this network". (deployments/31337.json is gitignored: it exists where a developer
 * ran `npm run chain` before building or while `vite dev` runs.)
 */
const files = import.meta.glob<StakingDeployment>('/deployments/*.json', { eager: true, import: 'default' });

/**
 * localStorage key of a local-chain override `{ rpcUrl, deployment }`, honoured for chain 31337 only and only for a
 * loopback RPC URL. The end-to-end tests use it to point the page at their own anvil; a developer can use it for
 * an anvil on another port.
 */
export const LOCAL_OVERRIDE_KEY = 'numerai-playground:local-chain';

/** The deployment read at build time for `chainId`, if any. */
export function builtDeployment(chainId: number): StakingDeployment | undefined {
  const found = Object.entries(files).find(([path]) => path.endsWith(`/${chainId}.json`));
  return found && isDeployment(found[1], chainId) ? found[1] : undefined;
}

/** The local-chain override from localStorage, if it is well formed, for 31337, on a loopback URL. */
export function localOverride(storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): { rpcUrl: string; deployment: StakingDeployment } | undefined {
  const text = storage?.getItem(LOCAL_OVERRIDE_KEY);
  if (!text) return undefined;
  try {
    const { rpcUrl, deployment } = JSON.parse(text) as { rpcUrl?: unknown; deployment?: unknown };
    if (typeof rpcUrl !== 'string' || !/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\/?$/.test(rpcUrl)) return undefined;
    return isDeployment(deployment, LOCAL_CHAIN_ID) ? { rpcUrl, deployment } : undefined;
  } catch {
    return undefined;
  }
}

function isDeployment(value: unknown, chainId: number): value is StakingDeployment {
  const d = value as Partial<StakingDeployment> | undefined;
  return (
    !!d &&
    d.chainId === chainId &&
    typeof d.deployBlock === 'number' &&
    isAddress(d.contracts?.testNmr ?? '') &&
    isAddress(d.contracts?.nmrStaking ?? '')
  );
}
