/**
 * An injected test wallet for Playwright: an EIP-1193 provider, announced through EIP-6963 and set as
 * `window.ethereum`, that signs with a dev key through a viem local account and forwards everything else to the
 * JSON-RPC node of its current chain (anvil). Bundled as an IIFE by ./bundleShim.ts and injected with
 * `addInitScript` after a `window.__E2E_WALLET__ = {…}` line. Dev keys on chain 31337 only.
 *
 * Test switches, changeable at run time through `window.__E2E_WALLET__.reject`: `connect`, `sign` (typed data and
 * messages), `transaction` make the wallet answer 4001 like a user pressing "Reject". Every request is logged in
 * `window.__E2E_WALLET_LOG__` so tests can assert that nothing was sent.
 */
import { createWalletClient, custom, numberToHex, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export interface E2EWalletConfig {
  /** JSON-RPC URL per chain id the wallet knows; it can switch between these. */
  chains: Record<number, string>;
  /** The chain the wallet starts on (may be one without a URL, to test a wrong network). */
  chainId: number;
  privateKey: Hex;
  reject?: { connect?: boolean; sign?: boolean; transaction?: boolean };
  name?: string;
}

declare global {
  interface Window {
    __E2E_WALLET__: E2EWalletConfig;
    __E2E_WALLET_LOG__: string[];
    ethereum?: unknown;
  }
}

type Listener = (...args: unknown[]) => void;
const config = window.__E2E_WALLET__;
const account = privateKeyToAccount(config.privateKey);
const listeners = new Map<string, Set<Listener>>();
const log: string[] = (window.__E2E_WALLET_LOG__ = []);
let chainId = config.chainId;
// Like a real wallet, the site stays authorised across reloads (per tab).
const CONNECTED = '__e2e_wallet_connected';
let connected = sessionStorage.getItem(CONNECTED) === '1';
const setConnected = (value: boolean) => {
  connected = value;
  if (value) sessionStorage.setItem(CONNECTED, '1');
  else sessionStorage.removeItem(CONNECTED);
};

const rejected = (what: string) => Object.assign(new Error(`User rejected the ${what}.`), { code: 4001 });
const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));

let nextId = 1;
async function forward(method: string, params: unknown): Promise<unknown> {
  const url = config.chains[chainId];
  if (!url) throw Object.assign(new Error(`The test wallet has no RPC for chain ${chainId}.`), { code: -32603 });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: params ?? [] })
  });
  const body = (await response.json()) as { result?: unknown; error?: { code: number; message: string; data?: unknown } };
  if (body.error) throw Object.assign(new Error(body.error.message), body.error);
  return body.result;
}

const node = { request: ({ method, params }: { method: string; params?: unknown }) => forward(method, params) };
const permissions = () => [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [account.address] }] }];

async function request({ method, params }: { method: string; params?: unknown }): Promise<unknown> {
  log.push(method);
  const list = (params ?? []) as unknown[];
  const reject = config.reject ?? {};
  switch (method) {
    case 'eth_chainId':
      return numberToHex(chainId);
    case 'eth_accounts':
      return connected ? [account.address] : [];
    case 'eth_requestAccounts':
    case 'wallet_requestPermissions':
      if (reject.connect) throw rejected('connection request');
      setConnected(true);
      emit('connect', { chainId: numberToHex(chainId) });
      return method === 'eth_requestAccounts' ? [account.address] : permissions();
    case 'wallet_getPermissions':
      return connected ? permissions() : [];
    case 'wallet_revokePermissions':
      setConnected(false);
      return null;
    case 'wallet_switchEthereumChain': {
      const wanted = Number((list[0] as { chainId: Hex }).chainId);
      if (!config.chains[wanted]) throw Object.assign(new Error(`Unrecognized chain ${wanted}.`), { code: 4902 });
      chainId = wanted;
      emit('chainChanged', numberToHex(chainId));
      return null;
    }
    case 'wallet_addEthereumChain':
      throw rejected('new network');
    case 'personal_sign':
      if (reject.sign) throw rejected('signature');
      return account.signMessage({ message: { raw: list[0] as Hex } });
    case 'eth_signTypedData_v4':
      if (reject.sign) throw rejected('signature');
      return account.signTypedData(JSON.parse(list[1] as string));
    case 'eth_sendTransaction': {
      if (reject.transaction) throw rejected('transaction');
      const tx = list[0] as { to?: Hex; data?: Hex; value?: Hex; gas?: Hex };
      const wallet = createWalletClient({ account, transport: custom(node) });
      return wallet.sendTransaction({
        chain: null,
        to: tx.to,
        data: tx.data,
        ...(tx.value ? { value: BigInt(tx.value) } : {}),
        ...(tx.gas ? { gas: BigInt(tx.gas) } : {})
      });
    }
    default:
      return forward(method, params);
  }
}

const provider = {
  request,
  on: (event: string, listener: Listener) => void (listeners.get(event) ?? listeners.set(event, new Set()).get(event)!).add(listener),
  removeListener: (event: string, listener: Listener) => void listeners.get(event)?.delete(listener),
  isE2EWallet: true
};

const info = {
  uuid: '5b1f6c0e-0e2e-4e2e-9e2e-e2e0e2e0e2e0',
  name: config.name ?? 'E2E Test Wallet',
  icon: 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"%3E%3Crect width="8" height="8" fill="%23486"/%3E%3C/svg%3E',
  rdns: 'test.e2e.wallet'
};
const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
window.ethereum = provider;
window.addEventListener('eip6963:requestProvider', announce);
announce();
