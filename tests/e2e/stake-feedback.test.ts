/**
 * Issue 10, items 2, 6 and 7: every action's outcome appears next to the control that started it (and is announced),
 * stale success boxes go away when a new action starts, an over-balance stake is refused beside the form, the
 * resolver's result never contradicts the numbers shown with it, and "Review" on a proposal before a wallet is
 * connected says what to do.
 */
import type { Locator, Page } from '@playwright/test';
import { PROPOSAL_KEY, writeProposal } from '../../src/lib/staking/proposal';
import { connectTestWallet, expect, test, TIMING, WEI, walletLog, type LocalChain } from './wallet/fixture';

/** The outcome shown inside `scope` once it settled: its status (confirmed, failed, …). */
async function outcomeIn(scope: Locator): Promise<string> {
  const status = scope.getByTestId('action-status');
  await expect(status).toHaveAttribute('data-status', /confirmed|failed|cancelled|replaced/, { timeout: 30_000 });
  return (await status.getAttribute('data-status'))!;
}

async function inViewport(page: Page, locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const height = page.viewportSize()!.height;
  return !!box && box.y >= 0 && box.y + box.height <= height;
}

async function stakeAndOpenRound(page: Page, local: LocalChain, amount: string) {
  await page.getByTestId('stake-amount').fill(amount);
  await page.getByTestId('stake-submit').click();
  expect(await outcomeIn(page.getByTestId('stake-form'))).toBe('confirmed');
  await page.getByTestId('open-round').click();
  expect(await outcomeIn(page.getByTestId('resolver'))).toBe('confirmed');
  await local.travel(Number(TIMING.resolutionDelay));
  await page.getByTestId('refresh').click();
  await expect(page.getByTestId('round-status')).toHaveAttribute('data-state', 'resolvable');
}

test.describe('Stake page: feedback where the eye is (issue 10)', () => {
  test('10.2 resolving an already-resolved round says so next to Resolve, announced, and the earlier success box goes away', async ({ page, openStake, local }) => {
    await page.setViewportSize({ width: 1000, height: 700 });
    const me = await openStake({ account: 0 });
    await local.mint(me.address, 100n * WEI);
    await connectTestWallet(page);
    await stakeAndOpenRound(page, local, '10');
    const resolver = page.getByTestId('resolver');
    await page.getByTestId('resolve-submit').click();
    expect(await outcomeIn(resolver)).toBe('confirmed');
    await expect(page.getByTestId('resolution')).toBeVisible();

    // the same round again, scrolled to the resolver: the refusal shows beside the button, in view, announced
    await page.getByTestId('resolve-submit').scrollIntoViewIfNeeded();
    await page.getByTestId('resolve-submit').click();
    expect(await outcomeIn(resolver)).toBe('failed');
    const status = resolver.getByTestId('action-status');
    await expect(status).toContainText('already resolved in round 1');
    await expect(status).toHaveAttribute('aria-live', /polite|assertive/);
    expect(await inViewport(page, status)).toBe(true);
    await expect(page.getByTestId('resolution')).toHaveCount(0); // no stale "StakeResolved" success beside it
  });

  test('10.2 an over-balance stake is refused with a message next to the form, and nothing is sent', async ({ page, openStake, local }) => {
    const me = await openStake();
    await local.mint(me.address, 50n * WEI);
    await connectTestWallet(page);
    const form = page.getByTestId('stake-form');
    await page.getByTestId('stake-amount').fill('80');
    await expect(form.getByTestId('stake-balance-error')).toHaveText('You hold 50 tNMR; staking 80 tNMR needs 30 tNMR more. Use the faucet first.');
    await expect(page.getByTestId('stake-submit')).toBeDisabled();
    expect((await walletLog(page)).filter((m) => m === 'eth_sendTransaction' || m.startsWith('eth_sign'))).toEqual([]);
    await page.getByTestId('stake-amount').fill('50');
    await expect(form.getByTestId('stake-balance-error')).toHaveCount(0);
    await expect(page.getByTestId('stake-submit')).toBeEnabled();
  });

  test('10.2 each outcome stays beside its own control: the faucet\'s shows at the faucet, and starting it clears the stake form\'s old success', async ({ page, openStake, local }) => {
    const me = await openStake();
    await local.mint(me.address, 50n * WEI);
    await connectTestWallet(page);
    await page.getByTestId('stake-amount').fill('10');
    await page.getByTestId('stake-submit').click();
    expect(await outcomeIn(page.getByTestId('stake-form'))).toBe('confirmed');
    await page.getByTestId('faucet').click();
    expect(await outcomeIn(page.getByTestId('account-panel'))).toBe('confirmed');
    // starting another action cleared the stake form's old success box
    await expect(page.getByTestId('stake-form').getByTestId('action-status')).toHaveCount(0);
  });

  test('10.6 the resolver\'s result states its own prediction and never points at numbers that moved on', async ({ page, openStake, local }) => {
    const me = await openStake({ account: 0 });
    await local.mint(me.address, 100n * WEI);
    await connectTestWallet(page);
    await stakeAndOpenRound(page, local, '100');
    await page.getByTestId('resolve-corr').fill('-0.03');
    await page.getByTestId('resolve-mmc').fill('-0.01');
    await expect(page.getByTestId('resolve-expected')).toHaveAttribute('data-wei', String(-35n * WEI / 10n));
    await page.getByTestId('resolve-submit').click();
    expect(await outcomeIn(page.getByTestId('resolver'))).toBe('confirmed');
    const result = page.getByTestId('resolution');
    await expect(result).toContainText('delta −3.5 tNMR');
    await expect(result).toContainText('predicted −3.5 tNMR before sending');
    await expect(result).not.toContainText('above');
    // the panel no longer previews a change for round 1 as if it were still to come
    await expect(page.getByTestId('resolve-expected')).toHaveCount(0);
    await expect(page.getByTestId('resolve-done')).toContainText('model_a was resolved in round 1');
  });

  test('10.7 "Review" on a proposal before a wallet is connected says what to do, and connecting fills the form', async ({ page, openStake, local }) => {
    const storage = new Map<string, string>();
    writeProposal({ model: 'model_b', amount: '10' }, { storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) } });
    const me = await openStake({ path: '/stake?proposal=1', storage: { [PROPOSAL_KEY]: storage.get(PROPOSAL_KEY)! } });
    await local.mint(me.address, 10n * WEI);
    await page.getByTestId('proposal-review').click();
    const hint = page.getByTestId('proposal-hint');
    await expect(hint).toHaveText('Connect a wallet below to review this stake: the form opens with model_b and 10 tNMR filled in. Nothing is signed until you press Stake.');
    await expect(hint).toHaveAttribute('role', 'status');
    await connectTestWallet(page);
    await expect(page.getByTestId('stake-model')).toHaveValue('model_b');
    await expect(page.getByTestId('stake-amount')).toHaveValue('10');
    await expect(page.getByTestId('proposal-hint')).toHaveCount(0);
  });
});
