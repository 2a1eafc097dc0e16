import { expect, test } from '@playwright/test';

test('the score page scores the built-in dataset in a worker and draws the per-era CORR', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/score');
  await expect(page.getByTestId('corr-summary')).toContainText('CORR mean', { timeout: 30_000 });
  const bars = await page.getByTestId('era-chart').locator('rect').count();
  expect(bars).toBeGreaterThan(100);
  expect(errors).toEqual([]);
});
