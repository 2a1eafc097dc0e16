// The app's pages brought to a settled state for whole-page checks (phone widths, axe-core).
import { expect, type Page } from '@playwright/test';

/** Waits until every runnable cell of the open notebook is done and its charts are drawn (`chartCell`'s chart, say). */
export async function waitForTutorial(page: Page, timeout = 120_000, chartCell = 'neutral'): Promise<void> {
  await expect(page.locator('[data-cell-id]').first()).toBeVisible({ timeout: 30_000 });
  await expect
    .poll(() => page.locator('[data-cell-id]:not([data-kind="markdown"])').evaluateAll((cells) => cells.filter((c) => c.getAttribute('data-status') !== 'done').length), {
      timeout,
      intervals: [250]
    })
    .toBe(0);
  // charts load with the chart kit after their cell is done
  await expect(page.locator(`[data-cell-id="${chartCell}"] svg.np-chart`).first()).toBeVisible({ timeout: 30_000 });
}

/** Starts the practice wallet (an in-browser chain), takes tNMR from the faucet and stakes 10 on model_a. */
export async function startPracticeStake(page: Page): Promise<void> {
  await page.getByTestId('wallet-practice').click();
  await expect(page.getByTestId('network')).toHaveAttribute('data-chain-id', '900', { timeout: 90_000 });
  const settled = () => expect(page.getByTestId('action-status')).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 });
  await page.getByTestId('faucet').click();
  await settled();
  await page.getByTestId('stake-amount').fill('10');
  await page.getByTestId('stake-submit').click();
  await settled();
  await expect(page.getByTestId('positions')).toBeVisible();
}
