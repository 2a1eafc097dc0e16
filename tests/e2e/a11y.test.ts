// axe-core on the pages (Learn, Learn Signals, a notebook, Score files with Tournament and Signals files, Stake before and after staking): no violations of any rule
// axe runs by default (WCAG 2.x A/AA and best practices such as unique landmarks). The light theme on a desktop, the
// dark one on a phone (where wide tables scroll in their own box): contrast depends on the theme, scrolling on the width.
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SIGNALS_DEV } from '../helpers/fixtures';
import { startPracticeStake, waitForTutorial } from './pages';

/** The violations on the page as "rule (impact): target — summary" lines, so a failure says what to fix. */
async function violations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ').slice(0, 200)}`));
}

for (const [colorScheme, width] of [['light', 1280], ['dark', 390]] as const)
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test(`Learn, a notebook and Score files at ${width} px`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/');
      await waitForTutorial(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      expect(await violations(page), 'Learn').toEqual([]);

      await page.goto('/notebook');
      await expect(page.locator('[data-cell-id]').first()).toBeVisible({ timeout: 30_000 });
      expect(await violations(page), 'Notebook').toEqual([]);

      await page.goto('/score');
      await expect(page.getByTestId('summary-table')).toContainText('example_prediction', { timeout: 60_000 });
      await expect(page.getByTestId('era-chart').locator('.np-chart-host svg.np-chart')).toBeVisible();
      expect(await violations(page), 'Score files').toEqual([]);
    });

    test(`Learn Signals and Signals scores on the Score page at ${width} px`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/signals');
      await waitForTutorial(page, 180_000, 'turnoverChart');
      expect(await violations(page), 'Learn Signals').toEqual([]);

      await page.goto('/score');
      await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 60_000 });
      await page.getByTestId('data-file').setInputFiles(`${SIGNALS_DEV}signals.parquet`);
      await page.getByRole('button', { name: 'Load file' }).click();
      await expect(page.getByTestId('dataset-summary')).toContainText('36 dates', { timeout: 60_000 });
      await page.getByTestId('signals-file').setInputFiles([`${SIGNALS_DEV}predictions/quality.csv`, `${SIGNALS_DEV}predictions/noise.csv`]);
      await expect(page.getByTestId('signals-chart').locator('svg.np-chart')).toBeVisible({ timeout: 60_000 });
      expect(await violations(page), 'Score files, Signals').toEqual([]);
    });

    test(`Stake at ${width} px: choosing a wallet, then the practice wallet with a stake, its position and the resolver`, async ({ page }) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width, height: 900 });
      await page.goto('/stake');
      await expect(page.getByText('No browser wallet found')).toBeVisible({ timeout: 30_000 });
      expect(await violations(page), 'Stake, no wallet').toEqual([]);
      await startPracticeStake(page);
      await expect(page.getByTestId('action-status')).toBeVisible();
      expect(await violations(page), 'Stake, staked').toEqual([]);
    });
  });
