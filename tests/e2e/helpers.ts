import { expect, type Page } from '@playwright/test';
import { NUMERAI_DEV } from '../helpers/fixtures';

/** Console errors and uncaught page errors (the tests expect none). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.stack ?? e.message));
  return errors;
}

/** A notebook cell by id. */
export const cell = (page: Page, id: string) => page.locator(`[data-cell-id="${id}"]`);

/** Waits for a notebook cell's status (idle, queued, running, stale, error, done). */
export const expectStatus = (page: Page, id: string, status: string, timeout = 60_000) => expect(cell(page, id)).toHaveAttribute('data-status', status, { timeout });

/** A file of the numerai-dev reference fixture (tests/fixtures). */
export const fixture = (path: string) => `${NUMERAI_DEV}${path}`;

/** Imports a notebook file through the Import button (it opens in safe mode) and runs it. */
export async function importAndRun(page: Page, text: string) {
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import').setInputFiles({ name: 'nb.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Run notebook' }).click();
}

/** A notebook file's text: the front matter and the cells' fences. */
export const notebookFile = (title: string, ...cells: string[]) => `---\nformat: numerai-notebook 1\ntitle: ${JSON.stringify(title)}\n---\n\n${cells.join('\n')}`;
/** A built-in cell's fence. */
export const builtinFence = (kind: string, id: string, config: object) => `\`\`\`numerai-${kind} cell id=${id}\n${JSON.stringify(config, null, 2)}\n\`\`\`\n`;
/** A JavaScript cell's fence. */
export const jsFence = (id: string, source: string) => `\`\`\`js cell id=${id}\n${source}\n\`\`\`\n`;
