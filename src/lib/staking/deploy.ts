/**
 * Deploys TestNMR + NMRStaking with any viem wallet and public client: the Node deploy script, the contract
 * tests and the in-browser practice chain all go through here. Pure TypeScript, no Node APIs.
 */
import { getAddress } from 'viem';
import type { Account, Address, Chain, Hash, PublicClient, TransactionReceipt, Transport, WalletClient } from 'viem';
import { PlaygroundError } from '../errors';
import { assertDeployableChain, DeployRefusedError } from './chains';
import {
  compilerSettings,
  nmrStakingAbi,
  nmrStakingBytecode,
  testNmrAbi,
  testNmrBytecode
} from './generated/contracts';
import { ROLES } from './roles';

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

/** Default release delay of NMRStaking: one day (Numerai's is about a month; a testnet wants shorter). */
export const DEFAULT_RELEASE_DELAY = 86_400n;

/** Options of {@link deployStaking}; every field has a default. */
export interface DeployStakingOptions {
  /** Seconds between `requestRelease` and `withdrawReleased`. Default {@link DEFAULT_RELEASE_DELAY}. */
  releaseDelay?: bigint;
  /** Receives RESOLVER_ROLE. Default: the deployer. */
  resolver?: Address;
  /** Receives PAUSER_ROLE. Default: the deployer. */
  pauser?: Address;
  /** Delay (s) of NMRStaking's two-step admin transfer. Default 0. */
  adminDelay?: number;
  /** Faucet parameters. Default {@link DEFAULT_FAUCET}. */
  faucet?: FaucetParameters;
  /** Refuse unless the RPC serves this chain id. */
  expectedChainId?: number;
  /** Confirmations to wait for on each transaction. Default 1. */
  confirmations?: number;
  /** Called after each transaction is confirmed, for progress output. */
  onStep?: (step: DeployStep, receipt: TransactionReceipt) => void;
}

/** The three transactions of a deploy, in order. */
export type DeployStep = 'deployTestNmr' | 'deployNmrStaking' | 'grantMinterRole';

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
    resolver: Address;
    pauser: Address;
    admin: Address;
    adminDelay: number;
    faucetAmount: string;
    faucetCooldown: string;
    faucetMaxBalance: string;
  };
  compilerSettings: typeof compilerSettings;
}

/** A deploy transaction reverted or created no contract. */
export class DeployFailedError extends PlaygroundError {
  override name = 'DeployFailedError';
}

/**
 * Deploys TestNMR (admin: the deployer), then NMRStaking (admin: the deployer; resolver and pauser from
 * `options`), then grants NMRStaking the token's MINTER_ROLE so it can mint payouts. Waits for each receipt.
 * Refuses mainnets and, with `expectedChainId`, any other chain (see {@link assertDeployableChain}).
 * @throws {DeployRefusedError | DeployFailedError}
 * @example
 * const deployment = await deployStaking(walletClient, publicClient, { releaseDelay: 60n, faucet: PRACTICE_FAUCET });
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

  const deployer = wallet.account.address;
  const faucet = options.faucet ?? DEFAULT_FAUCET;
  const releaseDelay = options.releaseDelay ?? DEFAULT_RELEASE_DELAY;
  const resolver = options.resolver ?? deployer;
  const pauser = options.pauser ?? deployer;
  const adminDelay = options.adminDelay ?? 0;
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

  const testNmrTx = await wallet.deployContract({
    abi: testNmrAbi,
    bytecode: testNmrBytecode,
    args: [deployer, faucet.amount, faucet.cooldown, faucet.maxBalance]
  });
  const testNmrReceipt = await confirm('deployTestNmr', testNmrTx);
  const testNmr = createdAddress('deployTestNmr', testNmrReceipt);

  const nmrStakingTx = await wallet.deployContract({
    abi: nmrStakingAbi,
    bytecode: nmrStakingBytecode,
    args: [testNmr, releaseDelay, deployer, adminDelay, resolver, pauser]
  });
  const nmrStaking = createdAddress('deployNmrStaking', await confirm('deployNmrStaking', nmrStakingTx));

  const grantMinterTx = await wallet.writeContract({
    address: testNmr,
    abi: testNmrAbi,
    functionName: 'grantRole',
    args: [ROLES.MINTER, nmrStaking]
  });
  await confirm('grantMinterRole', grantMinterTx);

  return {
    chainId,
    deployer,
    deployBlock: Number(testNmrReceipt.blockNumber),
    contracts: { testNmr, nmrStaking },
    transactions: { deployTestNmr: testNmrTx, deployNmrStaking: nmrStakingTx, grantMinterRole: grantMinterTx },
    parameters: {
      releaseDelay: releaseDelay.toString(),
      resolver,
      pauser,
      admin: deployer,
      adminDelay,
      faucetAmount: faucet.amount.toString(),
      faucetCooldown: faucet.cooldown.toString(),
      faucetMaxBalance: faucet.maxBalance.toString()
    },
    compilerSettings
  };
}
