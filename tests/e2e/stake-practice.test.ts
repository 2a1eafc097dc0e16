import { expect, settled, test, WEI, weiOf } from './wallet/fixture';

test.describe('Stake page: practice wallet', () => {
  test('with no chain running: start the in-browser chain, faucet, stake, resolve a payout and a burn', async ({ page, baseURL }) => {
    test.setTimeout(120_000);
    const offsite: string[] = [];
    page.on('request', (r) => !r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && offsite.push(r.url()));
    await page.goto('/stake');
    await page.getByTestId('wallet-practice').click();
    await expect(page.getByTestId('network')).toHaveAttribute('data-chain-id', '900', { timeout: 60_000 });
    await expect(page.getByTestId('account')).toBeVisible();
    await expect(page.getByTestId('tnmr-balance')).toBeVisible();
    const eth = await weiOf(page, 'eth-balance'); // 100 ETH minus the gas of deploying the contracts
    expect(eth > 99n * WEI && eth < 100n * WEI).toBe(true);

    await page.getByTestId('faucet').click();
    expect(await settled(page)).toBe('confirmed');
    await expect.poll(() => weiOf(page, 'tnmr-balance')).toBe(100n * WEI);
    await expect(page.getByTestId('faucet-cooldown')).toContainText(/Next drip in (\d+ s|1 min 00 s)/);

    await page.getByTestId('stake-amount').fill('10');
    await page.getByTestId('stake-submit').click(); // permit + stake
    expect(await settled(page)).toBe('confirmed');
    await expect.poll(() => weiOf(page, 'active', 'position-model_a')).toBe(10n * WEI);
    expect(await weiOf(page, 'tnmr-balance')).toBe(90n * WEI);

    // rounds on the practice chain open every 10 s and can be resolved 10 s after opening (no time travel here)
    const openAndWait = async (round: string) => {
      await page.getByTestId('open-round').click();
      expect(await settled(page)).toBe('confirmed');
      await expect(page.getByTestId('round-status')).toHaveAttribute('data-round', round);
      await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'resolvable', { timeout: 30_000 });
    };
    await openAndWait('1');

    // payout: CORR 0.1, MMC 0.02 → 9% clipped to 5% → +500 bps → +0.5 tNMR
    await page.getByTestId('resolve-corr').fill('0.1');
    await page.getByTestId('resolve-mmc').fill('0.02');
    await expect(page.getByTestId('resolve-math')).toContainText('(clipped)');
    await expect(page.getByTestId('resolve-bps')).toHaveText('500');
    await page.getByTestId('resolve-submit').click();
    expect(await settled(page)).toBe('confirmed');
    await expect(page.getByTestId('resolution')).toHaveAttribute('data-delta', String(WEI / 2n));
    await expect.poll(() => weiOf(page, 'active', 'position-model_a')).toBe(105n * WEI / 10n);

    // burn, in round 2 (opened after round 1's payout): CORR −0.01, MMC −0.003 → −1.1% → −110 bps of 10.5 = −0.1155 tNMR
    await expect(page.getByTestId('open-round')).toBeEnabled({ timeout: 20_000 });
    await openAndWait('2');
    await page.getByTestId('resolve-corr').fill('-0.01');
    await page.getByTestId('resolve-mmc').fill('-0.003');
    await expect(page.getByTestId('resolve-bps')).toHaveText('-110');
    await page.getByTestId('resolve-submit').click();
    expect(await settled(page)).toBe('confirmed');
    await expect(page.getByTestId('resolution')).toHaveAttribute('data-delta', String(-1155n * WEI / 10_000n));
    await expect.poll(() => weiOf(page, 'active', 'position-model_a')).toBe(105n * WEI / 10n - 1155n * WEI / 10_000n);
    await expect(page.getByTestId('history').locator('[data-kind="resolved"]')).toHaveCount(2);

    // a decoded refusal from the practice chain too (tevm's revert data is passed through)
    const row = page.getByTestId('position-model_a');
    await row.getByTestId('release-amount').fill('50');
    await row.getByTestId('release-request').click();
    expect(await settled(page)).toBe('failed');
    await expect(page.getByTestId('tx-error')).toHaveAttribute('data-error-name', 'NMRStakingReleaseExceedsActive');

    expect(offsite).toEqual([]);

    // the practice chain lives in the tab: a reload offers the wallets again instead of a dead connection
    await page.reload();
    await expect(page.getByTestId('wallet-practice')).toBeVisible();
    await expect(page.getByTestId('account')).toHaveCount(0);
  });
});
