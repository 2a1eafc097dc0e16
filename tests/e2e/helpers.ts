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
