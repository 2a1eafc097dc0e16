#!/usr/bin/env -S node --import tsx
// Deploys TestNMR + NMRStaking to the chain behind RPC_URL and writes deployments/<chainId>.json.
// A thin Node wrapper around src/lib/staking/deploy.ts: it only reads the environment and writes the file.
//
//   RPC_URL=http://127.0.0.1:8545 DEPLOYER_PRIVATE_KEY=0x… EXPECTED_CHAIN_ID=31337 npm run deploy
//
// Required: RPC_URL, DEPLOYER_PRIVATE_KEY, EXPECTED_CHAIN_ID (refuses if the RPC serves another chain or a mainnet).
// Optional: RESOLVER_ADDRESS, PAUSER_ADDRESS (default: the deployer; a warning when one key holds every role),
// ROUND_PERIOD, RESOLUTION_DELAY, RESOLUTION_WINDOW, RELEASE_DELAY (s; defaults: QUICK_TIMING on anvil 31337,
// TESTNET_TIMING elsewhere; the release delay must cover the resolution delay plus window), MIN_STAKE (tNMR,
// default 1), ADMIN_DELAY (s; default 0 on anvil, 86400 on public testnets), FAUCET_AMOUNT and FAUCET_MAX_BALANCE
// (whole tNMR, e.g. "100"), FAUCET_COOLDOWN (s), CONFIRMATIONS (default 1), DEPLOYMENTS_DIR (default "deployments").
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BaseError,
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  isAddress,
  parseUnits,
  type Address
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { PlaygroundError } from '../src/lib/errors';
import { assertDeployableChain } from '../src/lib/staking/chains';
import { LOCAL_CHAIN_ID } from '../src/lib/staking/localChain';
import {
  checkTiming,
  DEFAULT_FAUCET,
  DEFAULT_MIN_STAKE,
  deployStaking,
  QUICK_TIMING,
  roleWarnings,
  TESTNET_TIMING,
  type StakingTiming
} from '../src/lib/staking/deploy';

/** A missing or malformed environment variable. */
class DeployConfigError extends PlaygroundError {
  override name = 'DeployConfigError';
}

function required(name: string): string {
  const value = process.env[name]?.trim();
  if (!value) throw new DeployConfigError(`${name} is not set.`, { hints: [USAGE] });
  return value;
}

function optional(name: string): string | undefined {
  return process.env[name]?.trim() || undefined;
}

function integer(name: string, value: string): bigint {
  if (!/^\d+$/.test(value)) throw new DeployConfigError(`${name} must be a non-negative integer, got "${value}".`);
  return BigInt(value);
}

function tokens(name: string, value: string): bigint {
  if (!/^\d+(\.\d{1,18})?$/.test(value)) {
    throw new DeployConfigError(`${name} must be an amount of tNMR like "100", got "${value}".`);
  }
  return parseUnits(value, 18);
}

function address(name: string, value: string): Address {
  if (!isAddress(value, { strict: false })) throw new DeployConfigError(`${name} is not an address: "${value}".`);
  return getAddress(value);
}

/** The RPC URL without path or query, which often carry API keys. */
function redact(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '(unparsable URL)';
  }
}

/** ROUND_PERIOD, RESOLUTION_DELAY, RESOLUTION_WINDOW and RELEASE_DELAY from the environment, else `defaults`. */
function timingFromEnv(defaults: StakingTiming): StakingTiming {
  const read = (name: string, fallback: bigint) => {
    const value = optional(name);
    return value ? integer(name, value) : fallback;
  };
  return {
    roundPeriod: read('ROUND_PERIOD', defaults.roundPeriod),
    resolutionDelay: read('RESOLUTION_DELAY', defaults.resolutionDelay),
    resolutionWindow: read('RESOLUTION_WINDOW', defaults.resolutionWindow),
    releaseDelay: read('RELEASE_DELAY', defaults.releaseDelay)
  };
}

const USAGE =
  'Usage: RPC_URL=… DEPLOYER_PRIVATE_KEY=0x… EXPECTED_CHAIN_ID=… npm run deploy (see contracts/README.md).';

async function main(): Promise<void> {
  const rpcUrl = required('RPC_URL');
  const key = required('DEPLOYER_PRIVATE_KEY');
  const hexKey = (key.startsWith('0x') ? key : `0x${key}`) as `0x${string}`;
  if (!/^0x[0-9a-fA-F]{64}$/.test(hexKey)) {
    throw new DeployConfigError('DEPLOYER_PRIVATE_KEY must be 32 bytes of hex (64 hex digits, 0x optional).');
  }
  const expectedChainId = Number(integer('EXPECTED_CHAIN_ID', required('EXPECTED_CHAIN_ID')));
  const resolverEnv = optional('RESOLVER_ADDRESS');
  const pauserEnv = optional('PAUSER_ADDRESS');
  const adminDelayEnv = optional('ADMIN_DELAY');
  const minStakeEnv = optional('MIN_STAKE');
  const faucetAmountEnv = optional('FAUCET_AMOUNT');
  const faucetCooldownEnv = optional('FAUCET_COOLDOWN');
  const faucetMaxEnv = optional('FAUCET_MAX_BALANCE');
  const confirmationsEnv = optional('CONFIRMATIONS');
  const options = {
    expectedChainId,
    resolver: resolverEnv ? address('RESOLVER_ADDRESS', resolverEnv) : undefined,
    pauser: pauserEnv ? address('PAUSER_ADDRESS', pauserEnv) : undefined,
    adminDelay: adminDelayEnv ? Number(integer('ADMIN_DELAY', adminDelayEnv)) : undefined,
    minStake: minStakeEnv ? tokens('MIN_STAKE', minStakeEnv) : DEFAULT_MIN_STAKE,
    faucet: {
      amount: faucetAmountEnv ? tokens('FAUCET_AMOUNT', faucetAmountEnv) : DEFAULT_FAUCET.amount,
      cooldown: faucetCooldownEnv ? integer('FAUCET_COOLDOWN', faucetCooldownEnv) : DEFAULT_FAUCET.cooldown,
      maxBalance: faucetMaxEnv ? tokens('FAUCET_MAX_BALANCE', faucetMaxEnv) : DEFAULT_FAUCET.maxBalance
    },
    confirmations: confirmationsEnv ? Number(integer('CONFIRMATIONS', confirmationsEnv)) : 1
  };
  const outDir = optional('DEPLOYMENTS_DIR') ?? 'deployments';

  const transport = http(rpcUrl, { retryCount: 2 });
  let chainId: number;
  try {
    chainId = await createPublicClient({ transport }).getChainId();
  } catch (cause) {
    throw new DeployConfigError(`Cannot reach the RPC at ${redact(rpcUrl)}.`, {
      hints: ['Is the node running, and is RPC_URL right?'],
      cause
    });
  }
  assertDeployableChain(chainId, expectedChainId);
  const timing = timingFromEnv(chainId === LOCAL_CHAIN_ID ? QUICK_TIMING : TESTNET_TIMING);
  checkTiming(timing);

  const chain = defineChain({
    id: chainId,
    name: `chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } }
  });
  const account = privateKeyToAccount(hexKey);
  const publicClient = createPublicClient({ chain, transport });
  const wallet = createWalletClient({ account, chain, transport });

  console.log(`deploy: chain ${chainId} at ${redact(rpcUrl)}, deployer ${account.address}`);
  const roles = { admin: account.address, resolver: options.resolver ?? account.address, pauser: options.pauser ?? account.address };
  for (const warning of roleWarnings(roles)) console.error(`deploy: warning: ${warning}`);
  const deployment = await deployStaking(wallet, publicClient, {
    ...options,
    timing,
    onStep: (step, receipt) => console.log(`deploy: ${step} in block ${receipt.blockNumber} (${receipt.gasUsed} gas)`)
  });

  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${chainId}.json`);
  writeFileSync(file, `${JSON.stringify(deployment, null, 2)}\n`);
  console.log(`deploy: TestNMR ${deployment.contracts.testNmr}`);
  console.log(`deploy: NMRStaking ${deployment.contracts.nmrStaking}`);
  console.log(`deploy: wrote ${file}`);
}

main().catch((error: unknown) => {
  // viem's full messages can quote the RPC URL (and its API key): print only their short form.
  const message =
    error instanceof PlaygroundError
      ? error.message
      : error instanceof BaseError
        ? error.shortMessage
        : error instanceof Error
          ? error.message
          : String(error);
  console.error(`deploy: ${message}`);
  process.exitCode = 1;
});
