import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SIGNALS_DEV } from '../helpers/fixtures';
import { watchErrors } from './helpers';

interface Expected {
  dates: string[];
  scores: Record<string, { per_era: Record<string, Record<string, number | null>>; summary: Record<string, { mean: number; std: number }> }>;
}
const expected = JSON.parse(readFileSync(`${SIGNALS_DEV}expected.json`, 'utf8')) as Expected;
const MODELS = ['quality', 'momentum', 'sector_bet', 'noise'];
const labels = { alpha: 'Alpha', mpc: 'MPC', churn: 'Churn', turnover: 'Turnover' } as const;
const num = (s: string) => (s === '—' ? NaN : Number(s.replace('\u2212', '-')));

test('the Score page recognises Signals files and scores the signals-dev fixture as numerai-tools (alpha, MPC, churn, turnover)', async ({ page }) => {
  test.setTimeout(180_000);
  const errors = watchErrors(page);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('data-file').setInputFiles(`${SIGNALS_DEV}signals.parquet`);
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('22,769 rows · 36 dates · 700 tickers · 23 neutralizers');
  await expect(page.getByTestId('summary-table')).toHaveCount(0); // the Tournament results are gone
  await expect(page.getByTestId('estimate-error')).toHaveCount(0); // no Tournament estimate is tried on a Signals file
  await page.getByTestId('signals-file').setInputFiles(MODELS.map((m) => `${SIGNALS_DEV}predictions/${m}.csv`));
  await expect(page.getByText('noise.csv → signal "noise": 36 dates')).toBeVisible({ timeout: 60_000 });
  await page.getByTestId('stakes-file').setInputFiles(`${SIGNALS_DEV}stakes.json`);
  const table = page.getByTestId('signals-summary').locator('table');
  await expect(table.locator('tr', { hasText: 'MPC' })).toHaveCount(4, { timeout: 60_000 });
  // every model × metric mean to the 4 decimals shown (std too), against numerai-tools
  for (const model of MODELS)
    for (const [metric, label] of Object.entries(labels)) {
      const row = table.locator('tr').filter({ has: page.locator('td', { hasText: new RegExp(`^${model}$`) }) }).filter({ has: page.locator('td', { hasText: new RegExp(`^${label}$`) }) });
      const cells = await row.locator('td').allInnerTexts();
      const want = expected.scores[model].summary[metric];
      expect(num(cells[2]), `${model} ${metric} mean`).toBeCloseTo(want.mean, 4);
      expect(num(cells[3]), `${model} ${metric} std`).toBeCloseTo(want.std, 4);
    }
  // the per-date chart's table holds numerai-tools' values; churn has its 15 % limit drawn
  const chart = page.getByTestId('signals-chart');
  await chart.getByRole('button', { name: /table/i }).first().click();
  const rows = await chart.locator('table.np-chart-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')));
  expect(rows).toHaveLength(36);
  expect(rows[0][0]).toBe('2024-01-05');
  const header = await chart.locator('table.np-chart-table thead th').allInnerTexts();
  const q = header.indexOf('quality');
  expect(num(rows[3][q])).toBeCloseTo(expected.scores.quality.per_era['2024-01-26'].alpha!, 4);
  await page.getByLabel('Metric').selectOption('churn');
  await expect(chart.locator('.np-threshold-label').first()).toHaveText('limit 15 %');
  expect(errors).toEqual([]);
});

test('Signals bad input on the Score page: a submission that breaks a rule and stakes naming a missing model say so; the page keeps working', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('data-file').setInputFiles(`${SIGNALS_DEV}signals.parquet`);
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('36 dates');
  const csv = readFileSync(`${SIGNALS_DEV}predictions/quality.csv`, 'utf8').replace(/,0\.(\d+)\n/, ',1.$1\n'); // one value above 1
  await page.getByTestId('signals-file').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('error')).toContainText(/broken \(date 2024-01-05\) has 1 signal value outside \[0, 1\]/);
  await page.getByTestId('signals-file').setInputFiles(`${SIGNALS_DEV}predictions/quality.csv`);
  await expect(page.getByTestId('signals-summary')).toContainText('quality');
  await page.getByTestId('stakes-file').setInputFiles({ name: 'stakes.json', mimeType: 'application/json', buffer: Buffer.from('{"quality": 10, "ghost": 5}') });
  await expect(page.getByTestId('error')).toContainText('"ghost"');
  await page.getByTestId('stakes-file').setInputFiles({ name: 'stakes.json', mimeType: 'application/json', buffer: Buffer.from('{"quality": -1}') });
  await expect(page.getByTestId('error')).toContainText('the stake of "quality" is -1');
  await page.getByRole('button', { name: 'Use built-in data' }).click();
  await expect(page.getByTestId('summary-table')).toContainText('example_prediction');
});
