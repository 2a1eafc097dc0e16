import { nmrStakingAbi } from '../../src/lib/staking/generated/contracts';
import { modelIdOf } from '../../src/lib/staking/modelId';
import { PROPOSAL_KEY, writeProposal } from '../../src/lib/staking/proposal';
import { connectTestWallet, expect, settled, test, TIMING, WEI, weiOf, walletLog, type LocalChain } from './wallet/fixture';
import type { Page } from '@playwright/test';

/** Opens the next round from the page, then moves anvil's clock until it can be resolved. */
async function openRoundAndWait(page: Page, local: LocalChain) {
  await page.getByTestId('open-round').click();
  expect(await settled(page)).toBe('confirmed');
  await local.travel(Number(TIMING.resolutionDelay));
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'resolvable');
}

async function resolveRound(page: Page, { corr, mmc, total = '' }: { corr: string; mmc: string; total?: string }) {
  await page.getByTestId('resolve-corr').fill(corr);
  await page.getByTestId('resolve-mmc').fill(mmc);
  await page.getByTestId('resolve-total').fill(total);
  const expected = BigInt((await page.getByTestId('resolve-expected').getAttribute('data-wei'))!);
  const bps = BigInt((await page.getByTestId('resolve-bps').textContent())!);
  await page.getByTestId('resolve-submit').click();
  expect(await settled(page)).toBe('confirmed');
  return { expected, bps };
}

test.describe('Stake page: round resolver', () => {
  test('a burn and a payout change the stake by exactly the rule\'s bigint amounts', async ({ page, openStake, local }) => {
    const me = await openStake({ account: 0 }); // the deployer holds RESOLVER_ROLE
    const model = modelIdOf('model_a');
    await local.mint(me.address, 100n * WEI);
    await connectTestWallet(page);
    await page.getByTestId('stake-amount').fill('100');
    await page.getByTestId('stake-submit').click();
    expect(await settled(page)).toBe('confirmed');
    await expect(page.getByTestId('resolve-math')).toBeVisible();
    await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'none');
    await expect(page.getByTestId('resolve-submit')).toBeDisabled();
    const wallet = await local.tnmrOf(me.address);

    await openRoundAndWait(page, local);
    await expect(page.getByTestId('round-status')).toHaveAttribute('data-round', '1');
    // round 1: CORR −0.03, MMC −0.01 → 0.5·(−0.03) + 2·(−0.01) = −3.5% → −350 bps → 3.5 tNMR burned
    const burn = await resolveRound(page, { corr: '-0.03', mmc: '-0.01' });
    expect(burn).toEqual({ bps: -350n, expected: -35n * WEI / 10n });
    await expect(page.getByTestId('resolution')).toHaveAttribute('data-delta', String(-35n * WEI / 10n));
    await expect(page.getByTestId('resolution')).toContainText('predicted −3.5 tNMR before sending: they agree.');
    expect((await local.positionOf(model, me.address)).active).toBe(965n * WEI / 10n);
    expect(await weiOf(page, 'resolution-active-after')).toBe(965n * WEI / 10n);

    // round 2: CORR 0.02, MMC 0.005, 100 000 NMR at risk → pf 0.72 → 1.44% → 144 bps of 96.5 = 1.3896 tNMR minted
    await openRoundAndWait(page, local);
    await expect(page.getByTestId('round-status')).toHaveAttribute('data-round', '2');
    const payout = await resolveRound(page, { corr: '0.02', mmc: '0.005', total: '100000' });
    const expectedPayout = (965n * WEI / 10n) * 144n / 10_000n;
    expect(payout).toEqual({ bps: 144n, expected: expectedPayout });
    expect(expectedPayout).toBe(13896n * WEI / 10_000n);
    expect((await local.positionOf(model, me.address)).active).toBe(965n * WEI / 10n + expectedPayout);
    await expect.poll(() => weiOf(page, 'active', 'position-model_a')).toBe(965n * WEI / 10n + expectedPayout);

    // the events on chain, and the wallet balance untouched (burns and payouts act on the stake)
    const events = await local.publicClient.getContractEvents({ address: local.deployment.contracts.nmrStaking, abi: nmrStakingAbi, eventName: 'StakeResolved', fromBlock: 0n });
    expect(events.map((e) => [e.args.roundId, e.args.delta])).toEqual([[1n, -35n * WEI / 10n], [2n, expectedPayout]]);
    expect(await local.tnmrOf(me.address)).toBe(wallet);
    await expect(page.getByTestId('history').locator('[data-kind="resolved"]').first()).toContainText('Round 2 paid 1.3896 tNMR on model_a');
    await expect(page.getByTestId('history').locator('[data-kind="resolved"]').nth(1)).toContainText('Round 1 burned 3.5 tNMR on model_a');
  });

  test('an account without RESOLVER_ROLE gets a note instead of the resolver', async ({ page, openStake }) => {
    await openStake({ account: 2 });
    await connectTestWallet(page);
    await expect(page.getByTestId('not-resolver')).toHaveText(/This account cannot resolve rounds/);
    await expect(page.getByTestId('resolve-submit')).toHaveCount(0);
  });

  test('a notebook proposal pre-fills the form and its scores (applied to the open round), and nothing is signed until the user stakes', async ({ page, openStake, local }) => {
    const storage = new Map<string, string>();
    const url = writeProposal(
      { model: 'model_b', amount: '10', scores: [{ round: 7, corr: 0.04, mmc: 0.01 }] },
      { storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) } }
    );
    expect(url).toBe('/stake?proposal=1');
    const me = await openStake({ account: 0, path: url, storage: { [PROPOSAL_KEY]: storage.get(PROPOSAL_KEY)! } });
    await local.mint(me.address, 10n * WEI);
    await expect(page.getByTestId('proposal-banner')).toContainText('Your notebook proposes staking 10 tNMR on model_b');
    await connectTestWallet(page);
    await page.getByTestId('proposal-review').click();
    await expect(page.getByTestId('stake-model')).toHaveValue('model_b');
    await expect(page.getByTestId('stake-amount')).toHaveValue('10');
    const log = await walletLog(page);
    expect(log.filter((m) => m === 'eth_sendTransaction' || m.startsWith('eth_sign'))).toEqual([]);

    await page.getByTestId('stake-submit').click();
    expect(await settled(page)).toBe('confirmed');
    await openRoundAndWait(page, local);
    await page.getByTestId('score-round-7').click();
    await expect(page.getByTestId('resolve-corr')).toHaveValue('0.04');
    // 0.5·0.04 + 2·0.01 = 4% → 400 bps of 10 tNMR = 0.4 tNMR
    await expect(page.getByTestId('resolve-bps')).toHaveText('400');
    await page.getByTestId('resolve-submit').click();
    expect(await settled(page)).toBe('confirmed');
    expect((await local.positionOf(modelIdOf('model_b'), me.address)).active).toBe(104n * WEI / 10n);
  });
});
