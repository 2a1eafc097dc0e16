import { readFile } from 'node:fs/promises';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { watchErrors, cell, expectStatus, fixture } from './helpers';

// The notebook's charts and data files end to end: the live neutralization slider (no refit), a local Numerai
// parquet file with predictions and meta model files scored exactly, the loaders' errors, and the chart toolbar.


const json = (o: object) => JSON.stringify(o, null, 2);
const builtin = (kind: string, id: string, config: object) => `\`\`\`numerai-${kind} cell id=${id}\n${json(config)}\n\`\`\`\n`;

/** Imports a notebook (it opens in safe mode) and runs it. */
async function importAndRun(page: Page, text: string) {
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import').setInputFiles({ name: 'nb.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Run notebook' }).click();
}

/** Heights of the bars of an era-bars chart, in era order. */
const barHeights = (chart: Locator) => chart.locator('rect.np-bar').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('height'))));
/** Widths of the bars of a (horizontal) exposure chart. */
const barWidths = (chart: Locator) => chart.locator('rect.np-bar').evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('width'))));

/** The numbers of a chart's "show as table" table: header and rows of cell texts. */
async function chartTable(frame: Locator) {
  await frame.getByRole('button', { name: 'Show as table' }).first().click();
  const table = frame.locator('table.np-chart-table').first();
  await expect(table).toBeVisible();
  const header = await table.locator('thead th').allInnerTexts();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')));
  return { header, rows };
}
/** A number as the chart library prints it (U+2212 minus, '—' for none). */
const num = (s: string) => (s === '—' ? NaN : Number(s.replace('\u2212', '-')));

test('the neutralization slider updates CORR, FNC and exposure charts live without refitting, and shows its latency', async ({ page }) => {
  // count the fits the page asks the scoring worker for (Comlink calls name the method in `path`): test-only, no app code
  await page.addInitScript(() => {
    const w = window as unknown as { __prepares: number };
    w.__prepares = 0;
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (this: Worker, message: unknown, ...rest: unknown[]) {
      const path = (message as { path?: unknown })?.path;
      if (Array.isArray(path) && path.includes('neutralizePrepare')) w.__prepares++;
      return (post as (...a: unknown[]) => void).call(this, message, ...rest);
    } as typeof Worker.prototype.postMessage;
  });
  const errors = watchErrors(page);
  await importAndRun(
    page,
    [
      builtin('data', 'data', { name: 'data', source: 'generated', seed: 11, eras: 40, rowsPerEra: 300, features: 20 }),
      builtin('neutralize', 'neutral', { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0.2, featureSet: '' })
    ].join('\n')
  );
  await expectStatus(page, 'neutral', 'done');
  const out = cell(page, 'neutral').getByTestId('neutralize-live');
  const corr = out.getByTestId('neutralize-corr').locator('svg.np-chart');
  const fnc = out.getByTestId('neutralize-fnc').locator('svg.np-chart');
  const exposure = out.getByTestId('neutralize-exposure').locator('svg.np-chart');
  await expect(corr.locator('rect.np-bar').first()).toBeVisible();
  await expect(out).toHaveAttribute('data-proportion', '0.2');
  const prepares = () => page.evaluate(() => (window as unknown as { __prepares: number }).__prepares);
  expect(await prepares()).toBe(1);
  const before = { corr: await barHeights(corr), fnc: await barHeights(fnc), exposure: await barWidths(exposure) };
  const svgs = { corr: await corr.elementHandle(), fnc: await fnc.elementHandle() };

  // keyboard on the slider: each step is an input event (a live update) and a change (the cell re-runs)
  const slider = cell(page, 'neutral').getByRole('slider');
  await slider.focus();
  for (let i = 0; i < 8; ++i) await page.keyboard.press('ArrowRight');
  await expect(out).toHaveAttribute('data-proportion', '0.6');
  await expect(out.getByTestId('neutralize-fnc')).toHaveAttribute('data-proportion', '0.6');
  await expect(out).toHaveAttribute('data-latency-ms', /^\d+(\.\d+)?$/);
  await expect(out.locator('.nb-preview')).toContainText('At 60 %: CORR mean');
  await expectStatus(page, 'neutral', 'done');
  const after = { corr: await barHeights(corr), fnc: await barHeights(fnc), exposure: await barWidths(exposure) };
  expect(after.fnc).toHaveLength(before.fnc.length);
  expect(after.fnc).not.toEqual(before.fnc);
  expect(after.corr).not.toEqual(before.corr);
  expect(after.exposure).not.toEqual(before.exposure);
  // updated in place: the same SVG elements
  expect(await corr.evaluate((el, old) => el === old, svgs.corr)).toBe(true);
  expect(await fnc.evaluate((el, old) => el === old, svgs.fnc)).toBe(true);

  // dragging with the mouse: many input events, one request at a time
  const box = (await slider.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2);
  await page.mouse.down();
  for (let x = 0.62; x >= 0.05; x -= 0.03) await page.mouse.move(box.x + box.width * x, box.y + box.height / 2);
  await page.mouse.move(box.x - 10, box.y + box.height / 2); // past the left end: 0
  await page.mouse.up();
  await expect(out).toHaveAttribute('data-proportion', '0');
  const latency = Number(await out.getAttribute('data-latency-ms'));
  expect(latency).toBeGreaterThan(0);
  await expect(out.locator('.nb-latency')).toContainText(/Last slider update: \d+ ms from input to chart/);
  await expectStatus(page, 'neutral', 'done');
  expect(await prepares()).toBe(1); // moving the slider never refits

  // the trade-off: computed once in the background, with a marker at the current proportion
  const tradeoff = out.getByTestId('neutralize-tradeoff');
  await tradeoff.scrollIntoViewIfNeeded();
  await expect(tradeoff.locator('svg.np-chart-tradeoff g.np-marker').first()).toHaveAttribute('data-proportion', '0', { timeout: 30_000 });
  await expect(tradeoff).not.toContainText('Computing the trade-off');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(tradeoff.locator('g.np-marker').first()).toHaveAttribute('data-proportion', '1');
  await expectStatus(page, 'neutral', 'done');
  expect(await prepares()).toBe(1);
  console.log(`neutralize slider latency (40 eras × 300 rows × 20 features): ${latency} ms`);
  expect(errors).toEqual([]);
});

/** A data cell reading a local file, and a score cell of the predictions file "linear". */
const fileNotebook = [
  builtin('data', 'data', { name: 'data', source: 'file' }),
  builtin('score', 'scores', { name: 'scores', data: 'data', predictions: ['linear'], target: 'target', metrics: ['corr', 'mmc'], featureSet: '' })
].join('\n');

test('a local Numerai parquet file, a predictions CSV and the meta model score exactly as numerai-tools', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, fileNotebook);
  const data = cell(page, 'data');
  await expect(data.getByTestId('cell-error')).toContainText('Pick a Numerai parquet or CSV file.');
  await data.getByLabel('Data file').setInputFiles(fixture('validation.parquet'));
  await expectStatus(page, 'data', 'done');
  await expect(data.getByTestId('cell-output')).toContainText('15,061 rows · 60 eras (0001–0060) · 16 features');
  await expect(cell(page, 'scores').getByTestId('cell-error')).toContainText('There is no column "linear"');

  await data.getByLabel('Add a predictions, meta model or benchmark file').setInputFiles(fixture('predictions/linear.csv'));
  await expectStatus(page, 'scores', 'done');
  await expect(data.getByTestId('cell-output')).toContainText('linear.csv (predictions) → column "linear", 100 % of the rows');
  const scores = cell(page, 'scores');
  const bars = scores.locator('[data-chart-type="eraBars"]');
  let t = await chartTable(bars);
  expect(t.header).toEqual(['Era', 'linear']);
  expect(t.rows[0][0]).toBe('0001');
  expect(num(t.rows[0][1])).toBeCloseTo(0.09304964077643536, 4); // numerai-tools: 0.0930
  expect(t.rows[0][1]).toMatch(/^0\.0930/);

  await data.getByLabel('Kind of file to add').selectOption('meta_model');
  await data.getByLabel('Add a predictions, meta model or benchmark file').setInputFiles(fixture('meta_model.parquet'));
  await expect(data.getByTestId('cell-output')).toContainText('meta_model.parquet (meta model) → column "numerai_meta_model"');
  await expectStatus(page, 'scores', 'done');
  await expect(scores.locator('table').first()).toContainText('MMC');
  await scores.getByLabel('Metric').selectOption('mmc');
  // the table stays open and follows the metric
  await expect(bars.locator('table.np-chart-table caption')).toContainText('MMC');
  t = { header: await bars.locator('table.np-chart-table thead th').allInnerTexts(), rows: await bars.locator('table.np-chart-table tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? ''))) };
  expect(t.rows[0][0]).toBe('0001');
  expect(num(t.rows[0][1])).toBeCloseTo(-0.003555409443022444, 4); // numerai-tools: −0.0036
  expect(errors).toEqual([]);
});

test('a bad data file or predictions file shows the loader\'s message, and the notebook keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, fileNotebook);
  const data = cell(page, 'data');
  const parquet = await readFile(fixture('validation.parquet'));
  await data.getByLabel('Data file').setInputFiles({ name: 'validation.parquet', mimeType: 'application/octet-stream', buffer: parquet.subarray(0, 40_000) });
  await expect(data.getByTestId('cell-error')).toContainText('validation.parquet is a truncated or damaged parquet file: it does not end with the parquet footer ("PAR1")');
  await data.getByLabel('Data file').setInputFiles({ name: 'garbage.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 1, 2, 3]) });
  await expect(data.getByTestId('cell-error')).toContainText('garbage.parquet is not a parquet or CSV file: it is a ZIP archive (unzip it first)');
  await expect(cell(page, 'scores').getByTestId('cell-error')).toContainText('Waiting on an upstream error');

  await data.getByLabel('Data file').setInputFiles(fixture('validation.parquet'));
  await expectStatus(page, 'data', 'done');
  const lines = (await readFile(fixture('predictions/linear.csv'), 'utf8')).trim().split('\n');
  const outside = [lines[0], ...lines.slice(1).map((l, i) => (i < 3 ? l.replace(/,([\d.]+)$/, (_, v: string) => `,${Number(v) + 1.5}`) : l))].join('\n');
  await data.getByLabel('Add a predictions, meta model or benchmark file').setInputFiles({ name: 'linear.csv', mimeType: 'text/csv', buffer: Buffer.from(outside) });
  await expect(data.getByTestId('cell-error')).toContainText(/linear\.csv has 3 values in prediction outside \[0, 1\] \(min [\d.]+, max [\d.]+\)/);
  await expect(data.getByTestId('cell-error')).toContainText('rank your predictions per era');

  // the same row, the fixed file: everything runs again
  await data.getByLabel('Predictions file 1').setInputFiles(fixture('predictions/linear.csv'));
  await expectStatus(page, 'data', 'done');
  await expectStatus(page, 'scores', 'done');
  await expect(cell(page, 'scores').locator('table').first()).toContainText('linear');
  expect(errors).toEqual([]);
});

test('chart toolbar: CSV export downloads the numbers and "show as table" shows the same numbers; brush and keyboard tooltips', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(
    page,
    [
      builtin('data', 'data', { name: 'data', source: 'generated', seed: 3, eras: 24, rowsPerEra: 200, features: 10 }),
      builtin('score', 'scores', { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr', 'mmc', 'fnc', 'max_feature_exposure'], featureSet: '' }),
      builtin('chart', 'hist', { source: 'scores', type: 'histogram', metric: 'corr', models: [] }),
      builtin('chart', 'dd', { source: 'scores', type: 'drawdown', metric: 'fnc', models: [] }),
      builtin('chart', 'ex', { source: 'scores', type: 'exposure', metric: 'corr', models: [], era: '0003' }),
      builtin('neutralize', 'neutral', { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0.4, featureSet: '' }),
      builtin('chart', 'to', { source: 'neutral', type: 'tradeoff', metric: 'corr', models: [] }),
      builtin('payout', 'pay', { name: 'payouts', scores: 'scores', model: '', stake: 100, corrWeight: 0.5, mmcWeight: 2, threshold: 72000, totalAtRisk: 0, compound: true }),
      builtin('chart', 'pc', { source: 'payouts', type: 'payout', metric: 'corr', models: [] })
    ].join('\n')
  );
  for (const id of ['hist', 'dd', 'ex', 'to', 'pc']) await expectStatus(page, id, 'done');
  await expect(cell(page, 'hist').locator('svg.np-chart-score-histogram')).toHaveCount(1);
  // the chart cell's form switches the kind (a new chart) and the metric (the same chart, updated)
  await cell(page, 'hist').getByRole('combobox', { name: 'Chart', exact: true }).selectOption('eraBars');
  await expect(cell(page, 'hist').locator('svg.np-chart-era-bars')).toHaveCount(1);
  const barsSvg0 = await cell(page, 'hist').locator('svg.np-chart-era-bars').elementHandle();
  await cell(page, 'hist').getByRole('combobox', { name: 'Metric', exact: true }).selectOption('fnc');
  await expect(cell(page, 'hist').locator('svg.np-chart-era-bars')).toHaveAttribute('aria-label', /FNC/);
  expect(await cell(page, 'hist').locator('svg.np-chart-era-bars').evaluate((el, old) => el === old, barsSvg0)).toBe(true);
  // a chart cell's era chart has its own brush: zooming it keeps fewer bars
  const histBars = () => cell(page, 'hist').locator('svg.np-chart-era-bars rect.np-bar').count();
  const before = await histBars();
  await cell(page, 'hist').locator('svg.np-chart-era-brush').focus();
  await page.keyboard.press('+');
  await expect.poll(histBars).toBeLessThan(before);
  await expect(cell(page, 'ex').locator('svg.np-chart-exposure-bars rect.np-bar')).toHaveCount(10);
  await expect(cell(page, 'to').locator('svg.np-chart-tradeoff g.np-marker').first()).toHaveAttribute('data-proportion', '0.4');
  await expect(cell(page, 'pc').locator('svg.np-chart-payout')).toHaveCount(1);
  await expect(cell(page, 'pay').getByTestId('cell-output')).toContainText(/Downside: the largest burn was|No round burned/);
  await expect(cell(page, 'pay').locator('svg.np-chart-payout')).toHaveCount(1);
  const dd = cell(page, 'dd');
  const downloading = page.waitForEvent('download');
  await dd.getByRole('button', { name: 'Download the numbers as CSV' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('drawdown-of-cumulative-fnc.csv');
  const csv = (await readFile((await download.path())!, 'utf8')).trim().split(/\r?\n/).map((l) => l.split(','));
  expect(csv[0]).toEqual(['Era', 'example_prediction FNC']);
  expect(csv).toHaveLength(25);
  const t = await chartTable(dd);
  expect(t.header).toEqual(csv[0]);
  expect(t.rows).toHaveLength(24);
  t.rows.forEach((row, i) => {
    expect(row[0]).toBe(csv[i + 1][0]);
    const a = num(row[1]);
    const b = csv[i + 1][1] === '' ? NaN : Number(csv[i + 1][1]);
    if (Number.isNaN(b)) expect(a).toBeNaN();
    else expect(a).toBeCloseTo(b, 5);
  });

  // the score cell's charts: focusable, with keyboard tooltips announced; the brush zooms all three
  const scores = cell(page, 'scores');
  const barsSvg = scores.locator('[data-chart-type="eraBars"] .np-chart-host svg.np-chart');
  await barsSvg.focus();
  await page.keyboard.press('ArrowRight');
  await expect(scores.locator('[data-chart-type="eraBars"] [aria-live="polite"]')).toContainText(/^Era 0002; example_prediction: /);
  const count = () => barsSvg.locator('rect.np-bar').count();
  const all = await count();
  const brush = scores.locator('svg.np-chart-era-brush');
  await brush.focus();
  await page.keyboard.press('+');
  await expect.poll(count).toBeLessThan(all);
  expect(await scores.locator('[data-chart-type="cumulative"] svg.np-chart').getAttribute('aria-label')).toContain('CORR');
  await expect(scores.locator('[data-chart-type="exposure"] svg.np-chart rect.np-bar')).toHaveCount(10);
  expect(errors).toEqual([]);
});
