import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { cell, expectStatus, watchErrors } from './helpers';
import { startRequestLog, type RequestLog } from './requestLog';

// Code cells run in a sandbox the browser enforces (static/notebook-runner.html: an opaque-origin frame whose policy
// refuses every request; the runner worker inherits it). A hostile notebook tries every route out it knows against
// a request log on another port: each attempt must be made, must fail, and nothing may arrive.

let log: RequestLog;
test.beforeAll(async () => {
  log = await startRequestLog();
});
test.afterAll(async () => {
  await log.close();
});

const json = (o: object) => JSON.stringify(o, null, 2);
const dataCell = `\`\`\`numerai-data cell id=data\n${json({ name: 'data', source: 'generated', seed: 3, eras: 8, rowsPerEra: 50, features: 5 })}\n\`\`\`\n`;

/** Opens a notebook file (safe mode: nothing runs until "Run notebook"). */
async function importNotebook(page: Page, text: string) {
  await page.goto('/notebook');
  await expect(page.getByTestId('run-all')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('import').setInputFiles({ name: 'nb.notebook.md', mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await expect(page.getByTestId('safe-open')).toBeVisible();
}

/**
 * What the browser itself reports about requests to the log's origin (frames and workers included): each one it
 * started, with how it ended — "finished" (it got an answer) or the browser's failure reason.
 */
function watchRequests(page: Page, origin: string): Map<string, string> {
  const seen = new Map<string, string>();
  const mine = (url: string) => url.startsWith(origin);
  const context = page.context();
  context.on('request', (r) => mine(r.url()) && seen.set(`${r.method()} ${r.url()}`, 'started'));
  context.on('requestfinished', (r) => mine(r.url()) && seen.set(`${r.method()} ${r.url()}`, 'finished'));
  context.on('requestfailed', (r) => mine(r.url()) && seen.set(`${r.method()} ${r.url()}`, r.failure()?.errorText ?? 'failed'));
  page.on('websocket', (w) => w.url().includes(new URL(origin).host) && seen.set(`websocket ${w.url()}`, 'opened'));
  return seen;
}

const routes = [
  'import() via new Function', 'import() via (0, eval)', 'import() of a data: module that fetches', 'import() of a blob: module that fetches',
  'importScripts', 'fetch (POST, preflighted)', 'fetch (no-cors)', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'WebTransport',
  'RTCPeerConnection', 'navigator.sendBeacon', 'new FontFace(…).load()', 'self.fonts.load', 'createImageBitmap(fetch(…))', 'nested Worker from blob:',
  'nested Worker from data:', 'SharedWorker from blob:', 'SharedWorker from data:', 'Worker from the server', 'indexedDB', 'caches',
  'navigator.storage (private file system)', 'parent.postMessage', 'self.postMessage to the frame', 'display() kept from an earlier run',
  'override MessagePort.prototype.postMessage', 'redefine MessageEvent.prototype.data', 'override EventTarget.prototype.addEventListener', 'port captured'
];

test('a hostile notebook reaches nothing: every route out is tried, the browser refuses each, no request arrives', async ({ page }) => {
  const errors = watchErrors(page);
  const browserSaw = watchRequests(page, log.origin);
  const L = log.origin;
  const markdown = [
    '# A notebook that tries to phone home',
    `![tracking pixel](${L}/md-image.png?opened)`,
    `<img src="${L}/html-image.png" alt="raw img"> <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" srcset="${L}/srcset.png 2x" alt="inline">`,
    `<div style="background:url(${L}/css-attribute.png)">styled</div><style>@import url(${L}/css-import.css);</style>`,
    `<link rel="prefetch" href="${L}/prefetch"><link rel="stylesheet" href="${L}/stylesheet.css"><meta http-equiv="refresh" content="0;url=${L}/refresh">`,
    `<video poster="${L}/poster.png" src="${L}/video.mp4"></video><audio src="${L}/audio.mp3"></audio><table background="${L}/background.png"><tr><td>t</td></tr></table>`,
    `<svg><image href="${L}/svg-image.png"></image></svg><a href="https://example.com/" ping="${L}/ping">a link with ping</a>`,
    `<iframe src="${L}/iframe"></iframe><object data="${L}/object"></object><embed src="${L}/embed"><img src=x onerror="fetch('${L}/onerror')">`
  ].join('\n\n');
  const hostile = readFileSync(new URL('./sandbox/hostileCell.js', import.meta.url), 'utf8').replace(/^\/\/ @ts-nocheck.*\n/, '').replaceAll('__ORIGIN__', L);
  const notebook = [
    `---\nformat: numerai-notebook 1\ntitle: "Hostile"\n---\n`,
    `\`\`\`md cell id=intro\n${markdown}\n\`\`\`\n`,
    dataCell,
    '```js cell id=leak\n// keeps this run\'s display() and progress() for a later run\nself.staleDisplay = display;\nself.staleProgress = progress;\nconst leaked = "kept";\n```\n',
    `\`\`\`js cell id=probe\n${hostile}\n\`\`\`\n`
  ].join('\n');

  // the request log sees what a browser sends it (control): a page outside the app loads an image from it
  const control = await page.context().newPage();
  await control.setContent(`<img src="${L}/control.png">`);
  await expect.poll(() => log.seen).toContain('GET /control.png');
  await control.close();
  log.clear();
  browserSaw.clear();

  // opening the notebook renders its markdown: remote images are links, nothing is fetched
  await importNotebook(page, notebook);
  await expect(cell(page, 'intro').getByRole('link', { name: 'Image (not loaded): tracking pixel' })).toHaveAttribute('href', `${L}/md-image.png?opened`);
  await expect(cell(page, 'intro').getByRole('link', { name: 'Image (not loaded): raw img' })).toBeVisible();
  await page.waitForTimeout(500);
  expect(log.seen, 'requests after opening').toEqual([]);

  await page.getByRole('button', { name: 'Run notebook' }).click();
  await expectStatus(page, 'probe', 'done', 90_000);
  const rows = await cell(page, 'probe').locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0].textContent ?? '', tr.children[1].textContent ?? '']));
  const outcomes = Object.fromEntries(rows);
  // every route was tried and reported how it failed
  expect(Object.keys(outcomes).sort()).toEqual([...routes].sort());
  for (const [route, outcome] of rows) expect(outcome, route).toMatch(/^(refused|unavailable|sent): /);
  // the ones the browser must refuse by its policy, not by a missing API
  for (const route of ['import() via new Function', 'import() via (0, eval)', 'import() of a data: module that fetches', 'import() of a blob: module that fetches', 'importScripts', 'fetch (POST, preflighted)', 'fetch (no-cors)', 'XMLHttpRequest', 'WebSocket', 'WebSocketStream', 'EventSource', 'new FontFace(…).load()', 'self.fonts.load', 'createImageBitmap(fetch(…))', 'nested Worker from blob:', 'nested Worker from data:', 'Worker from the server', 'indexedDB', 'override MessagePort.prototype.postMessage', 'redefine MessageEvent.prototype.data', 'override EventTarget.prototype.addEventListener', 'port captured']) {
    expect(outcomes[route], route).toMatch(/^refused: /);
  }
  expect(outcomes['nested Worker from blob:']).toMatch(/inside it: fetch TypeError: Failed to fetch; importScripts NetworkError/);
  // markdown the cell displayed: links, not images
  await expect(cell(page, 'probe').getByRole('link', { name: /^Image \(not loaded\): output image$/ })).toBeVisible();
  await expect(cell(page, 'probe').locator('img, link, [style]')).toHaveCount(0);
  // forged messages (a stale run id, posted to the frame) changed nothing: no cell shows them
  await expect(page.locator('[data-testid="cell-output"], [data-testid="cell-error"], .nb-progress').filter({ hasText: 'FORGED' })).toHaveCount(0);
  await expectStatus(page, 'leak', 'done');

  await page.waitForTimeout(1500);
  expect(log.seen, 'requests that reached the log').toEqual([]);
  // the browser started some of them and stopped each itself, for the policy, before any connection
  for (const [request, end] of browserSaw) expect(end, request).toMatch(/^(csp|net::ERR_BLOCKED_BY_CSP)$/);
  // the refusals show in the console as policy violations; nothing else went wrong
  expect(errors.filter((e) => !/Content Security Policy|Failed to load resource|net::ERR_|WebSocket connection/.test(e))).toEqual([]);
});

test('normal notebooks keep working in the sandbox: data, aq, tables, charts, progress, markdown, errors with lines', async ({ page }) => {
  const errors = watchErrors(page);
  const cells = [
    dataCell,
    '```js cell id=where\nconst where = [typeof window, typeof document, typeof localStorage, self.origin, self.isSecureContext].join(" ");\nwhere\n```\n',
    "```js cell id=arq\nconst t = aq.table({ era: data.eras.slice(0, 3), n: [1, 2, 3] }).derive({ twice: (d) => d.n * 2 });\ndisplay(t);\nconst total = t.rollup({ s: aq.op.sum('twice') }).get('s', 0);\ntotal\n```\n",
    "```js cell id=chart\nfor (let i = 1; i <= 3; i++) { progress(i / 3, `step ${i}`); await new Promise((r) => setTimeout(r, 200)); }\ndisplay({ type: 'eraBars', data: { eras: ['1', '2', '3'], series: [{ label: 'corr', values: [0.1, -0.05, 0.2] }] }, title: 'Bars' });\ndisplay(md`**bold** and ${total}`);\nconst done = true;\n```\n",
    '```js cell id=broken\nconst ok = 1;\nthrow new RangeError("nope");\n```\n'
  ];
  await importNotebook(page, `---\nformat: numerai-notebook 1\ntitle: "Normal"\n---\n\n${cells.join('\n')}`);
  await page.getByRole('button', { name: 'Run notebook' }).click();
  await expectStatus(page, 'chart', 'done');
  // the worker runs with an opaque origin, outside any secure context, without the page's window or storage
  await expect(cell(page, 'where').getByTestId('cell-output')).toHaveText('undefined undefined undefined null false');
  await expect(cell(page, 'arq').locator('table')).toContainText('twice');
  await expect(cell(page, 'arq').getByTestId('cell-output')).toContainText('12');
  await expect(cell(page, 'chart').locator('svg rect.np-bar')).toHaveCount(3);
  await expect(cell(page, 'chart').getByTestId('cell-output')).toContainText('bold and 12');
  await expect(cell(page, 'broken').getByTestId('cell-error')).toHaveText('Line 2: RangeError: nope');
  // the runner frame itself: sandboxed without allow-same-origin, on the static runner page
  const frame = page.locator('iframe[title="Notebook code runner"]');
  await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
  await expect(frame).toHaveAttribute('src', /\/notebook-runner\.html$/);
  expect(errors).toEqual([]);
});
