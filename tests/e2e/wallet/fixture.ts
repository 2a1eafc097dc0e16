/**
 * Playwright fixtures for the Stake page: one real anvil per worker with TestNMR + NMRStaking deployed through
 * deployStaking (started only by tests that use it), an anvil snapshot reverted after each test, the injected
 * test wallet, and a check that no test leaves console errors behind.
 */
import { test as base, expect, type Page } from '@playwright/test';
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  toHex,
  type Address,
  type Hex,
  type LocalAccount
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { foundry } from 'viem/chains';
import { startAnvil, type Anvil } from '../../../contracts/test/anvil';
import { deployStaking, QUICK_TIMING, type StakingDeployment } from '../../../src/lib/staking/deploy';
import { nmrStakingAbi, testNmrAbi } from '../../../src/lib/staking/generated/contracts';
import { walletInitScript } from './bundleShim';
import type { E2EWalletConfig } from './shim';

/** anvil's public dev mnemonic: chain 31337 only. Account 0 deploys, holds RESOLVER_ROLE and may mint tNMR. */
const MNEMONIC = 'test test test test test test test test test test test junk';
/** The page's local chain timing (`npm run chain`): rounds every 10 s, resolvable after 10 s for 50 s, releases after 60 s. */
export const TIMING = QUICK_TIMING;
export const WEI = 10n ** 18n;

export interface DevAccount {
  account: LocalAccount;
  address: Address;
  privateKey: Hex;
}

export function devAccount(index: number): DevAccount {
  const account = mnemonicToAccount(MNEMONIC, { addressIndex: index });
  return { account, address: account.address, privateKey: toHex(account.getHdKey().privateKey!) };
}

function clientsFor(rpcUrl: string) {
  const chain = { ...foundry, rpcUrls: { default: { http: [rpcUrl] } } };
  const transport = http(rpcUrl);
  return {
    publicClient: createPublicClient({ chain, transport, pollingInterval: 50 }),
    testClient: createTestClient({ chain, transport, mode: 'anvil' }),
    walletOf: (account: LocalAccount) => createWalletClient({ account, chain, transport })
  };
}

/** The worker's anvil with the contracts deployed, and helpers to read and drive it from the test. */
export interface LocalChain extends ReturnType<typeof clientsFor> {
  anvil: Anvil;
  deployment: StakingDeployment;
  rpcUrl: string;
  tnmrOf(address: Address): Promise<bigint>;
  /** The position on `model` in `tournament` (default 0, the Numerai Tournament). */
  positionOf(model: Hex, address: Address, tournament?: number): Promise<{ active: bigint; pending: bigint; releaseAt: bigint; lastResolvedRound: bigint }>;
  /** evm_increaseTime + evm_mine. */
  travel(seconds: number): Promise<void>;
  /** Mints tNMR to `to` (the deployer is a minter on this test chain; reverted with the test's snapshot). */
  mint(to: Address, amount: bigint): Promise<void>;
}

export interface OpenOptions {
  /** Dev account index for the wallet (default 1; 0 is the deployer and resolver). */
  account?: number;
  /** Chain the wallet starts on (default 31337). */
  chainId?: number;
  reject?: E2EWalletConfig['reject'];
  /** Path and query (default /stake). */
  path?: string;
  /** Extra localStorage entries to set before the page loads. */
  storage?: Record<string, string>;
}

interface Fixtures {
  /** Console errors and page errors seen during the test; must be empty at the end. */
  consoleErrors: string[];
  /** The worker's anvil, reverted to a snapshot after the test. */
  local: LocalChain;
  /** Opens the Stake page with the test wallet injected and the page pointed at the local anvil. */
  openStake(options?: OpenOptions): Promise<DevAccount>;
}

export const test = base.extend<Fixtures, { localChain: LocalChain }>({
  localChain: [
    async ({}, use) => {
      const anvil = await startAnvil();
      const clients = clientsFor(anvil.rpcUrl);
      const deployer = devAccount(0);
      const deployment = await deployStaking(clients.walletOf(deployer.account), clients.publicClient, {
        timing: TIMING,
        expectedChainId: 31337,
        extraMinters: [deployer.address]
      });
      const { publicClient, testClient } = clients;
      await use({
        ...clients,
        anvil,
        deployment,
        rpcUrl: anvil.rpcUrl,
        tnmrOf: (address) => publicClient.readContract({ address: deployment.contracts.testNmr, abi: testNmrAbi, functionName: 'balanceOf', args: [address] }),
        positionOf: async (model, address, tournament = 0) => ({
          ...(await publicClient.readContract({ address: deployment.contracts.nmrStaking, abi: nmrStakingAbi, functionName: 'positionOf', args: [tournament, model, address] }))
        }),
        travel: async (seconds) => {
          await testClient.increaseTime({ seconds });
          await testClient.mine({ blocks: 1 });
        },
        mint: async (to, amount) => {
          const admin = clients.walletOf(deployer.account);
          const hash = await admin.writeContract({ address: deployment.contracts.testNmr, abi: testNmrAbi, functionName: 'mint', args: [to, amount] });
          await publicClient.waitForTransactionReceipt({ hash });
        }
      });
      await anvil.stop();
    },
    { scope: 'worker', timeout: 60_000 }
  ],

  local: async ({ localChain }, use) => {
    // An earlier test's time travel survives evm_revert as a clock offset: bring the next block back to the wall clock
    // (or one second after the latest block, whichever is later), so each test starts with chain time ≈ real time.
    const { publicClient, testClient } = localChain;
    const latest = (await publicClient.getBlock()).timestamp;
    const wall = BigInt(Math.floor(Date.now() / 1000));
    await testClient.setNextBlockTimestamp({ timestamp: wall > latest ? wall : latest + 1n });
    await testClient.mine({ blocks: 1 });
    const id = await localChain.testClient.snapshot();
    await use(localChain);
    await localChain.testClient.revert({ id });
  },

  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true }
  ],

  openStake: async ({ page, local }, use) => {
    await use(async ({ account = 1, chainId = 31337, reject, path = '/stake', storage = {} } = {}) => {
      const dev = devAccount(account);
      const override = JSON.stringify({ rpcUrl: local.rpcUrl, deployment: local.deployment });
      const entries = { 'numerai-playground:local-chain': override, ...storage };
      await page.addInitScript(
        `for (const [k, v] of Object.entries(${JSON.stringify(entries)})) localStorage.setItem(k, v);`
      );
      await page.addInitScript(await walletInitScript({ chains: { 31337: local.rpcUrl }, chainId, privateKey: dev.privateKey, ...(reject ? { reject } : {}) }));
      await page.goto(path);
      await expect(page.getByTestId('stake-page')).toBeVisible({ timeout: 30_000 });
      return dev;
    });
  }
});

export { expect };

/** The wei amount in an element's `data-wei`. */
export async function weiOf(page: Page, testId: string, within?: string): Promise<bigint> {
  const scope = within ? page.getByTestId(within) : page;
  return BigInt((await scope.getByTestId(testId).getAttribute('data-wei')) ?? 'NaN');
}

/** Connects the injected test wallet and waits for the balances. */
export async function connectTestWallet(page: Page): Promise<void> {
  await page.getByTestId('wallet-test.e2e.wallet').click();
  await expect(page.getByTestId('tnmr-balance')).toBeVisible();
}

/** Waits for the transaction status to settle and returns it. */
export async function settled(page: Page): Promise<string> {
  const status = page.getByTestId('action-status');
  await expect(status).toHaveAttribute('data-status', /confirmed|failed|cancelled|replaced/, { timeout: 30_000 });
  return (await status.getAttribute('data-status'))!;
}

/** The wallet methods the page called, in order. */
export function walletLog(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__E2E_WALLET_LOG__);
}
