import { expect, test, type Page } from '@playwright/test';
import { watchErrors, fixture } from './helpers';


test('the score page scores the built-in dataset in a worker and draws the per-era CORR', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toContainText('example_prediction', { timeout: 30_000 });
  await expect(page.getByTestId('summary-table')).toContainText('CORR');
  expect(await page.getByTestId('era-chart').locator('svg rect').count()).toBeGreaterThan(20);
  expect(errors).toEqual([]);
});

test('a Numerai parquet file, a predictions CSV and the meta model load and score as numerai-tools does', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('data-file').setInputFiles(fixture('validation.parquet'));
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('15,061 rows · 60 eras · 16 features');
  await page.getByTestId('meta-file').setInputFiles(fixture('meta_model.parquet'));
  await page.getByTestId('predictions-file').setInputFiles(fixture('predictions/linear.csv'));
  const table = page.getByTestId('summary-table');
  // numerai-tools: CORR mean 0.06287141876680949, MMC mean 0.0022192081506169537 over 58 scored eras
  await expect(table.locator('tr', { hasText: 'CORR' }).first()).toContainText('0.0629');
  await expect(table.locator('tr', { hasText: 'MMC' }).first()).toContainText('0.0022');
  await expect(table.locator('tr', { hasText: 'CORR' }).first()).toContainText('58');
  expect(errors).toEqual([]);
});

test('a bad predictions file and a file that is not parquet say what is wrong, and the page keeps working', async ({ page }) => {
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('predictions-file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('id,prediction\nn0001690bbf1ced7,1.7\n') });
  await expect(page.getByTestId('error')).toContainText('outside [0, 1]');
  await page.getByTestId('data-file').setInputFiles({ name: 'broken.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from('PAR1 this is not a parquet file PAR1') });
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('error')).toContainText('broken.parquet');
  await page.getByRole('button', { name: 'Use built-in data' }).click();
  await expect(page.getByTestId('summary-table')).toContainText('example_prediction');
});
