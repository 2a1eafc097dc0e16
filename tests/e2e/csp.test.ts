import { expect, test, type Page } from '@playwright/test';
import { watchErrors } from './helpers';
import { startRequestLog, type RequestLog } from './requestLog';

let log: RequestLog;
test.beforeAll(async () => {
  log = await startRequestLog();
});
test.afterAll(async () => {
  await log.close();
});

/** The directives of the page's Content-Security-Policy meta tag, by name. */
async function policyOf(page: Page): Promise<Record<string, string>> {
  const content = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(content, 'a Content-Security-Policy meta tag').toBeTruthy();
  return Object.fromEntries(content!.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values.join(' ')]));
}

test('the request log sees what a browser sends it (control for the tests that expect nothing)', async ({ browser }) => {
  const page = await browser.newPage();
  await page.setContent(`<img src="${log.origin}/control.png">`);
  await expect.poll(() => log.seen).toContain('GET /control.png');
  await page.close();
  log.clear();
});

test('every page carries the app\'s Content-Security-Policy, and the inline theme script runs under it', async ({ page }) => {
  const errors = watchErrors(page);
  for (const path of ['/', '/notebook', '/score', '/stake']) {
    await page.goto(path);
    const p = await policyOf(page);
    expect(p['default-src']).toBe("'self'");
    expect(p['img-src']).toBe("'self' data: blob:");
    expect(p['object-src']).toBe("'none'");
    expect(p['script-src']).toMatch(/^'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+$/);
    expect(p['connect-src']).toMatch(/^'self'( https?:\/\/[^\s*]+(:\*)?)*$/);
    expect(p['frame-src']).toBe("'self'");
  }
  await page.waitForLoadState('networkidle');
  expect(errors, 'no policy violations or other errors').toEqual([]);
  // with the app's scripts refused, only the inline theme script can set the theme: it is allowed by its hash
  await page.evaluate(() => localStorage.setItem('numerai-playground:theme', 'dark'));
  await page.route('**/_app/**', (route) => route.abort());
  await page.goto('/score');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(errors.filter((e) => /Content Security Policy/.test(e))).toEqual([]);
});

test('a remote image in markdown is never requested: it shows as a link to open', async ({ page }) => {
  const errors = watchErrors(page);
  const notebook = `---\nformat: numerai-notebook 1\ntitle: "Images"\n---\n\n\`\`\`md cell id=pics\n# Pictures\n\n![the chart](${log.origin}/md.png)\n\n<img src="${log.origin}/html.png" alt="raw">\n\`\`\`\n`;
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import').setInputFiles({ name: 'images.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(notebook) });
  const chart = page.getByRole('link', { name: 'Image (not loaded): the chart' });
  await expect(chart).toHaveAttribute('href', `${log.origin}/md.png`);
  await expect(page.getByRole('link', { name: 'Image (not loaded): raw' })).toHaveAttribute('href', `${log.origin}/html.png`);
  await page.getByRole('button', { name: 'Run notebook' }).click();
  await page.waitForTimeout(1000);
  expect(log.seen).toEqual([]);
  expect(errors).toEqual([]);
});
