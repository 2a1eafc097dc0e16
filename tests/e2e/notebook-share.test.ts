// Share links and saved notebooks as an attacker or an old version might craft them: the page refuses what does not
// fit, says what was wrong, keeps the notebook the reader had, and one damaged cell never takes the page down.
import { expect, test } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { builtinFence, cell, expectStatus, importAndRun, jsFence, notebookFile, watchErrors } from './helpers';

/** A share hash carrying `content` as a link made by the app would (deflate, base64url). */
const hashOf = (content: string | Uint8Array) => `#nb=${Buffer.from(deflateSync(typeof content === 'string' ? strToU8(content) : content, { level: 9 })).toString('base64url')}`;

test('crafted share links are refused, saying what was wrong; the notebook open stays and keeps working', async ({ page }) => {
  const errors = watchErrors(page);
  await importAndRun(page, notebookFile('Mine', jsFence('base', 'const base = 2;'), jsFence('twice', 'const twice = base * 2;\ntwice')));
  await expect(cell(page, 'twice').getByTestId('cell-output')).toHaveText('4');
  const status = page.locator('.nb-message[role="status"]');

  const wrongTypes = notebookFile('Crafted', builtinFence('score', 's', { name: 'scores', data: 'data', predictions: 'example_prediction', target: 'target', metrics: 5, featureSet: '' }));
  await page.goto(`/notebook${hashOf(wrongTypes)}`);
  await expect(status).toContainText("was not opened: Line 6: the score cell's settings are not valid: predictions: Invalid type");
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine');

  await page.goto(`/notebook${hashOf(new Uint8Array(40 * 1024 * 1024).fill(32))}`); // 40 KB inflating to 40 MB
  await expect(status).toContainText('more than 2 MB');
  await page.goto(`/notebook${hashOf(notebookFile('Crafted', builtinFence('__proto__', 'p', { polluted: true })))}`);
  await expect(status).toContainText('unknown cell type "numerai-__proto__"');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine');
  expect(await page.evaluate(() => ({}) as { polluted?: unknown }).then((o) => o.polluted)).toBeUndefined();

  // still working, and none of the links was kept: a reload opens the same notebook
  await cell(page, 'twice').getByRole('button', { name: 'Run cell 2' }).click();
  await expect(cell(page, 'twice').getByTestId('cell-output')).toHaveText('4');
  await page.goto('/notebook');
  await expect(page.getByLabel('Notebook title')).toHaveValue('Mine', { timeout: 30_000 });
  await expect(page.getByRole('region', { name: 'Your notebooks' }).getByRole('listitem')).toHaveCount(2); // the tutorial and Mine
  expect(errors).toEqual([]);
});

test('a saved cell with damaged settings shows an error in its place, with Reset and Delete; the other cells run', async ({ page }) => {
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  // a notebook as an older version (or a bug) might have saved it, written straight into the app's IndexedDB
  await page.evaluate(async () => {
    const doc = {
      id: 'nbdamaged',
      title: 'Damaged',
      createdAt: 1,
      updatedAt: Date.now() + 1e6,
      cells: [
        { id: 'ok', kind: 'code', lang: 'js', source: 'const ok = 21 * 2;\nok' },
        { id: 'bad', kind: 'score', config: { name: 'scores', data: 'data', predictions: 'x', target: 'target', metrics: 5, featureSet: '' } }
      ]
    };
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('numerai-playground', 1);
      req.onsuccess = () => {
        const tx = req.result.transaction('notebooks', 'readwrite');
        tx.objectStore('notebooks').put(doc);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
      req.onerror = () => reject(req.error);
    });
    localStorage.setItem('numerai-playground:notebook', 'nbdamaged');
  });
  await page.reload();
  await expect(page.getByLabel('Notebook title')).toHaveValue('Damaged', { timeout: 30_000 });
  await expect(cell(page, 'bad').getByRole('alert')).toContainText('Cell 2 (score) cannot be shown');
  await expectStatus(page, 'ok', 'done');
  await expect(cell(page, 'ok').getByTestId('cell-output')).toHaveText('42');
  await cell(page, 'bad').getByRole('button', { name: 'Reset the cell' }).click();
  await expect(cell(page, 'bad').locator('.nb-form')).toBeVisible(); // drawn again, with a new cell's settings
  await cell(page, 'bad').getByRole('button', { name: 'Delete cell 2' }).click();
  await expect(cell(page, 'bad')).toHaveCount(0);
  await expect(cell(page, 'ok').getByTestId('cell-output')).toHaveText('42');
});
