/**
 * The practice wallet: an EIP-1193 provider over tevm's in-memory chain, with TestNMR and NMRStaking deployed and a
 * funded throwaway account. wagmi connects to it through `injected({ target })`, so the page runs the same code
 * as with a browser wallet. Loaded only with `import()` when the practice wallet is chosen (tevm is ~360 KB gzip).
 *
 * It works around tevm 2.0.0-next.107's gaps (docs/web3.md §3.4): sent transactions are mined at once; receipts get
 * the `status` tevm leaves out; `eth_call` returns revert data (code 3) so custom errors decode; gas estimates are
 * padded ×1.3 (tevm reports gas after refunds); an empty block is mined before a call when the last block is over a
 * second old, so calls see the current time (tevm calls run on the latest block and has no time travel);
 * `eth_getLogs` block numbers are passed as numbers (tevm reads hex strings as block hashes).
 *
 * As a wallet it signs only for this app: typed data whose domain is the practice chain and one of the deployed
 * contracts (for a permit, also with NMRStaking as the spender and the practice account as the owner); every
 * other signing request is refused with EIP-1193 code 4100 (see {@link checkTypedData}).
 */
import { createMemoryClient } from '@tevm/memory-client';
import {
  createPublicClient,
  createWalletClient,
  custom,
  hexToBigInt,
  hexToBytes,
  numberToHex,
  parseEther,
  type Address,
  type Hex
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { deployStaking, PRACTICE_FAUCET, QUICK_TIMING, type StakingDeployment, type StakingTiming } from './deploy';
import { PracticeChainError } from './errors';
import { practiceChain, PRACTICE_CHAIN_ID } from './practiceChain';
import { practiceKey } from './practiceKey';

/**
 * Round and release timing of the practice chain (tevm cannot travel in time, so it is short): a round every 10 s,
 * resolvable after 10 s for 50 s, releases after 60 s.
 */
export const PRACTICE_TIMING: StakingTiming = QUICK_TIMING;
/** ETH given to the practice account for gas. */
export const PRACTICE_ETH = parseEther('100');

type Listener = (...args: unknown[]) => void;
type RpcArgs = { method: string; params?: unknown };

/** An EIP-1193 provider with the practice account and deployment attached. */
export interface PracticeProvider {
  request(args: RpcArgs): Promise<unknown>;
  on(event: string, listener: Listener): void;
  removeListener(event: string, listener: Listener): void;
  readonly account: Address;
  readonly deployment: StakingDeployment;
}

/** An EIP-1193 error object, as wallets throw them. */
function rpcError(code: number, message: string, data?: Hex): Error & { code: number; data?: Hex } {
  return Object.assign(new Error(message), { code, ...(data ? { data } : {}) });
}

/** Typed data as `eth_signTypedData_v4` carries it (the second parameter, often a JSON string). */
type TypedData = Parameters<ReturnType<typeof privateKeyToAccount>['signTypedData']>[0];

/**
 * The typed data of an `eth_signTypedData_v4` request, if the practice wallet may sign it: signed by the practice
 * account, for the practice chain and one of the app's contracts; a `Permit` must name the practice account as
 * owner and NMRStaking as spender. Anything else throws EIP-1193 error 4100 (unauthorized) with the reason.
 */
export function checkTypedData(params: readonly unknown[], account: Address, deployment: StakingDeployment): TypedData {
  const refuse = (why: string) => rpcError(4100, `The practice wallet refused to sign: ${why}`);
  const [signer, raw] = params;
  if (typeof signer !== 'string' || signer.toLowerCase() !== account.toLowerCase()) throw refuse(`it holds ${account}, not ${String(signer)}.`);
  let typed: { domain?: Record<string, unknown>; primaryType?: unknown; message?: Record<string, unknown> };
  try {
    typed = typeof raw === 'string' ? JSON.parse(raw) : (raw as typeof typed);
  } catch {
    throw refuse('the typed data is not valid JSON.');
  }
  const domain = typed?.domain ?? {};
  const chainId = domain.chainId;
  if (chainId === undefined || Number(chainId) !== PRACTICE_CHAIN_ID) throw refuse(`it signs only for the practice chain (${PRACTICE_CHAIN_ID}), not for chain ${String(chainId)}.`);
  const contracts = Object.values(deployment.contracts).map((a) => a.toLowerCase());
  const verifying = String(domain.verifyingContract ?? '').toLowerCase();
  if (!contracts.includes(verifying)) throw refuse(`${String(domain.verifyingContract)} is not one of this app's contracts.`);
  if (typed.primaryType === 'Permit') {
    const { owner, spender } = typed.message ?? {};
    if (String(owner).toLowerCase() !== account.toLowerCase()) throw refuse(`the permit's owner ${String(owner)} is not the practice account.`);
    if (String(spender).toLowerCase() !== deployment.contracts.nmrStaking.toLowerCase()) throw refuse(`a permit may only let NMRStaking spend, not ${String(spender)}.`);
  }
  return typed as TypedData;
}

/** Runs one task at a time: tevm's VM is not safe for interleaved mining and calls. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}

interface LogFilter {
  fromBlock?: string;
  toBlock?: string;
  address?: Address | Address[];
  topics?: (Hex | Hex[] | null)[];
}

/** eth_getLogs matching: any of the addresses; per position, null matches anything and an array any of its values. */
function matchesLog(log: { address: Hex; topics: Hex[] }, address: LogFilter['address'], topics: LogFilter['topics']): boolean {
  const addresses = address === undefined ? undefined : (Array.isArray(address) ? address : [address]).map((a) => a.toLowerCase());
  if (addresses && !addresses.includes(log.address.toLowerCase())) return false;
  return (topics ?? []).every((wanted, i) => {
    if (wanted === null) return true;
    const topic = log.topics[i]?.toLowerCase();
    return (Array.isArray(wanted) ? wanted : [wanted]).some((w) => w.toLowerCase() === topic);
  });
}

interface CallParams {
  from?: Address;
  to?: Address;
  data?: Hex;
  input?: Hex;
  value?: Hex;
  gas?: Hex;
}

/**
 * Starts tevm, funds the practice account, deploys the contracts through {@link deployStaking} ({@link PRACTICE_TIMING},
 * {@link PRACTICE_FAUCET}) and returns the provider. About a second in Chromium.
 * @throws {PracticeChainError}
 */
export async function createPracticeProvider({
  key = practiceKey(),
  timing = PRACTICE_TIMING
}: { key?: Hex; timing?: StakingTiming } = {}): Promise<PracticeProvider> {
  const account = privateKeyToAccount(key);
  const client = createMemoryClient({ miningConfig: { type: 'auto' } } as Parameters<typeof createMemoryClient>[0]);
  const queue = serial();
  let lastBlockTime = 0;

  const mine = async () => {
    await client.tevmMine();
    lastBlockTime = Math.floor(Date.now() / 1000);
  };
  /** tevm runs calls on the latest block: mine an empty one if it is stale, so `block.timestamp` is now. */
  const freshen = async () => {
    if (Math.floor(Date.now() / 1000) > lastBlockTime) await mine();
  };
  const raw = (args: RpcArgs) => client.request(args as never) as Promise<unknown>;

  /** Calls with revert data: tevm's own eth_call drops it. */
  const call = async (params: CallParams): Promise<Hex> => {
    const result = await client.tevmCall({
      ...(params.from ? { from: params.from } : {}),
      ...(params.to ? { to: params.to } : {}),
      data: params.data ?? params.input ?? '0x',
      ...(params.value ? { value: hexToBigInt(params.value) } : {}),
      ...(params.gas ? { gas: hexToBigInt(params.gas) } : {}),
      throwOnFail: false
    });
    const error = result.errors?.[0];
    if (!error) return result.rawData;
    if (error.name === 'RevertError' || (error as { _tag?: string })._tag === 'RevertError') {
      throw rpcError(3, 'execution reverted', result.rawData);
    }
    throw rpcError(-32603, error.message.split('\n')[0]);
  };

  const node = (args: RpcArgs): Promise<unknown> =>
    queue(async () => {
      const params = (args.params ?? []) as unknown[];
      switch (args.method) {
        case 'eth_call':
          await freshen();
          return call(params[0] as CallParams);
        case 'eth_estimateGas': {
          await freshen();
          await call(params[0] as CallParams); // throws with revert data if the transaction would revert
          const gas = hexToBigInt((await raw({ method: 'eth_estimateGas', params: [params[0]] })) as Hex);
          return numberToHex((gas * 13n) / 10n + 21_000n);
        }
        case 'eth_sendRawTransaction': {
          const hash = await raw(args);
          await mine();
          return hash;
        }
        case 'eth_getTransactionReceipt': {
          const receipt = (await raw(args)) as Record<string, unknown> | null;
          if (receipt && receipt.status == null) {
            const manager = await client.transport.tevm.getReceiptsManager();
            const found = await manager.getReceiptByTxHash(hexToBytes(params[0] as Hex));
            const status = (found?.[0] as { status?: number } | undefined)?.status;
            receipt.status = status === 0 ? '0x0' : '0x1';
          }
          return receipt;
        }
        case 'eth_getTransactionByHash': {
          const tx = (await raw(args)) as Record<string, unknown> | null;
          if (tx && tx.input === undefined && tx.data !== undefined) tx.input = tx.data;
          return tx;
        }
        case 'eth_getLogs': {
          // tevm reads hex block numbers as hashes and cannot match null or OR-ed topics: ask it for the block
          // range only and filter addresses and topics here.
          const { fromBlock, toBlock, address, topics } = params[0] as LogFilter;
          const block = (v: string | undefined, fallback: string | bigint) =>
            v === undefined ? fallback : /^0x[0-9a-f]{1,16}$/i.test(v) ? hexToBigInt(v as Hex) : v;
          const from = block(fromBlock, 'earliest');
          const logs = (await raw({
            method: 'eth_getLogs',
            params: [{ fromBlock: from === 0n ? 'earliest' : from, toBlock: block(toBlock, 'latest') }]
          })) as { address: Hex; topics: Hex[] }[];
          return logs.filter((log) => matchesLog(log, address, topics));
        }
        default:
          return raw(args);
      }
    });

  const transport = custom({ request: node });
  const wallet = createWalletClient({ account, chain: practiceChain, transport });
  const publicClient = createPublicClient({ chain: practiceChain, transport, pollingInterval: 50 });

  let deployment: StakingDeployment;
  try {
    await client.tevmReady();
    await client.tevmSetAccount({ address: account.address, balance: PRACTICE_ETH });
    await mine();
    deployment = await deployStaking(wallet, publicClient, {
      timing,
      faucet: PRACTICE_FAUCET,
      expectedChainId: PRACTICE_CHAIN_ID
    });
  } catch (cause) {
    throw new PracticeChainError('The practice chain could not start.', {
      cause,
      hints: ['Reload the page to try again; the practice chain runs entirely in this tab.']
    });
  }

  const listeners = new Map<string, Set<Listener>>();
  const emit = (event: string, ...args: unknown[]) => listeners.get(event)?.forEach((l) => l(...args));
  let connected = false;
  const accounts = () => (connected ? [account.address] : []);

  const request = async ({ method, params }: RpcArgs): Promise<unknown> => {
    const list = (params ?? []) as unknown[];
    switch (method) {
      case 'eth_chainId':
        return numberToHex(PRACTICE_CHAIN_ID);
      case 'net_version':
        return String(PRACTICE_CHAIN_ID);
      case 'eth_accounts':
        return accounts();
      case 'eth_requestAccounts':
        connected = true;
        emit('connect', { chainId: numberToHex(PRACTICE_CHAIN_ID) });
        return accounts();
      case 'wallet_requestPermissions':
        connected = true;
        return [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [account.address] }] }];
      case 'wallet_getPermissions':
        return connected ? [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [account.address] }] }] : [];
      case 'wallet_revokePermissions':
        connected = false;
        emit('accountsChanged', []);
        return null;
      case 'wallet_switchEthereumChain': {
        const wanted = Number((list[0] as { chainId: Hex }).chainId);
        if (wanted === PRACTICE_CHAIN_ID) return null;
        throw rpcError(4902, `The practice wallet only knows its own chain (${PRACTICE_CHAIN_ID}).`);
      }
      case 'wallet_addEthereumChain':
        throw rpcError(4200, 'The practice wallet cannot add networks.');
      case 'eth_signTypedData_v4': {
        const typed = checkTypedData(list, account.address, deployment);
        return account.signTypedData(typed);
      }
      case 'personal_sign':
      case 'eth_sign':
      case 'eth_signTransaction':
      case 'eth_signTypedData':
      case 'eth_signTypedData_v1':
      case 'eth_signTypedData_v3':
        throw rpcError(4100, `The practice wallet does not sign with ${method}: it only signs this app's permits.`);
      case 'eth_sendTransaction': {
        const tx = list[0] as CallParams & { maxFeePerGas?: Hex; maxPriorityFeePerGas?: Hex; nonce?: Hex };
        if (tx.from && tx.from.toLowerCase() !== account.address.toLowerCase()) {
          throw rpcError(4100, `The practice wallet holds ${account.address}, not ${tx.from}.`);
        }
        return wallet.sendTransaction({
          to: tx.to,
          data: tx.data ?? tx.input,
          ...(tx.value ? { value: hexToBigInt(tx.value) } : {}),
          ...(tx.gas ? { gas: hexToBigInt(tx.gas) } : {})
        } as Parameters<typeof wallet.sendTransaction>[0]);
      }
      default:
        return node({ method, params });
    }
  };

  return {
    request,
    on: (event, listener) => void (listeners.get(event) ?? listeners.set(event, new Set()).get(event)!).add(listener),
    removeListener: (event, listener) => void listeners.get(event)?.delete(listener),
    account: account.address,
    deployment
  };
}

