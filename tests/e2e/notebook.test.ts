import { expect, test, type Page } from '@playwright/test';
import { watchErrors, cell, expectStatus } from './helpers';


const file = `---
format: numerai-notebook 1
title: "E2E notebook"
---

\`\`\`md cell id=intro
# Two cells
\`\`\`

\`\`\`js cell id=base
const base = 2;
\`\`\`

\`\`\`js cell id=twice
const twice = base * 2;
md\`twice = **\${twice}**\`
\`\`\`

\`\`\`js cell id=other
const other = 'independent';
other
\`\`\`
`;

/** Imports the notebook above (it opens in safe mode) and runs it. */
async function openTestNotebook(page: Page) {
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import').setInputFiles({ name: 'e2e.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(file) });
  await expect(page.getByTestId('safe-open')).toBeVisible();
  await expect(page.getByLabel('Notebook title')).toHaveValue('E2E notebook');
  await page.getByRole('button', { name: 'Run notebook' }).click();
  await expectStatus(page, 'twice', 'done');
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 4');
}

/** Replaces a code cell's source through its CodeMirror editor and runs it with Shift+Enter. */
async function editAndRun(page: Page, id: string, source: string) {
  await cell(page, id).locator('.nb-static-code, .cm-content').first().click();
  const editor = cell(page, id).locator('.cm-content');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(source);
  await page.keyboard.press('Shift+Enter');
}

test('the tutorial notebook opens and runs every cell, with no console errors', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/notebook');
  const ids = ['data', 'shape', 'bins', 'featureRisk', 'gbdt', 'ridge', 'ensemble', 'corrSteps', 'scores', 'histogram', 'neutral', 'scoresNeutral', 'mmcSteps', 'mmcChart', 'payout'];
  for (const id of ids) await expectStatus(page, id, 'done');
  await expect(cell(page, 'welcome').locator('h1')).toHaveText('Learn the tournament');
  await expect(cell(page, 'shape').getByTestId('cell-output')).toContainText('rows in 80 eras');
  // the hand-made CORR and MMC agree with the engine to the 6 decimals shown
  const corr = await cell(page, 'corrSteps').getByTestId('cell-output').innerText();
  const [, byHand, engine] = corr.match(/CORR by hand (-?\d+\.\d+), `?numerai_corr`? (-?\d+\.\d+)/) ?? [];
  expect(byHand).toBeDefined();
  expect(byHand).toBe(engine);
  const mmc = await cell(page, 'mmcSteps').getByTestId('cell-output').innerText();
  const [, mmcHand, mmcEngine, mmcMeta] = mmc.match(/MMC by hand (-?\d+\.\d+), `?correlation_contribution`? (-?\d+\.\d+); the meta model itself: (-?\d+\.\d+)/) ?? [];
  expect(mmcHand).toBe(mmcEngine);
  expect(Math.abs(Number(mmcMeta))).toBeLessThan(1e-6);
  await expect(cell(page, 'scores').locator('table').first()).toContainText('CORR');
  await expect(cell(page, 'scores').locator('table').first()).toContainText('ensemble');
  await expect(cell(page, 'histogram').locator('svg').first()).toBeVisible();
  // scored out of sample: the validation eras after 40 training eras and the 4-era embargo
  await expect(cell(page, 'scores').getByTestId('cell-output')).toContainText('0045');
  await expect(cell(page, 'payout').locator('table').first()).toContainText('final stake');
  expect(errors).toEqual([]);
});

test('the payout cell proposes a stake to the Stake page, which shows it without signing anything', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/notebook');
  await expectStatus(page, 'payout', 'done');
  await cell(page, 'payout').getByRole('button', { name: /Propose this stake/ }).click();
  await expect(page).toHaveURL(/\/stake\?proposal=1/);
  await expect(page.getByTestId('proposal-banner')).toContainText('100 tNMR');
  await expect(page.getByTestId('proposal-banner')).toContainText('gbdt_neutral');
  expect(errors).toEqual([]);
});

test('editing a code cell re-runs its dependents (and only them)', async ({ page }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await editAndRun(page, 'base', 'const base = 21;');
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 42');
  await expectStatus(page, 'other', 'done');
  // an error upstream: the dependent waits, the independent cell is untouched
  await editAndRun(page, 'base', 'const base = nope;');
  await expect(cell(page, 'base').getByTestId('cell-error')).toContainText('Line 1: ReferenceError: nope is not defined');
  await expect(cell(page, 'twice').getByTestId('cell-error')).toContainText('Waiting on an upstream error');
  await expectStatus(page, 'other', 'done');
  expect(errors).toEqual([]);
});

test('a runaway cell is stopped by Stop and by the watchdog; a new worker takes over', async ({ page }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await editAndRun(page, 'base', 'while (true) {}\nconst base = 1;');
  await expectStatus(page, 'base', 'running');
  await cell(page, 'base').getByRole('button', { name: 'Stop cell 2' }).click();
  await expect(cell(page, 'base').getByTestId('cell-error')).toHaveText('Stopped.');
  await expect(cell(page, 'twice').getByTestId('cell-error')).toContainText('Waiting on an upstream error');
  await editAndRun(page, 'base', 'const base = 3;');
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 6');

  // the watchdog, set to 2 s
  await page.getByLabel('Watchdog in seconds').fill('2');
  await page.getByLabel('Watchdog in seconds').press('Tab');
  await editAndRun(page, 'other', 'for (;;) {}');
  await expect(cell(page, 'other').getByTestId('cell-error')).toContainText('Stopped by the watchdog after 2 s', { timeout: 15_000 });
  await editAndRun(page, 'base', 'const base = 50;');
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 100');
  expect(errors).toEqual([]);
});

test('autosave survives a reload', async ({ page }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await page.getByLabel('Notebook title').fill('Saved notebook');
  await page.getByLabel('Notebook title').press('Enter');
  await editAndRun(page, 'base', 'const base = 7;');
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 14');
  await expect(page.getByTestId('save-state')).toHaveText('Saved locally');
  await page.reload();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Saved notebook', { timeout: 30_000 });
  // it was run before the reload, so it is trusted and runs on open
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 14', { timeout: 30_000 });
  await expect(cell(page, 'base')).toContainText('const base = 7;');
  expect(errors).toEqual([]);
});

test('export then import gives the same notebook', async ({ page }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await editAndRun(page, 'base', 'const base = `tick ``` tock`.length;');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const exported = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(download.suggestedFilename()).toBe('e2e-notebook.notebook.md');
  expect(exported).toContain('const base = `tick ``` tock`.length;');
  await page.getByTestId('import').setInputFiles({ name: 'again.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(exported) });
  await expect(page.getByTestId('safe-open')).toBeVisible();
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export' }).click()]);
  const reexported = await (await again.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  expect(reexported).toBe(exported);
  expect(errors).toEqual([]);
});

test('a share link opens the same notebook without running it, until Run', async ({ page, context }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await page.getByRole('button', { name: 'Share link' }).click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/\/notebook#nb=[A-Za-z0-9_-]+$/);

  const reader = await context.newPage();
  const readerErrors = watchErrors(reader);
  await reader.goto(link);
  await expect(reader.getByTestId('safe-open')).toBeVisible({ timeout: 30_000 });
  await expect(reader.getByLabel('Notebook title')).toHaveValue('E2E notebook');
  await expect(cell(reader, 'twice')).toContainText('const twice = base * 2;');
  for (const id of ['base', 'twice', 'other']) await expectStatus(reader, id, 'idle', 5_000);
  await expect(reader.getByTestId('cell-output')).toHaveCount(0);
  expect(reader.url()).not.toContain('#nb='); // the hash is consumed: a reload opens the saved copy
  await reader.getByRole('button', { name: 'Run notebook' }).click();
  await expect(cell(reader, 'twice').getByTestId('cell-output')).toContainText('twice = 4');
  await expect(reader.getByTestId('safe-open')).toHaveCount(0);
  expect([...errors, ...readerErrors]).toEqual([]);
});

test('keyboard: j/k move between cells, Enter edits, Escape leaves, Shift+Enter runs and advances', async ({ page }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await cell(page, 'intro').focus();
  await page.keyboard.press('j');
  await expect(cell(page, 'base')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'twice')).toBeFocused();
  await page.keyboard.press('k');
  await expect(cell(page, 'base')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(cell(page, 'base').locator('.cm-content')).toBeFocused();
  // Tab does not trap: it indents only after typing or clicking in the editor
  await page.keyboard.press('Escape');
  await expect(cell(page, 'base')).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText('const base = 8;');
  await page.keyboard.press('Shift+Enter');
  await expect(cell(page, 'twice')).toBeFocused();
  await expect(cell(page, 'twice').getByTestId('cell-output')).toContainText('twice = 16');
  await expect(cell(page, 'base')).toHaveAttribute('aria-label', /Cell 2, Code, defines base, done/);
  expect(errors).toEqual([]);
});

test('the theme follows the toggle and persists', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/notebook');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(bg).toBe('rgb(13, 17, 23)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark', { timeout: 30_000 });
  await page.getByLabel('Theme').selectOption('system');
  // "system" follows the browser's preference (light here) and is remembered as a choice, not a theme
  await expect(page.locator('html')).toHaveAttribute('data-theme-choice', 'system');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // every page, not just the notebook, uses the theme
  await page.getByLabel('Theme').selectOption('dark');
  await page.goto('/score');
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
  expect(errors).toEqual([]);
});

/** Imports a notebook file and runs it from the safe-open banner. */
async function importAndRun(page: Page, text: string) {
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import').setInputFiles({ name: 'nb.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Run notebook' }).click();
}

test('Tab leaves a code editor reached by keyboard; it indents after typing; Escape returns to the cell', async ({ page }) => {
  const errors = watchErrors(page);
  await openTestNotebook(page);
  await cell(page, 'base').focus();
  await page.keyboard.press('Enter');
  const editor = cell(page, 'base').locator('.cm-content');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  await cell(page, 'base').focus();
  await page.keyboard.press('Enter');
  await expect(editor).toBeFocused();
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await page.keyboard.press('Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(cell(page, 'base')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
  expect(errors).toEqual([]);
});

test('model, neutralize and score cells: training in the worker, the proportion slider previews and re-runs', async ({ page }) => {
  const errors = watchErrors(page);
  const json = (o: object) => JSON.stringify(o, null, 2);
  await importAndRun(
    page,
    [
      ['data', 'data', { name: 'data', source: 'generated', seed: 7, eras: 40, rowsPerEra: 300, features: 20 }],
      ['model', 'ridge', { name: 'ridge', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 }],
      ['neutralize', 'neutral', { name: 'neutral', data: 'data', model: 'ridge', proportion: 0.5, featureSet: '' }],
      ['score', 'scores', { name: 'scores', data: 'data', predictions: ['ridge', 'neutral'], target: 'target', metrics: ['corr', 'fnc'], featureSet: '' }]
    ]
      .map(([kind, id, config]) => `\`\`\`numerai-${kind} cell id=${id}\n${json(config as object)}\n\`\`\`\n`)
      .join('\n')
  );
  for (const id of ['data', 'ridge', 'neutral', 'scores']) await expectStatus(page, id, 'done');
  await expect(cell(page, 'ridge').getByTestId('cell-output')).toContainText('Trained ridge (λ = 10) on 20 features');
  await expect(cell(page, 'scores').locator('table')).toContainText('neutral');
  const slider = cell(page, 'neutral').getByRole('slider');
  await slider.fill('0.8');
  await expect(cell(page, 'neutral').locator('.nb-preview')).toContainText('At 80 %: CORR mean');
  await expectStatus(page, 'scores', 'done');
  await expect(cell(page, 'neutral').locator('table')).toContainText('0.8');
  expect(errors).toEqual([]);
});

test('functions pass between cells inside the runner; a runner restart marks them stale and re-running restores them', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(
    page,
    [
      '```js cell id=fn\nfunction addOne(x) { return x + 1; }\n```',
      '```js cell id=use\nconst y = addOne(41);\ny\n```',
      "```js cell id=slow\nfor (let i = 0; i < 4; i++) { progress(i / 4, `step ${i}`); await new Promise((r) => setTimeout(r, 400)); }\nconst slowDone = true;\n```",
      '```js cell id=loop\nwhile (true) {}\n```'
    ].join('\n\n')
  );
  await expect(cell(page, 'use').getByTestId('cell-output')).toHaveText('42');
  await expect(cell(page, 'slow').locator('progress')).toBeVisible();
  await expect(cell(page, 'slow')).toContainText(/step \d/);
  await expectStatus(page, 'slow', 'done');
  await expectStatus(page, 'loop', 'running');
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(cell(page, 'loop').getByTestId('cell-error')).toHaveText('Stopped.');
  await expectStatus(page, 'fn', 'stale');
  await expectStatus(page, 'use', 'stale');
  await cell(page, 'use').getByRole('button', { name: 'Run cell 2' }).click();
  await expectStatus(page, 'use', 'done');
  await expectStatus(page, 'fn', 'done');
  await expect(cell(page, 'use').getByTestId('cell-output')).toHaveText('42');
  expect(errors).toEqual([]);
});

test('notebooks can be kept, renamed, duplicated, reset and deleted', async ({ page }) => {
  const errors = watchErrors(page);
  page.on('dialog', (d) => void d.accept());
  await page.goto('/notebook');
  await expectStatus(page, 'payout', 'done');
  await page.getByLabel('Notebook title').fill('Mine');
  await page.getByLabel('Notebook title').press('Enter');
  const panel = page.getByRole('region', { name: 'Your notebooks' });
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(panel).toContainText('Mine');
  await panel.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine (copy)');
  await expect(panel.getByRole('listitem')).toHaveCount(2);
  await cell(page, 'shape').getByRole('button', { name: 'Delete cell 4' }).click();
  await expect(cell(page, 'shape')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset to the original' }).click();
  await expect(cell(page, 'shape')).toHaveCount(1);
  await expectStatus(page, 'shape', 'done');
  await panel.getByRole('button', { name: 'Delete Learn the tournament' }).click(); // the reset copy took the original title
  await expect(panel.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine');
  expect(errors).toEqual([]);
});

test('stopping a built-in cell cancels the scoring worker, which comes back with its data', async ({ page }) => {
  const errors = watchErrors(page);
  const json = (o: object) => JSON.stringify(o, null, 2);
  await importAndRun(
    page,
    [
      ['data', 'data', { name: 'data', source: 'generated', seed: 7, eras: 60, rowsPerEra: 800, features: 42 }],
      ['model', 'gbdt', { name: 'gbdt', data: 'data', kind: 'gbdt', featureSet: 'all', target: 'target', trees: 5000, learningRate: 0.01, maxDepth: 8 }],
      ['score', 'scores', { name: 'scores', data: 'data', predictions: ['example_prediction'], target: 'target', metrics: ['corr'], featureSet: '' }]
    ]
      .map(([kind, id, config]) => `\`\`\`numerai-${kind} cell id=${id}\n${json(config as object)}\n\`\`\`\n`)
      .join('\n')
  );
  await expectStatus(page, 'gbdt', 'running');
  await expect(cell(page, 'gbdt').locator('progress')).toBeVisible();
  await cell(page, 'gbdt').getByRole('button', { name: 'Stop cell 2' }).click();
  await expect(cell(page, 'gbdt').getByTestId('cell-error')).toHaveText('Stopped.');
  await expectStatus(page, 'scores', 'done'); // independent of the model: it ran after the stop, on the replayed data
  await cell(page, 'gbdt').getByRole('spinbutton', { name: 'Trees' }).fill('5');
  await cell(page, 'gbdt').getByRole('spinbutton', { name: 'Trees' }).press('Tab');
  await expectStatus(page, 'gbdt', 'done');
  await expect(cell(page, 'gbdt').getByTestId('cell-output')).toContainText('Trained GBDT (5 trees');
  expect(errors).toEqual([]);
});
