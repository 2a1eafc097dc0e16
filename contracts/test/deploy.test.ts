import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, http, type Address } from 'viem';
import { sepolia } from 'viem/chains';
import { assertDeployableChain, DeployRefusedError, MAINNET_CHAIN_IDS } from '../../src/lib/staking/chains';
import { checkTiming, deployStaking, roleWarnings, type StakingDeployment } from '../../src/lib/staking/deploy';
import { compilerSettings, nmrStakingAbi, testNmrAbi } from '../../src/lib/staking/generated/contracts';
import { ROLES } from '../../src/lib/staking/roles';
import { startAnvil, type Anvil } from './anvil';
import { accounts, createClients } from './fixture';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** anvil's dev key #0: public, for chain 31337 only. */
const DEV_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
const DEPLOY_ENV_KEYS = ['RPC_URL', 'DEPLOYER_PRIVATE_KEY', 'EXPECTED_CHAIN_ID', 'RESOLVER_ADDRESS', 'PAUSER_ADDRESS',
  'RELEASE_DELAY', 'ROUND_PERIOD', 'RESOLUTION_DELAY', 'RESOLUTION_WINDOW', 'MIN_STAKE', 'ADMIN_DELAY', 'FAUCET_AMOUNT',
  'FAUCET_COOLDOWN', 'FAUCET_MAX_BALANCE', 'CONFIRMATIONS', 'DEPLOYMENTS_DIR'];

let anvil: Anvil;
let outDir: string;

beforeAll(async () => {
  anvil = await startAnvil();
  outDir = mkdtempSync(join(tmpdir(), 'nmr-deploy-'));
});

afterAll(async () => {
  await anvil?.stop();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Runs `node --import tsx scripts/deploy.ts` (what `npm run deploy` runs) with only the given deploy variables. */
async function runDeploy(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !DEPLOY_ENV_KEYS.includes(k)));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/deploy.ts'], {
      cwd: ROOT,
      env: { ...base, ...env }
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const error = e as { code?: number; stdout?: string; stderr?: string };
    return { code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
  }
}

describe('scripts/deploy.ts (npm run deploy)', () => {
  it('deploys to anvil with the quick timing, grants the roles and writes deployments/<chainId>.json with addresses, block, hashes and compiler settings', async () => {
    const { code, stderr, stdout } = await runDeploy({
      RPC_URL: anvil.rpcUrl,
      DEPLOYER_PRIVATE_KEY: DEV_KEY,
      EXPECTED_CHAIN_ID: '31337',
      RESOLVER_ADDRESS: accounts.resolver.address,
      FAUCET_AMOUNT: '25.5',
      FAUCET_COOLDOWN: '60',
      MIN_STAKE: '0.5',
      DEPLOYMENTS_DIR: outDir
    });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote ${join(outDir, '31337.json')}`);
    const deployment = JSON.parse(readFileSync(join(outDir, '31337.json'), 'utf8')) as StakingDeployment;
    expect(deployment).toMatchObject({
      chainId: 31337,
      deployer: accounts.admin.address,
      parameters: {
        releaseDelay: '60',
        roundPeriod: '10',
        resolutionDelay: '10',
        resolutionWindow: '50',
        minStake: '500000000000000000',
        resolver: accounts.resolver.address,
        pauser: accounts.admin.address,
        admin: accounts.admin.address,
        adminDelay: 0,
        minters: [deployment.contracts.nmrStaking],
        faucetAmount: '25500000000000000000',
        faucetCooldown: '60',
        faucetMaxBalance: '1000000000000000000000'
      },
      compilerSettings: JSON.parse(JSON.stringify(compilerSettings))
    });

    const { publicClient } = createClients(anvil.rpcUrl);
    const { testNmr, nmrStaking } = deployment.contracts;
    const receipt = await publicClient.getTransactionReceipt({ hash: deployment.transactions.deployTestNmr });
    expect(receipt.contractAddress?.toLowerCase()).toBe(testNmr.toLowerCase());
    expect(Number(receipt.blockNumber)).toBe(deployment.deployBlock);
    const token = { address: testNmr, abi: testNmrAbi } as const;
    const staking = { address: nmrStaking, abi: nmrStakingAbi } as const;
    expect(await publicClient.readContract({ ...token, functionName: 'hasRole', args: [ROLES.MINTER, nmrStaking] })).toBe(true);
    expect(await publicClient.readContract({ ...token, functionName: 'hasRole', args: [ROLES.MINTER, accounts.admin.address] })).toBe(false);
    expect(await publicClient.readContract({ ...staking, functionName: 'hasRole', args: [ROLES.RESOLVER, accounts.resolver.address] })).toBe(true);
    expect(await publicClient.readContract({ ...staking, functionName: 'hasRole', args: [ROLES.RESOLVER, accounts.admin.address] })).toBe(false);
    expect(await publicClient.readContract({ ...staking, functionName: 'token' })).toBe(testNmr);
    expect(await publicClient.readContract({ ...staking, functionName: 'releaseDelay' })).toBe(60n);
    expect(await publicClient.readContract({ ...staking, functionName: 'minStake' })).toBe(5n * 10n ** 17n);
    expect(await publicClient.readContract({ ...token, functionName: 'faucetAmount' })).toBe(25_500_000_000_000_000_000n);
  });

  it('on a public testnet defaults to a one-day admin delay on both contracts and the testnet timing', async () => {
    const testnet = await startAnvil(['--chain-id', '11155111']);
    const dir = join(outDir, 'sepolia');
    try {
      const { code, stderr } = await runDeploy({
        RPC_URL: testnet.rpcUrl,
        DEPLOYER_PRIVATE_KEY: DEV_KEY,
        EXPECTED_CHAIN_ID: '11155111',
        RESOLVER_ADDRESS: accounts.resolver.address,
        PAUSER_ADDRESS: accounts.pauser.address,
        DEPLOYMENTS_DIR: dir
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const deployment = JSON.parse(readFileSync(join(dir, '11155111.json'), 'utf8')) as StakingDeployment;
      expect(deployment.parameters).toMatchObject({ adminDelay: 86_400, roundPeriod: '86400', resolutionDelay: '86400', resolutionWindow: '172800', releaseDelay: '259200' });
      const { publicClient } = createClients(testnet.rpcUrl);
      for (const [address, abi] of [[deployment.contracts.nmrStaking, nmrStakingAbi], [deployment.contracts.testNmr, testNmrAbi]] as const) {
        expect(await publicClient.readContract({ address, abi, functionName: 'defaultAdminDelay' })).toBe(86_400);
      }
    } finally {
      await testnet.stop();
    }
  });

  it('warns on stderr when one key holds the admin, resolver and pauser roles', async () => {
    const { code, stderr } = await runDeploy({
      RPC_URL: anvil.rpcUrl,
      DEPLOYER_PRIVATE_KEY: DEV_KEY,
      EXPECTED_CHAIN_ID: '31337',
      DEPLOYMENTS_DIR: join(outDir, 'one-key')
    });
    expect(code).toBe(0);
    expect(stderr).toContain(`deploy: warning: One key (${accounts.admin.address}) holds the admin, resolver and pauser roles`);
  });

  it('refuses a release delay shorter than the resolution delay plus window, before sending anything', async () => {
    const dir = join(outDir, 'short-release');
    const { publicClient } = createClients(anvil.rpcUrl);
    const nonce = await publicClient.getTransactionCount({ address: accounts.admin.address });
    const { code, stderr } = await runDeploy({
      RPC_URL: anvil.rpcUrl,
      DEPLOYER_PRIVATE_KEY: DEV_KEY,
      EXPECTED_CHAIN_ID: '31337',
      RESOLUTION_DELAY: '30',
      RESOLUTION_WINDOW: '40',
      RELEASE_DELAY: '60',
      DEPLOYMENTS_DIR: dir
    });
    expect(code).toBe(1);
    expect(stderr).toContain('deploy: The release delay (60 s) must be at least the resolution delay plus the resolution window (30 + 40 = 70 s).');
    expect(existsSync(dir)).toBe(false);
    expect(await publicClient.getTransactionCount({ address: accounts.admin.address })).toBe(nonce);
  });

  it('refuses an EXPECTED_CHAIN_ID that differs from the RPC\'s chain, and writes nothing', async () => {
    const dir = join(outDir, 'wrong-chain');
    const { code, stderr } = await runDeploy({
      RPC_URL: anvil.rpcUrl,
      DEPLOYER_PRIVATE_KEY: DEV_KEY,
      EXPECTED_CHAIN_ID: '11155111',
      DEPLOYMENTS_DIR: dir
    });
    expect(code).toBe(1);
    expect(stderr).toContain('The RPC serves chain 31337, but chain 11155111 was expected.');
    expect(existsSync(dir)).toBe(false);
  });

  it('refuses a mainnet chain id even when EXPECTED_CHAIN_ID agrees', async () => {
    const mainnetFork = await startAnvil(['--chain-id', '1']);
    try {
      const { code, stderr } = await runDeploy({
        RPC_URL: mainnetFork.rpcUrl,
        DEPLOYER_PRIVATE_KEY: DEV_KEY,
        EXPECTED_CHAIN_ID: '1',
        DEPLOYMENTS_DIR: join(outDir, 'mainnet')
      });
      expect(code).toBe(1);
      expect(stderr).toContain('Refusing to deploy to chain 1: it is a mainnet.');
    } finally {
      await mainnetFork.stop();
    }
  });

  it('names the missing variable and never prints the RPC path, where API keys live', async () => {
    const missing = await runDeploy({ RPC_URL: anvil.rpcUrl, EXPECTED_CHAIN_ID: '31337' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('DEPLOYER_PRIVATE_KEY is not set.');
    const unreachable = await runDeploy({
      RPC_URL: 'http://127.0.0.1:9/v3/secret-api-key',
      DEPLOYER_PRIVATE_KEY: DEV_KEY,
      EXPECTED_CHAIN_ID: '31337'
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('Cannot reach the RPC at http://127.0.0.1:9.');
    expect(unreachable.stderr + unreachable.stdout).not.toContain('secret-api-key');
  });

  it('rejects a malformed DEPLOYER_PRIVATE_KEY without echoing it', async () => {
    const { code, stderr } = await runDeploy({ RPC_URL: anvil.rpcUrl, DEPLOYER_PRIVATE_KEY: '0x1234abcd', EXPECTED_CHAIN_ID: '31337' });
    expect(code).toBe(1);
    expect(stderr).toContain('DEPLOYER_PRIVATE_KEY must be 32 bytes of hex');
    expect(stderr).not.toContain('1234abcd');
  });
});

describe('assertDeployableChain(chainId, expectedChainId)', () => {
  it('accepts anvil, Sepolia and Base Sepolia; refuses Ethereum, Base, Arbitrum, OP, Polygon and BNB mainnets', () => {
    for (const id of [31337, 11155111, 84532]) expect(() => assertDeployableChain(id, id)).not.toThrow();
    for (const id of [1, 8453, 42161, 10, 137, 56]) {
      expect(MAINNET_CHAIN_IDS.has(id)).toBe(true);
      expect(() => assertDeployableChain(id)).toThrow(DeployRefusedError);
    }
  });

  it('refuses a chain id other than the expected one', () => {
    expect(() => assertDeployableChain(84532, 11155111)).toThrow('The RPC serves chain 84532, but chain 11155111 was expected.');
  });
});

describe('deployStaking(wallet, publicClient, options)', () => {
  it('refuses a wallet client set up for another chain than its RPC serves', async () => {
    const transport = http(anvil.rpcUrl);
    const wallet = createWalletClient({ account: accounts.admin, chain: sepolia, transport });
    const publicClient = createPublicClient({ transport });
    await expect(deployStaking(wallet, publicClient)).rejects.toThrow(
      'The wallet client is set up for chain 11155111, but its RPC serves 31337.'
    );
  });
});

describe('checkTiming(timing) and roleWarnings(roles)', () => {
  it('checkTiming accepts a release delay equal to the resolution delay plus window and refuses zero periods or windows and over-long horizons', () => {
    expect(() => checkTiming({ roundPeriod: 10n, resolutionDelay: 10n, resolutionWindow: 50n, releaseDelay: 60n })).not.toThrow();
    expect(() => checkTiming({ roundPeriod: 10n, resolutionDelay: 10n, resolutionWindow: 50n, releaseDelay: 59n })).toThrow('must be at least');
    expect(() => checkTiming({ roundPeriod: 0n, resolutionDelay: 0n, resolutionWindow: 1n, releaseDelay: 1n })).toThrow('ROUND_PERIOD must be at least 1 s.');
    expect(() => checkTiming({ roundPeriod: 1n, resolutionDelay: 0n, resolutionWindow: 0n, releaseDelay: 1n })).toThrow('RESOLUTION_WINDOW must be at least 1 s.');
    expect(() => checkTiming({ roundPeriod: 10n, resolutionDelay: 50n, resolutionWindow: 100n, releaseDelay: 150n })).toThrow(
      '15 round periods fit in the resolution delay plus window (150 s / 10 s); NMRStaking allows at most 14.'
    );
  });

  it('roleWarnings warns only when admin, resolver and pauser are one address (in any letter case)', () => {
    const [a, b] = [accounts.alice.address, accounts.bob.address];
    expect(roleWarnings({ admin: a, resolver: a.toLowerCase() as typeof a, pauser: a })).toHaveLength(1);
    expect(roleWarnings({ admin: a, resolver: b, pauser: a })).toEqual([]);
    expect(roleWarnings({ admin: a, resolver: a, pauser: b })).toEqual([]);
  });
});

describe('scripts/compile-contracts.js', () => {
  it('--check finds src/lib/staking/generated/contracts.ts up to date with contracts/*.sol', async () => {
    const { stderr } = await promisify(execFile)(process.execPath, ['scripts/compile-contracts.js', '--check'], { cwd: ROOT });
    expect(stderr).toBe('');
  });
});
