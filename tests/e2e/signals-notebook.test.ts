import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SIGNALS_DEV } from '../helpers/fixtures';
import { cell, expectStatus, watchErrors } from './helpers';

const expected = JSON.parse(readFileSync(`${SIGNALS_DEV}expected.json`, 'utf8')) as { scores: Record<string, { summary: Record<string, { mean: number }> }> };
const output = (page: import('@playwright/test').Page, id: string) => cell(page, id).getByTestId('cell-output');

test('Learn Signals runs start to finish: no error output, alpha and MPC by hand equal the engine, the checks and the payout rule', async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn Signals' }).click();
  await expect(page).toHaveURL(/\/signals$/);
  await expect(cell(page, 'welcome').locator('h1')).toHaveText('Learn Signals');
  const ids = ['signals', 'universe', 'momentum', 'firstScores', 'why', 'alphaChart', 'alphaSteps', 'slow', 'portfolio', 'mpcSteps', 'mpcChart', 'churnChart', 'turnoverChart', 'stakeable', 'mistakes', 'payout'];
  for (const id of ids) await expectStatus(page, id, 'done', 180_000);
  await expect(page.locator('[data-status="error"]')).toHaveCount(0);
  await expect(page.locator('.nb-log-error, [data-level="error"]')).toHaveCount(0);

  await expect(output(page, 'signals')).toContainText(/^\d[\d,]* rows · 105 dates \(2022-01-07 to 2024-01-05\) · [\d,]+ tickers \(1,7\d\d–1,7\d\d per date\) · 25 neutralizers built from country, sector, factor_beta/);
  await expect(output(page, 'universe')).toContainText(/[\d,]+ tickers were in the universe at some date; each date has 1,7\d\d–1,7\d\d of them/);
  // momentum predicts returns before neutralization, scores about zero after; quality keeps its alpha
  const why = await output(page, 'why').innerText();
  const [, momAlpha] = why.match(/Momentum: raw correlation \*?\*?0\.0\d+\*?\*?, alpha \*?\*?(-?\d\.\d+)/) ?? [];
  const [, qualityAlpha] = why.match(/Quality: alpha \*?\*?(-?\d\.\d+)/) ?? [];
  expect(Math.abs(Number(momAlpha))).toBeLessThan(0.002);
  expect(Number(qualityAlpha)).toBeGreaterThan(0.005);
  // alpha by hand = numerai.signals.alpha = the score cell, to the 10 decimals shown
  const steps = await output(page, 'alphaSteps').innerText();
  const [, byHand, engine, scoreCell] = steps.match(/alpha by hand (-?\d\.\d{10}), `?numerai\.signals\.alpha`? (-?\d\.\d{10}), the score cell (-?\d\.\d{10})/) ?? [];
  expect(byHand).toBeDefined();
  expect(byHand).toBe(engine);
  expect(scoreCell).toBe(engine);
  expect(Math.abs(Number(byHand))).toBeGreaterThan(1e-4);
  const mpc = await output(page, 'mpcSteps').innerText();
  const [, mpcEngine, mpcCell] = mpc.match(/quality's MPC is (-?\d\.\d{8}) \(score cell (-?\d\.\d{8})\)/) ?? [];
  expect(mpcEngine).toBeDefined();
  expect(mpcEngine).toBe(mpcCell);
  // churn and turnover: the limits drawn, the raw signal's stake zeroed, the 12-week average's kept
  await expect(cell(page, 'churnChart').locator('line.np-threshold-line').first()).toBeAttached();
  await expect(cell(page, 'churnChart').locator('.np-threshold-label').first()).toHaveText('limit 15 %');
  await expect(output(page, 'stakeable')).toContainText(/raw quality signal's largest churn is [\d.]+ % and turnover [\d.]+ %: stake set to 0\. The 12-week average's: [\d.]+ % and [\d.]+ %: stake kept/);
  // the mistakes, with the checks' own messages
  const mistakes = output(page, 'mistakes');
  for (const rule of ['values_range', 'values_nan', 'values_constant', 'duplicates', 'min_tickers', 'headers']) await expect(mistakes).toContainText(rule);
  await expect(mistakes).toContainText("only 50 tickers of the universe; Numerai needs at least 100");
  await expect(mistakes).toContainText('2 tickers not in the universe are ignored: ZZZZ US, QQQQ GB');
  // Signals' payout rule on the user's scores: ±1.7 % clip
  await expect(cell(page, 'payout').getByLabel('Tournament')).toHaveValue('signals');
  await expect(cell(page, 'payout').getByLabel('Alpha weight')).toHaveValue('0.3');
  await expect(cell(page, 'payout').getByLabel('MPC weight')).toHaveValue('0.8');
  await expect(cell(page, 'payout').locator('table').first()).toContainText('final stake');
  await expect(cell(page, 'payout').locator('[data-chart-type="payout"] svg').first()).toBeVisible();
  expect(errors).toEqual([]);
});

test('a Signals data cell and a Signals score cell added to the Tournament tutorial score the signals-dev fixture as numerai-tools', async ({ page }) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await expectStatus(page, 'payout', 'done', 120_000); // the Tournament tutorial has run
  const count = await page.locator('[data-cell-id]').count();
  await page.getByRole('button', { name: `Add a cell at position ${count + 1}` }).click();
  await page.locator('[data-add-kind="signalsData"]').click();
  const data = page.locator('[data-cell-id]').last();
  await expect(data).toHaveAttribute('data-kind', 'signalsData');
  await data.getByLabel('Source').selectOption('file');
  await expect(data.getByTestId('cell-error')).toContainText('Pick a Signals parquet or CSV file');
  await data.getByLabel('Data file').setInputFiles(`${SIGNALS_DEV}signals.parquet`);
  await expect(data).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(data.getByTestId('cell-output')).toContainText('22,769 rows · 36 dates (2024-01-05 to 2024-09-06)');
  await data.getByTestId('add-signals-file').setInputFiles(`${SIGNALS_DEV}predictions/quality.csv`);
  await expect(data.getByTestId('cell-output')).toContainText('quality.csv → signal "quality": 36 dates');

  await page.getByRole('button', { name: `Add a cell at position ${count + 2}` }).click();
  await page.locator('[data-add-kind="signalsScore"]').click();
  const score = page.locator('[data-cell-id]').last();
  await score.getByRole('checkbox', { name: 'quality' }).check();
  await expect(score).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  const row = score.locator('table').first().locator('tr', { hasText: 'Alpha' });
  const mean = Number((await row.locator('td').nth(2).innerText()).replace('\u2212', '-'));
  expect(mean).toBeCloseTo(expected.scores.quality.summary.alpha.mean, 4);
  // the Tournament cells above are untouched
  await expect(page.locator('[data-cell-id="scores"]')).toHaveAttribute('data-status', 'done', { timeout: 120_000 });
  expect(errors).toEqual([]);
});

test('each Learn page keeps its own tutorial: Learn Signals first, then Learn, then back', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/signals');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Learn Signals', { timeout: 30_000 });
  await expectStatus(page, 'universe', 'done', 120_000);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Learn', exact: true }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Learn the tournament', { timeout: 30_000 });
  await expect(nav.getByRole('link', { name: 'Learn', exact: true })).toHaveAttribute('aria-current', 'page');
  await nav.getByRole('link', { name: 'Learn Signals' }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Learn Signals', { timeout: 30_000 });
  await expect(nav.getByRole('link', { name: 'Learn Signals' })).toHaveAttribute('aria-current', 'page');
  await expectStatus(page, 'universe', 'done', 120_000);
  expect(errors).toEqual([]);
});
