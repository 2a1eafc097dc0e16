/**
 * Shared set-up of the contract tests: one anvil per test file, the contracts deployed through
 * src/lib/staking/deploy.ts, funded accounts, an anvil snapshot per test, and assertion helpers for reverts and
 * events.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  getContract,
  http,
  parseEventLogs,
  publicActions,
  type Abi,
  type ContractEventName,
  type Hash,
  type Hex,
  type LocalAccount,
  type ParseEventLogsReturnType,
  type TransactionReceipt
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { deployStaking, type DeployStakingOptions, type StakingDeployment, type StakingTiming } from '../../src/lib/staking/deploy';
import { nmrStakingAbi, testNmrAbi } from '../../src/lib/staking/generated/contracts';
import { startAnvil, type Anvil } from './anvil';

/** anvil's default mnemonic: its accounts are funded with 10 000 ETH. Dev keys only, chain 31337 only. */
const MNEMONIC = 'test test test test test test test test test test test junk';
const NAMES = ['admin', 'resolver', 'pauser', 'alice', 'bob', 'carol', 'mallory'] as const;
export type AccountName = (typeof NAMES)[number];

/** 1 tNMR in wei. */
export const TNMR = 10n ** 18n;
/** tNMR minted to alice, bob, carol and mallory before each test. */
export const START_BALANCE = 10_000n * TNMR;
/** NMRStaking's tournaments, as the contract's `Tournament` enum numbers them. */
export const NUMERAI = 0;
export const SIGNALS = 1;
/** The tests' default timing: a round a day, resolvable after two days for three days, releases after a week. */
export const TEST_TIMING: StakingTiming = { roundPeriod: 86_400n, resolutionDelay: 172_800n, resolutionWindow: 259_200n, releaseDelay: 604_800n };
/** The tests' default minimum stake, in wei: small, so hand-worked cases can use small numbers. */
export const TEST_MIN_STAKE = 100n;
/** Every ABI the contracts can revert with: staking errors plus token errors bubbling up through it. */
const ALL_ERRORS_ABI = [...nmrStakingAbi, ...testNmrAbi].filter((x) => x.type === 'error');

/** anvil's accounts 0–6 under readable names. */
export const accounts = {} as Record<AccountName, LocalAccount>;
NAMES.forEach((name, addressIndex) => (accounts[name] = mnemonicToAccount(MNEMONIC, { addressIndex })));

/** viem clients for the anvil at `rpcUrl`; receipts are polled every 20 ms (anvil mines instantly). */
export function createClients(rpcUrl: string) {
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  const transport = http(rpcUrl);
  const pollingInterval = 20;
  const publicClient = createPublicClient({ chain, transport, pollingInterval });
  const testClient = createTestClient({ chain, transport, mode: 'anvil', pollingInterval });
  const walletOf = (account: LocalAccount) =>
    createWalletClient({ account, chain, transport, pollingInterval }).extend(publicActions);
  return { chain, publicClient, testClient, walletOf };
}

type Clients = ReturnType<typeof createClients>;
export type Wallet = ReturnType<Clients['walletOf']>;

function contracts(walletOf: Clients['walletOf'], deployment: StakingDeployment) {
  return {
    /** TestNMR with `account` as sender of writes and simulations. */
    token: (account: LocalAccount) =>
      getContract({ address: deployment.contracts.testNmr, abi: testNmrAbi, client: walletOf(account) }),
    /** NMRStaking with `account` as sender of writes and simulations. */
    staking: (account: LocalAccount) =>
      getContract({ address: deployment.contracts.nmrStaking, abi: nmrStakingAbi, client: walletOf(account) })
  };
}

/** What {@link useStakingChain} gives a test file once `beforeAll` has run. */
export interface StakingChain extends Clients, ReturnType<typeof contracts> {
  anvil: Anvil;
  deployment: StakingDeployment;
  /** Waits for the transaction and asserts it succeeded. */
  mined(hash: Hash | Promise<Hash>): Promise<TransactionReceipt>;
  /** Timestamp of the latest block. */
  now(): Promise<bigint>;
  /** Mines one empty block at exactly `timestamp`, so that calls (which run on the latest block) see it. */
  mineAt(timestamp: bigint): Promise<void>;
  /** Makes the next mined block carry `timestamp`. */
  nextBlockAt(timestamp: bigint): Promise<void>;
  /** Moves time forward by `seconds` and mines a block. */
  travel(seconds: bigint): Promise<void>;
  /** The resolver opens the next round of `tournament` (default the Numerai Tournament); returns its id and times. */
  openRound(tournament?: number): Promise<OpenedRound>;
}

/** A round as {@link StakingChain.openRound} opened it. */
export interface OpenedRound {
  roundId: bigint;
  openedAt: bigint;
  resolvableAt: bigint;
  deadline: bigint;
}

/**
 * Registers the hooks of a test file: starts anvil and deploys (beforeAll), snapshots before each test and
 * reverts after it, and stops anvil (afterAll). Fields are readable from inside tests and hooks.
 */
export function useStakingChain(options: DeployStakingOptions = {}): StakingChain {
  const chain = {} as StakingChain;
  let snapshot: Hex | undefined;

  beforeAll(async () => {
    const anvil = await startAnvil();
    const base = createClients(anvil.rpcUrl);
    const adminWallet = base.walletOf(accounts.admin);
    const deployment = await deployStaking(adminWallet, base.publicClient, {
      resolver: accounts.resolver.address,
      pauser: accounts.pauser.address,
      extraMinters: [accounts.admin.address],
      timing: TEST_TIMING,
      minStake: TEST_MIN_STAKE,
      ...options
    });
    const mined = async (hash: Hash | Promise<Hash>) => {
      const receipt = await base.publicClient.waitForTransactionReceipt({ hash: await hash });
      expect(receipt.status).toBe('success');
      return receipt;
    };
    const now = async () => (await base.publicClient.getBlock()).timestamp;
    const nextBlockAt = (timestamp: bigint) => base.testClient.setNextBlockTimestamp({ timestamp });
    Object.assign(chain, base, contracts(base.walletOf, deployment), {
      anvil,
      deployment,
      mined,
      now,
      nextBlockAt,
      mineAt: async (timestamp: bigint) => {
        await nextBlockAt(timestamp);
        await base.testClient.mine({ blocks: 1 });
      },
      travel: async (seconds: bigint) => {
        await base.testClient.increaseTime({ seconds: Number(seconds) });
        await base.testClient.mine({ blocks: 1 });
      },
      openRound: async (tournament = NUMERAI): Promise<OpenedRound> => {
        const staking = getContract({ address: deployment.contracts.nmrStaking, abi: nmrStakingAbi, client: base.walletOf(accounts.resolver) });
        const receipt = await mined(staking.write.openRound([tournament]));
        const [event] = parseEventLogs({ abi: nmrStakingAbi, logs: receipt.logs, eventName: 'RoundOpened' });
        const { timestamp } = await base.publicClient.getBlock({ blockNumber: receipt.blockNumber });
        return { roundId: event.args.roundId, openedAt: timestamp, resolvableAt: event.args.resolvableAt, deadline: event.args.deadline };
      }
    });

    const token = chain.token(accounts.admin);
    for (const name of ['alice', 'bob', 'carol', 'mallory'] as const) {
      await mined(token.write.mint([accounts[name].address, START_BALANCE]));
    }
  }, 30_000);

  beforeEach(async () => {
    snapshot = await chain.testClient.snapshot();
  });

  afterEach(async () => {
    if (snapshot) await chain.testClient.revert({ id: snapshot });
  });

  afterAll(async () => {
    await chain.anvil?.stop();
  });

  return chain;
}

/** The decoded custom error (name and args) behind a failed call, or undefined if there is none. */
export function revertOf(error: unknown): { errorName: string; args: readonly unknown[] } | undefined {
  if (!(error instanceof BaseError)) return undefined;
  const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
  if (reverted instanceof ContractFunctionRevertedError) {
    if (reverted.data) return { errorName: reverted.data.errorName, args: reverted.data.args ?? [] };
    // An error of another contract (the token) bubbled up: decode it with every ABI we know.
    if (reverted.raw) return decodeRaw(reverted.raw);
  }
  // Deployments and raw calls carry the revert data on an inner error.
  const raw = error.walk((e) => typeof (e as { data?: unknown }).data === 'string') as { data?: Hex } | null;
  return raw?.data ? decodeRaw(raw.data) : undefined;
}

function decodeRaw(data: Hex) {
  const decoded = decodeErrorResult({ abi: ALL_ERRORS_ABI as Abi, data });
  return { errorName: decoded.errorName, args: decoded.args ?? [] };
}

/** Asserts that `call` reverts with the custom error `errorName` and exactly `args`. */
export async function expectRevert(call: Promise<unknown>, errorName: string, args: readonly unknown[] = []) {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e
  );
  expect(error, `expected a revert with ${errorName}`).toBeDefined();
  const decoded = revertOf(error);
  expect(decoded, `no decodable revert in: ${String(error)}`).toBeDefined();
  expect({ errorName: decoded?.errorName, args: decoded?.args }).toEqual({ errorName, args });
}

/** The args of every `eventName` event that `abi` decodes from the receipt, in log order. */
export function eventsOf<const abi extends Abi, name extends ContractEventName<abi>>(
  receipt: TransactionReceipt,
  abi: abi,
  eventName: name
): ParseEventLogsReturnType<abi, name, true>[number]['args'][] {
  return parseEventLogs({ abi, logs: receipt.logs, eventName }).map((log) => log.args);
}

/** A bytes32 model id from a short name, as the UI would derive one from Numerai's model UUID. */
export function modelId(name: string): Hex {
  const hex = Buffer.from(name, 'utf8').toString('hex').padEnd(64, '0');
  if (hex.length > 64) throw new RangeError(`model name too long: ${name}`);
  return `0x${hex}`;
}
