/**
 * Deploys TestNMR + NMRStaking with any viem wallet and public client: the Node deploy script, the contract
 * tests and the in-browser practice chain all go through here. Pure TypeScript, no Node APIs.
 */
import { getAddress, getContractAddress } from 'viem';
import type { Account, Address, Chain, Hash, PublicClient, TransactionReceipt, Transport, WalletClient } from 'viem';
import { PlaygroundError } from '../errors';
import { assertDeployableChain, DeployRefusedError } from './chains';
import { LOCAL_CHAIN_ID } from './localChain';
import { PRACTICE_CHAIN_ID } from './practiceChain';
import {
  compilerSettings,
  nmrStakingAbi,
  nmrStakingBytecode,
  testNmrAbi,
  testNmrBytecode
} from './generated/contracts';

const TOKEN = 10n ** 18n;

/** Faucet parameters of TestNMR, in wei and seconds. */
export interface FaucetParameters {
  /** Minted per `faucet()` call (wei). */
  amount: bigint;
  /** Seconds between two drips to one address. */
  cooldown: bigint;
  /** `faucet()` refuses callers holding at least this (wei). */
  maxBalance: bigint;
}

/** Testnet faucet: 100 tNMR per day while the balance is under 1000 tNMR. */
export const DEFAULT_FAUCET: FaucetParameters = { amount: 100n * TOKEN, cooldown: 86_400n, maxBalance: 1_000n * TOKEN };

/** Practice-chain faucet: as {@link DEFAULT_FAUCET}, with a 60 s cooldown. */
export const PRACTICE_FAUCET: FaucetParameters = { ...DEFAULT_FAUCET, cooldown: 60n };

/**
 * NMRStaking's timing, in seconds: rounds of one tournament open at most every `roundPeriod`, can be resolved
 * `resolutionDelay` after opening, for `resolutionWindow`; a release waits `releaseDelay`, which must cover
 * `resolutionDelay + resolutionWindow` so that a release requested after a round opened cannot escape its burn.
 */
export interface StakingTiming {
  releaseDelay: bigint;
  roundPeriod: bigint;
  resolutionDelay: bigint;
  resolutionWindow: bigint;
}

/** Public testnets: a round a day, resolvable after a day for two days, releases after three days. */
export const TESTNET_TIMING: StakingTiming = {
  roundPeriod: 86_400n,
  resolutionDelay: 86_400n,
  resolutionWindow: 172_800n,
  releaseDelay: 259_200n
};

/**
 * The local anvil of `npm run chain` and the in-browser practice chain, where a person clicks through: a round
 * every 10 s, resolvable after 10 s for 50 s, releases after 60 s.
 */
export const QUICK_TIMING: StakingTiming = { roundPeriod: 10n, resolutionDelay: 10n, resolutionWindow: 50n, releaseDelay: 60n };

/** NMRStaking's `MAX_ROUNDS_PER_HORIZON`: at most 14 rounds of a tournament may open while one can be resolved. */
export const MAX_ROUNDS_PER_HORIZON = 14n;

/** Least active stake of a position by default: 1 tNMR keeps dust positions out. */
export const DEFAULT_MIN_STAKE = TOKEN;

/** Two-step admin transfer delay on public testnets by default: one day, so a stolen admin key is seen coming. */
export const TESTNET_ADMIN_DELAY = 86_400;

/** Chains without an admin delay by default: they live on one machine (anvil) or in one tab (the practice chain). */
const LOCAL_CHAIN_IDS: ReadonlySet<number> = new Set([LOCAL_CHAIN_ID, PRACTICE_CHAIN_ID]);

/** Options of {@link deployStaking}; every field has a default. */
export interface DeployStakingOptions {
  /** Round and release timing. Default {@link QUICK_TIMING} on anvil and the practice chain, else {@link TESTNET_TIMING}. */
  timing?: StakingTiming;
  /** Least active stake of a position, wei. Default {@link DEFAULT_MIN_STAKE}. */
  minStake?: bigint;
  /** Receives RESOLVER_ROLE. Default: the deployer. */
  resolver?: Address;
  /** Receives PAUSER_ROLE. Default: the deployer. */
  pauser?: Address;
  /** Delay (s) of both contracts' two-step admin transfer. Default 0 on anvil and the practice chain, else {@link TESTNET_ADMIN_DELAY}. */
  adminDelay?: number;
  /** Faucet parameters. Default {@link DEFAULT_FAUCET}. */
  faucet?: FaucetParameters;
  /**
   * Test chains only: accounts that may mint tNMR besides NMRStaking. TestNMR's minters are fixed at deployment,
   * so tests that need large balances name their minting account here.
   */
  extraMinters?: Address[];
  /** Refuse unless the RPC serves this chain id. */
  expectedChainId?: number;
  /** Confirmations to wait for on each transaction. Default 1. */
  confirmations?: number;
  /** Called after each transaction is confirmed, for progress output. */
  onStep?: (step: DeployStep, receipt: TransactionReceipt) => void;
}

/** The two transactions of a deploy, in order. */
export type DeployStep = 'deployTestNmr' | 'deployNmrStaking';

/** What a deploy produced; JSON-safe (amounts as decimal strings), written as `deployments/<chainId>.json`. */
export interface StakingDeployment {
  chainId: number;
  deployer: Address;
  /** Block of the TestNMR deployment: where log queries can start. */
  deployBlock: number;
  contracts: { testNmr: Address; nmrStaking: Address };
  transactions: Record<DeployStep, Hash>;
  parameters: {
    releaseDelay: string;
    roundPeriod: string;
    resolutionDelay: string;
    resolutionWindow: string;
    minStake: string;
    resolver: Address;
    pauser: Address;
    admin: Address;
    adminDelay: number;
    /** TestNMR's minters, fixed at deployment: NMRStaking first. */
    minters: Address[];
    faucetAmount: string;
    faucetCooldown: string;
    faucetMaxBalance: string;
  };
  compilerSettings: typeof compilerSettings;
}

/**
 * Throws {@link DeployRefusedError} for timing NMRStaking's constructor would refuse, with the reason in words:
 * a zero round period or resolution window, a release delay shorter than the resolution delay plus window, or more
 * than {@link MAX_ROUNDS_PER_HORIZON} round periods in that time.
 */
export function checkTiming({ releaseDelay, roundPeriod, resolutionDelay, resolutionWindow }: StakingTiming): void {
  if (roundPeriod <= 0n) throw new DeployRefusedError('ROUND_PERIOD must be at least 1 s.');
  if (resolutionWindow <= 0n) throw new DeployRefusedError('RESOLUTION_WINDOW must be at least 1 s.');
  const covered = resolutionDelay + resolutionWindow;
  if (releaseDelay < covered) {
    throw new DeployRefusedError(
      `The release delay (${releaseDelay} s) must be at least the resolution delay plus the resolution window (${resolutionDelay} + ${resolutionWindow} = ${covered} s).`,
      { hints: ['Otherwise stake released after a round opened could be withdrawn before that round is resolved, escaping its burn.'] }
    );
  }
  if (covered / roundPeriod > MAX_ROUNDS_PER_HORIZON) {
    throw new DeployRefusedError(
      `${covered / roundPeriod} round periods fit in the resolution delay plus window (${covered} s / ${roundPeriod} s); NMRStaking allows at most ${MAX_ROUNDS_PER_HORIZON}.`,
      { hints: ['Lengthen ROUND_PERIOD or shorten RESOLUTION_DELAY / RESOLUTION_WINDOW.'] }
    );
  }
}

/** Warnings about a deploy's roles, for the deploy script to print: one key holding admin, resolver and pauser. */
export function roleWarnings({ admin, resolver, pauser }: { admin: Address; resolver: Address; pauser: Address }): string[] {
  const same = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase();
  if (!same(admin, resolver) || !same(admin, pauser)) return [];
  return [
    `One key (${admin}) holds the admin, resolver and pauser roles: whoever gets it can resolve every round and pause. ` +
      'Set RESOLVER_ADDRESS and PAUSER_ADDRESS to other accounts on a public testnet.'
  ];
}

/** A deploy transaction reverted or created no contract. */
export class DeployFailedError extends PlaygroundError {
  override name = 'DeployFailedError';
}

/**
 * Deploys TestNMR (admin: the deployer; its only minter: NMRStaking, at the address its deploy transaction will
 * create, plus `extraMinters` on test chains), then NMRStaking (admin: the deployer; resolver and pauser from
 * `options`). Waits for each receipt. Refuses mainnets and, with `expectedChainId`, any other chain (see
 * {@link assertDeployableChain}), and timing NMRStaking would refuse ({@link checkTiming}).
 * @throws {DeployRefusedError | DeployFailedError}
 * @example
 * const deployment = await deployStaking(walletClient, publicClient, { timing: QUICK_TIMING, faucet: PRACTICE_FAUCET });
 */
export async function deployStaking(
  wallet: WalletClient<Transport, Chain, Account>,
  publicClient: PublicClient<Transport, Chain | undefined>,
  options: DeployStakingOptions = {}
): Promise<StakingDeployment> {
  const chainId = await publicClient.getChainId();
  assertDeployableChain(chainId, options.expectedChainId);
  if (wallet.chain.id !== chainId) {
    throw new DeployRefusedError(
      `The wallet client is set up for chain ${wallet.chain.id}, but its RPC serves ${chainId}.`
    );
  }
  const local = LOCAL_CHAIN_IDS.has(chainId);
  const timing = options.timing ?? (local ? QUICK_TIMING : TESTNET_TIMING);
  checkTiming(timing);

  const deployer = wallet.account.address;
  const faucet = options.faucet ?? DEFAULT_FAUCET;
  const minStake = options.minStake ?? DEFAULT_MIN_STAKE;
  const resolver = options.resolver ?? deployer;
  const pauser = options.pauser ?? deployer;
  const adminDelay = options.adminDelay ?? (local ? 0 : TESTNET_ADMIN_DELAY);
  const confirmations = options.confirmations ?? 1;

  const confirm = async (step: DeployStep, hash: Hash): Promise<TransactionReceipt> => {
    const receipt = await publicClient.waitForTransactionReceipt({ hash, confirmations });
    if (receipt.status !== 'success') {
      throw new DeployFailedError(`${step} reverted (transaction ${hash}).`);
    }
    options.onStep?.(step, receipt);
    return receipt;
  };
  const createdAddress = (step: DeployStep, receipt: TransactionReceipt): Address => {
    if (!receipt.contractAddress) {
      throw new DeployFailedError(`${step} created no contract (transaction ${receipt.transactionHash}).`);
    }
    return getAddress(receipt.contractAddress);
  };

  // TestNMR's minters are fixed in its constructor, so NMRStaking's address is computed first: the deployer's next
  // nonce creates TestNMR, the one after it NMRStaking.
  const nonce = await publicClient.getTransactionCount({ address: deployer, blockTag: 'pending' });
  const predictedStaking = getContractAddress({ from: deployer, nonce: BigInt(nonce + 1) });
  const minters = [predictedStaking, ...(options.extraMinters ?? [])];

  const testNmrTx = await wallet.deployContract({
    abi: testNmrAbi,
    bytecode: testNmrBytecode,
    args: [deployer, adminDelay, minters, faucet.amount, faucet.cooldown, faucet.maxBalance],
    nonce
  });
  const testNmrReceipt = await confirm('deployTestNmr', testNmrTx);
  const testNmr = createdAddress('deployTestNmr', testNmrReceipt);

  const settings = {
    releaseDelay: timing.releaseDelay,
    roundPeriod: timing.roundPeriod,
    resolutionDelay: timing.resolutionDelay,
    resolutionWindow: timing.resolutionWindow,
    minStake
  };
  const nmrStakingTx = await wallet.deployContract({
    abi: nmrStakingAbi,
    bytecode: nmrStakingBytecode,
    args: [testNmr, settings, deployer, adminDelay, resolver, pauser],
    nonce: nonce + 1
  });
  const nmrStaking = createdAddress('deployNmrStaking', await confirm('deployNmrStaking', nmrStakingTx));
  if (nmrStaking !== predictedStaking) {
    throw new DeployFailedError(`NMRStaking was created at ${nmrStaking}, not at ${predictedStaking}, the minter TestNMR was given.`, {
      hints: ['Another transaction from the deployer got in between. Deploy again from an account nothing else uses.']
    });
  }

  return {
    chainId,
    deployer,
    deployBlock: Number(testNmrReceipt.blockNumber),
    contracts: { testNmr, nmrStaking },
    transactions: { deployTestNmr: testNmrTx, deployNmrStaking: nmrStakingTx },
    parameters: {
      releaseDelay: timing.releaseDelay.toString(),
      roundPeriod: timing.roundPeriod.toString(),
      resolutionDelay: timing.resolutionDelay.toString(),
      resolutionWindow: timing.resolutionWindow.toString(),
      minStake: minStake.toString(),
      resolver,
      pauser,
      admin: deployer,
      adminDelay,
      minters,
      faucetAmount: faucet.amount.toString(),
      faucetCooldown: faucet.cooldown.toString(),
      faucetMaxBalance: faucet.maxBalance.toString()
    },
    compilerSettings
  };
}
