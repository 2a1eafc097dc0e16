import type { Page } from '@playwright/test';
import { modelIdOf } from '../../src/lib/staking/modelId';
import { testNmrAbi } from '../../src/lib/staking/generated/contracts';
import { connectTestWallet, expect, settled, test, WEI, weiOf, walletLog } from './wallet/fixture';

const MODEL = modelIdOf('model_a');


async function stake(page: Page, amount: string, method: 'permit' | 'approve') {
  await page.getByTestId('stake-model').fill('model_a');
  await page.getByTestId('stake-amount').fill(amount);
  await page.getByTestId(`method-${method}`).check();
  await page.getByTestId('stake-submit').click();
  return settled(page);
}

const sent = (log: string[]) => log.filter((m) => m === 'eth_sendTransaction').length;

test.describe('Stake page: staking', () => {
  test('approve + stake approves exactly the amount, then stakes; no approval when the allowance covers it', async ({ page, openStake, local }) => {
    const me = await openStake();
    await local.mint(me.address, 100n * WEI);
    await connectTestWallet(page);
    await page.getByTestId('stake-amount').fill('12.5');
    await page.getByTestId('method-approve').check();
    await expect(page.getByTestId('approval-note')).toContainText('first approve exactly 12.5 tNMR');
    expect(await stake(page, '12.5', 'approve')).toBe('confirmed');
    expect(sent(await walletLog(page))).toBe(2); // approve + stake
    expect((await local.positionOf(MODEL, me.address)).active).toBe(125n * WEI / 10n);
    expect(await local.tnmrOf(me.address)).toBe(875n * WEI / 10n);
    await expect.poll(() => weiOf(page, 'active', 'position-model_a')).toBe(125n * WEI / 10n);
    expect(await weiOf(page, 'allowance')).toBe(0n); // the exact approval was used up

    // an allowance that already covers the stake: one transaction only
    const wallet = local.walletOf(me.account);
    await local.publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({ address: local.deployment.contracts.testNmr, abi: testNmrAbi, functionName: 'approve', args: [local.deployment.contracts.nmrStaking, 20n * WEI] })
    });
    await page.getByTestId('refresh').click();
    await expect.poll(() => weiOf(page, 'allowance')).toBe(20n * WEI);
    await page.getByTestId('stake-amount').fill('5');
    await expect(page.getByTestId('approval-note')).toContainText('no approval needed');
    expect(await stake(page, '5', 'approve')).toBe('confirmed');
    expect(sent(await walletLog(page))).toBe(3);
    expect((await local.positionOf(MODEL, me.address)).active).toBe(175n * WEI / 10n);
    await expect.poll(() => weiOf(page, 'allowance')).toBe(15n * WEI);
  });

  test('permit + stake takes one signature and one transaction', async ({ page, openStake, local }) => {
    const me = await openStake();
    await local.mint(me.address, 50n * WEI);
    await connectTestWallet(page);
    expect(await stake(page, '10', 'permit')).toBe('confirmed');
    const log = await walletLog(page);
    expect(log.filter((m) => m === 'eth_signTypedData_v4')).toHaveLength(1);
    expect(sent(log)).toBe(1);
    expect((await local.positionOf(MODEL, me.address)).active).toBe(10n * WEI);
    expect(await local.tnmrOf(me.address)).toBe(40n * WEI);
    await expect(page.getByTestId('history').locator('[data-kind="staked"]')).toContainText('Staked 10 tNMR on model_a');
  });

  test('a rejected signature or transaction shows "cancelled" and sends nothing', async ({ page, openStake, local }) => {
    const me = await openStake({ reject: { sign: true, transaction: true } });
    await local.mint(me.address, 50n * WEI);
    await connectTestWallet(page);
    expect(await stake(page, '10', 'permit')).toBe('cancelled');
    await expect(page.getByTestId('action-status')).toContainText('You refused in the wallet; nothing was sent.');
    expect(await stake(page, '10', 'approve')).toBe('cancelled');
    const log = await walletLog(page);
    expect(log).toContain('eth_signTypedData_v4');
    expect(log.filter((m) => m === 'eth_sendRawTransaction')).toHaveLength(0);
    expect(await local.tnmrOf(me.address)).toBe(50n * WEI);
    expect((await local.positionOf(MODEL, me.address)).active).toBe(0n);
  });

  test('release: a decoded refusal, a countdown, time travel on anvil, then withdraw', async ({ page, openStake, local }) => {
    const me = await openStake();
    await local.mint(me.address, 30n * WEI);
    await connectTestWallet(page);
    expect(await stake(page, '10', 'permit')).toBe('confirmed');
    const row = page.getByTestId('position-model_a');

    // more than the active stake: simulated first, decoded into a sentence, nothing sent
    const before = sent(await walletLog(page));
    await row.getByTestId('release-amount').fill('20');
    await row.getByTestId('release-request').click();
    expect(await settled(page)).toBe('failed');
    await expect(page.getByTestId('tx-error')).toHaveAttribute('data-error-name', 'NMRStakingReleaseExceedsActive');
    await expect(page.getByTestId('tx-error')).toHaveText('You can release at most 10 tNMR from model_a, not 20 tNMR.');
    expect(sent(await walletLog(page))).toBe(before);

    await row.getByTestId('release-amount').fill('4');
    await row.getByTestId('release-request').click();
    expect(await settled(page)).toBe('confirmed');
    await expect.poll(() => weiOf(page, 'pending', 'position-model_a')).toBe(4n * WEI);
    expect(await weiOf(page, 'active', 'position-model_a')).toBe(6n * WEI);
    // 60 s of chain time (anvil's clock runs a little ahead of the wall clock when it mines several blocks a second)
    await expect(row.getByTestId('release-at')).toContainText(/^in (\d+ s|1 min 00 s)$/);
    expect(Number(await row.getByTestId('release-at').locator('.countdown').getAttribute('data-seconds-left'))).toBeGreaterThan(40);
    await expect(row.getByTestId('withdraw')).toBeDisabled();

    await local.travel(61);
    await page.getByTestId('refresh').click();
    await expect(row.getByTestId('release-at')).toHaveText('unlocked');
    await row.getByTestId('withdraw').click();
    expect(await settled(page)).toBe('confirmed');
    await expect.poll(() => weiOf(page, 'pending', 'position-model_a')).toBe(0n);
    expect(await local.tnmrOf(me.address)).toBe(24n * WEI);
    expect(await weiOf(page, 'tnmr-balance')).toBe(24n * WEI);
    await expect(page.getByTestId('history').locator('[data-kind="released"]')).toContainText('Withdrew 4 tNMR from model_a');
  });

  test('a reload while a transaction is pending resumes waiting for it', async ({ page, openStake, local }) => {
    const me = await openStake();
    await local.mint(me.address, 100n * WEI);
    await connectTestWallet(page);
    await local.testClient.setAutomine(false);
    try {
      await page.getByTestId('stake-amount').fill('7');
      await page.getByTestId('method-permit').check();
      await page.getByTestId('stake-submit').click();
      await expect(page.getByTestId('action-status')).toHaveAttribute('data-status', 'pending');
      await page.reload();
      await expect(page.getByTestId('action-status')).toHaveAttribute('data-status', 'pending', { timeout: 30_000 });
      await local.testClient.mine({ blocks: 1 });
      expect(await settled(page)).toBe('confirmed');
    } finally {
      await local.testClient.setAutomine(true);
    }
    expect((await local.positionOf(MODEL, me.address)).active).toBe(7n * WEI);
  });

  test('a transaction the wallet replaces (speed-up/cancel) ends as "replaced"', async ({ page, openStake, local }) => {
    const me = await openStake({ account: 4 });
    await connectTestWallet(page);
    await local.testClient.setAutomine(false);
    try {
      await page.getByTestId('faucet').click();
      await expect(page.getByTestId('action-status')).toHaveAttribute('data-status', 'pending');
      // viem recognises a replacement only once it has fetched the original transaction (its sender and nonce), on
      // its first polls (every 500 ms here); a real user cancels seconds later. Replacing at once raced it in CI.
      await page.waitForTimeout(2_000);
      // the same nonce, sent again as a 0-value self-transfer with a higher fee: how wallets cancel
      const nonce = await local.publicClient.getTransactionCount({ address: me.address, blockTag: 'latest' });
      const fees = await local.publicClient.estimateFeesPerGas();
      const tip = fees.maxPriorityFeePerGas * 3n + 10n ** 9n; // the fee cap covers the tip even when the base fee is low
      await local.walletOf(me.account).sendTransaction({ to: me.address, value: 0n, nonce, maxFeePerGas: fees.maxFeePerGas * 3n + tip, maxPriorityFeePerGas: tip });
      await local.testClient.mine({ blocks: 1 });
      expect(await settled(page)).toBe('replaced');
      await expect(page.getByTestId('action-status')).toContainText('The wallet cancelled it');
    } finally {
      await local.testClient.setAutomine(true);
    }
    expect(await local.tnmrOf(me.address)).toBe(0n);
  });
});
