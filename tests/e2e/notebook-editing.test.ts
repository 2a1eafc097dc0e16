// Issue 10's notebook problems, each as the user met it: adding cells, errors that point at their cause, the Learn and
// Notebooks pages, new cells' defaults, delete with undo, the runner restart notice, the smaller chart and file items.
import { expect, test, type Page } from '@playwright/test';
import { builtinFence as builtin, cell, expectStatus, fixture, importAndRun, jsFence as js, notebookFile as file, watchErrors } from './helpers';

const notebookFile = (...cells: string[]) => file('Editing', ...cells);
const data = (name = 'data') => ({ name, source: 'generated', seed: 7, eras: 40, rowsPerEra: 200, features: 12 });

/** Adds a cell of `kind` at the end through the + menu. */
async function addAtEnd(page: Page, kind: string) {
  await page.locator('.nb-add-toggle').last().click();
  await page.locator(`[data-add-kind="${kind}"]`).last().click();
}

test('1. a new Data cell gets a free name and keeps the notebook working; a name defined twice names both cells and clears once fixed', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile(builtin('data', 'data', data()), builtin('score', 'scores', { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr'], featureSet: '' })));
  await expectStatus(page, 'scores', 'done');
  await addAtEnd(page, 'data');
  const added = page.locator('[data-kind="data"]').nth(1);
  await expect(added.getByRole('textbox', { name: 'Name' })).toHaveValue('data2');
  await expect(added).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expectStatus(page, 'data', 'done');
  await expectStatus(page, 'scores', 'done');
  // the same name twice: the user of it says which cells define it
  await added.getByRole('textbox', { name: 'Name' }).fill('data');
  await added.getByRole('textbox', { name: 'Name' }).press('Tab');
  await expect(cell(page, 'scores').getByTestId('cell-error')).toContainText('"data" is defined by cells 1 and 3');
  // fixed: every error clears, without a reload
  await added.getByRole('textbox', { name: 'Name' }).fill('other');
  await added.getByRole('textbox', { name: 'Name' }).press('Tab');
  for (const id of ['data', 'scores']) await expectStatus(page, id, 'done');
  await expect(added).toHaveAttribute('data-status', 'done');
  await expect(page.getByTestId('cell-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('1. an upstream error points at the cell that failed, not at a cell waiting on it', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile(js('a', 'const a = null;\na.boom;'), js('b', 'const b = a;'), js('c', 'const c = b;')));
  await expect(cell(page, 'a').getByTestId('cell-error')).toContainText('TypeError');
  await expect(cell(page, 'c').getByTestId('cell-error')).toHaveText('Waiting on an upstream error (cell 1).');
  expect(errors).toEqual([]);
});

test('4. Learn always opens the tutorial (edits kept, Reset to the original); Notebooks lists the user notebooks', async ({ page }) => {
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await page.goto('/');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Learn the tournament', { timeout: 30_000 });
  await expectStatus(page, 'shape', 'done');
  await cell(page, 'shape').getByRole('button', { name: /^Delete cell/ }).click();
  await expect(cell(page, 'shape')).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebooks' }).click();
  await expect(page).toHaveURL(/\/notebook$/);
  const panel = page.getByRole('region', { name: 'Your notebooks' });
  await expect(panel).toContainText('Learn the tournament');
  await panel.getByRole('button', { name: 'New notebook' }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Untitled notebook');
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn', exact: true }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Learn the tournament', { timeout: 30_000 });
  await expect(cell(page, 'welcome')).toBeVisible();
  await expect(cell(page, 'shape')).toHaveCount(0); // the user's edit is kept
  await page.getByRole('button', { name: 'Reset to the original' }).click();
  await expect(cell(page, 'shape')).toHaveCount(1);
  await expectStatus(page, 'shape', 'done');
  // the Notebooks page still opens the user's last notebook
  await page.goto('/notebook');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Untitled notebook', { timeout: 30_000 });
  expect(errors).toEqual([]);
});

test('5. a new Score cell runs at once, on the newest model and the validation eras', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile(builtin('data', 'data', data()), builtin('model', 'ridge', { name: 'ridge', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 })));
  await expectStatus(page, 'ridge', 'done');
  await addAtEnd(page, 'score');
  const added = page.locator('[data-kind="score"]');
  await expect(added).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(added.getByRole('checkbox', { name: 'ridge' })).toBeChecked();
  await expect(added.getByRole('checkbox', { name: 'example_prediction' })).not.toBeChecked();
  await expect(added.locator('.nb-form').getByRole('combobox', { name: 'Eras' })).toHaveValue('validation');
  await expect(added.locator('table').first()).toContainText('ridge');
  expect(errors).toEqual([]);
});

test('8. Reset is in the toolbar; a deleted cell comes back with Undo; ✕ is away from ↑/↓', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile(js('base', 'const base = 2;'), js('twice', 'const twice = base * 2;\ntwice')));
  await expect(cell(page, 'twice').getByTestId('cell-output')).toHaveText('4');
  await expect(page.getByRole('toolbar', { name: 'Notebook' }).getByRole('button', { name: 'Reset to the original' })).toBeVisible();
  const head = cell(page, 'twice').locator('.nb-cell-head');
  const del = await head.getByRole('button', { name: 'Delete cell 2' }).boundingBox();
  const up = await head.getByRole('button', { name: 'Move cell 2 up' }).boundingBox();
  const down = await head.getByRole('button', { name: 'Move cell 2 down' }).boundingBox();
  expect(Math.min(Math.abs(del!.x - (up!.x + up!.width)), Math.abs(up!.x - (del!.x + del!.width)), Math.abs(down!.x - (del!.x + del!.width)), Math.abs(del!.x - (down!.x + down!.width)))).toBeGreaterThan(40);
  await head.getByRole('button', { name: 'Delete cell 2' }).click();
  await expect(cell(page, 'twice')).toHaveCount(0);
  await expect(page.getByTestId('toast')).toHaveText('Cell deleted · Undo');
  await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('.nb-cell').nth(1)).toHaveAttribute('data-cell-id', 'twice');
  await expect(cell(page, 'twice').getByTestId('cell-output')).toHaveText('4');
  await expect(page.getByTestId('toast')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('9. "The code runner was restarted." goes away once a cell runs again', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile(js('ok', 'const ok = 1;\nok'), js('loop', 'while (true) {}')));
  await expectStatus(page, 'loop', 'running');
  await cell(page, 'loop').getByRole('button', { name: 'Stop cell 2' }).click();
  const notice = page.getByRole('status').filter({ hasText: 'The code runner was restarted.' });
  await expect(notice).toBeVisible();
  await cell(page, 'ok').getByRole('button', { name: 'Run cell 1' }).click();
  await expectStatus(page, 'ok', 'done');
  await expect(notice).toBeHidden({ timeout: 6_000 });
  expect(errors).toEqual([]);
});

test('10. the era-zoom strip is labelled and sits right under its chart; the trade-off "current" label stays inside the chart', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(
    page,
    notebookFile(
      builtin('data', 'data', data()),
      builtin('neutralize', 'neutral', { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 1, featureSet: '' }),
      builtin('score', 'scores', { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr'], featureSet: '' })
    )
  );
  await expectStatus(page, 'scores', 'done');
  const figure = cell(page, 'scores').locator('[data-chart-type="eraBars"] figure');
  await expect(figure.locator('.np-chart-host + .np-brush-block .np-chart-brush svg')).toBeVisible();
  await expect(figure.locator('.np-brush-block')).toContainText('Era zoom');
  await expect(cell(page, 'scores').locator('.np-brush-block')).toHaveCount(1);
  // the trade-off chart of the neutralize cell at proportion 1: its "current" labels inside the SVG
  await expectStatus(page, 'neutral', 'done');
  await cell(page, 'neutral').getByTestId('neutralize-tradeoff').scrollIntoViewIfNeeded(); // its sweep runs once in view
  const marker = cell(page, 'neutral').locator('svg g.np-marker text').first();
  await expect(marker).toContainText('current 1', { timeout: 30_000 });
  const outside = await cell(page, 'neutral').locator('svg g.np-marker text').evaluateAll((texts) =>
    texts.filter((t) => {
      const svg = (t as SVGTextElement).ownerSVGElement!;
      const b = (t as SVGTextElement).getBBox();
      const w = svg.viewBox.baseVal?.width || svg.width.baseVal.value;
      return b.x < 0 || b.x + b.width > w;
    }).length
  );
  expect(outside).toBe(0);
  expect(errors).toEqual([]);
});

test('10. file inputs keep naming the loaded file; a text file that is not a notebook is refused and the notebook kept', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile(builtin('data', 'data', { name: 'data', source: 'file', fileName: 'validation.parquet' })));
  await cell(page, 'data').getByLabel('Data file').setInputFiles(fixture('validation.parquet'));
  await expectStatus(page, 'data', 'done');
  await cell(page, 'data').getByLabel('Add a predictions, meta model or benchmark file').setInputFiles(fixture('predictions/linear.csv'));
  await expectStatus(page, 'data', 'done');
  await expect(cell(page, 'data').getByTestId('column-file')).toContainText('linear.csv');
  await expect(cell(page, 'data').getByLabel('Predictions file 1')).toHaveValue(/linear\.csv$/);
  await expect(cell(page, 'data').getByLabel('Data file')).toHaveValue(/validation\.parquet$/);
  // a plain text file
  await page.getByTestId('import').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Shopping list:\n- eggs\n- milk\n') });
  await expect(page.getByRole('status').filter({ hasText: 'Import failed' })).toContainText('This file is not a notebook');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Editing');
  await expectStatus(page, 'data', 'done');
  expect(errors).toEqual([]);
});

test('10. the Score page keeps the predictions file name and says why fewer eras were scored than the data has', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/score');
  await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('data-file').setInputFiles(fixture('validation.parquet'));
  await page.getByRole('button', { name: 'Load file' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('60 eras');
  await page.getByTestId('predictions-file').setInputFiles(fixture('predictions/linear.csv'));
  await expect(page.getByTestId('summary-table').locator('tr', { hasText: 'CORR' }).first()).toContainText('58');
  await expect(page.getByTestId('predictions-file')).toHaveValue(/linear\.csv$/);
  await expect(page.getByTestId('summary-table').locator('caption')).toContainText('Over 60 eras');
  await expect(page.getByTestId('summary-table').locator('caption')).toContainText('2 of them have no targets');
  expect(errors).toEqual([]);
});
