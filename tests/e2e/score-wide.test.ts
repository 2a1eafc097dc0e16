// The Score page on a Numerai-v5-shaped file (2,376 int8 features, id as the pandas index, float32 targets with NaN,
// written by DuckDB): the feature sets of features.json as a choice (smallest first), the estimate before reading,
// a warning before a job of minutes, progress with an ETA while scoring era by era, and Cancel.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startRangeServer } from '../helpers/rangeServer';
import { writeNumeraiFiles, type NumeraiFiles } from '../helpers/writeNumeraiFiles';
import { watchErrors } from './helpers';

let dir = '';
let files: NumeraiFiles;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), 'np-wide-'));
  // 20,000 rows in 20 eras of 1,000: small enough for CI, wide enough that "all" would take minutes
  files = await writeNumeraiFiles(dir, { eras: 20, rowsPerEra: 1000, features: 2376, targets: 10, write: { predictionsParquet: false, benchmark: false } });
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('features.json sets are offered smallest first with an estimate; "all" is flagged as minutes; the small set loads and scores', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('data-file').setInputFiles(files.data);
  await page.getByTestId('features-file').setInputFiles(files.featuresJson);
  const select = page.getByTestId('feature-set');
  await expect(select.locator('option')).toHaveText(['small (42 features)', 'medium (714 features)', 'all (2,376 features)', 'every feature of the file']);
  await expect(select).toHaveValue('small');
  const estimate = page.getByTestId('estimate');
  await expect(estimate).toContainText('validation.parquet: 20,000 rows in about 20 eras; 42 of 2,376 features; reads ');
  await expect(estimate).toContainText('scoring one model takes');
  await expect(page.getByTestId('estimate-warning')).toHaveCount(0);

  await select.selectOption('all');
  await expect(estimate).toContainText('2,376 of 2,376 features');
  await expect(page.getByTestId('estimate-warning')).toContainText('Scoring will take about');
  await expect(page.getByRole('button', { name: 'Load file' })).toBeDisabled();
  await page.getByTestId('confirm-slow').check();
  await expect(page.getByRole('button', { name: 'Load file' })).toBeEnabled();

  await select.selectOption('small');
  await expect(page.getByTestId('estimate-warning')).toHaveCount(0);
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('20,000 rows · 20 eras · 42 features', { timeout: 60_000 });
  await page.getByTestId('meta-file').setInputFiles(files.metaModel!);
  await page.getByTestId('predictions-file').setInputFiles(files.predictionsCsv!);
  await expect(page.getByTestId('summary-table').locator('tr', { hasText: 'FNC' }).first()).toBeVisible({ timeout: 60_000 });
  expect(errors).toEqual([]);
});

test('scoring against a large set streams era by era with progress and an ETA, and Cancel stops it keeping the data', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('data-file').setInputFiles(files.data);
  await page.getByTestId('features-file').setInputFiles(files.featuresJson);
  await page.getByTestId('feature-set').selectOption('medium');
  await expect(page.getByTestId('estimate')).toContainText('714 of 2,376 features');
  const confirm = page.getByTestId('confirm-slow');
  if (await confirm.count()) await confirm.check();
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('20,000 rows · 20 eras · 714 features', { timeout: 90_000 });
  await page.getByTestId('predictions-file').setInputFiles(files.predictionsCsv!);
  const status = page.getByRole('status');
  await expect(status).toContainText(/scoring eras: \d+ of 20 \(\d+%\)/, { timeout: 60_000 });
  await expect(status).toContainText(/left/, { timeout: 60_000 });
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('error')).toContainText('Cancelled');
  await expect(page.getByTestId('dataset-summary')).toContainText('714 features');
});

test('a parquet URL on an allowed host is read with range requests (bytes fetched shown); other hosts are refused with the reason', async ({ page }) => {
  test.setTimeout(180_000);
  const server = await startRangeServer({ 'validation.parquet': files.data });
  try {
    await page.goto('/score');
    await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('data-url').fill('https://example.com/validation.parquet');
    await page.getByRole('button', { name: 'Use URL' }).click();
    await expect(page.getByTestId('error')).toContainText('Content-Security-Policy allows');
    expect(server.requests).toEqual([]);

    await page.getByTestId('data-url').fill(server.url('validation.parquet'));
    await page.getByRole('button', { name: 'Use URL' }).click();
    await page.getByTestId('features-file').setInputFiles(files.featuresJson);
    await expect(page.getByTestId('estimate')).toContainText('validation.parquet: 20,000 rows in about 20 eras; 42 of 2,376 features; reads ');
    await page.getByRole('button', { name: 'Load file' }).click();
    await expect(page.getByTestId('dataset-summary')).toContainText('20,000 rows · 20 eras · 42 features', { timeout: 60_000 });
    await expect(page.locator('.note', { hasText: 'with HTTP range requests' })).toContainText(/Fetched [\d.]+ [kM]B of [\d.]+ MB/);
    const gets = server.requests.filter((r) => r.method === 'GET');
    expect(gets.length).toBeGreaterThan(0);
    expect(gets.every((r) => r.range)).toBe(true);
    expect(server.bytesSent).toBeLessThan(0.2 * (await import('node:fs')).statSync(files.data).size);
  } finally {
    await server.close();
  }
});
