// Browser benchmark for the playground (production build, Debian Chromium, this machine):
//   - JavaScript loaded up front by the start page (gzip -9 of the files index.html loads), and everything loaded
//     by the time the first era chart is drawn;
//   - on cold loads of the tutorial (a fresh browser context each: nothing cached or stored), the time from
//     navigation to its first era chart and to the whole tutorial done (every cell run, its charts drawn);
//   - model training in the browser worker: GBDT (200 trees, depth 5) on 200,000 rows × 42 features;
//   - neutralization slider latency (input → updated chart) on 500,000 rows × 42 features, and in the tutorial.
// The load average (as `uptime` prints it) is printed before and after: timings on a busy machine are not comparable.
// `node --import tsx bench/browser.ts [--no-build] [--json] [--runs 5] [--only tutorial,training,slider]`; also run by
// `npm run bench`.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { createServer } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium.js';
import type { Cell } from '../src/lib/notebook/types';

// share.ts reaches the cell kinds' Svelte forms (through the kind registry); building a link needs none of them
register('data:text/javascript,' + encodeURIComponent(`export async function load(url, context, next) { return url.endsWith('.svelte') ? { format: 'module', source: 'export default {}', shortCircuit: true } : next(url, context); }`));
const { shareLink } = await import('../src/lib/notebook/share');

const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    runs: { type: 'string', default: '5' },
    only: { type: 'string', default: 'tutorial,training,slider' }
  }
});
const runs = Math.max(1, Number(args.runs));
const parts = new Set(args.only.split(','));
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
const log = (...a: unknown[]) => {
  if (!args.json) console.log(...a);
};
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const kb = (b: number) => (b / 1024).toFixed(1);
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** JS files the start page's HTML loads before anything runs (entry scripts and modulepreloads). */
function upFrontJs(): { files: string[]; gzipBytes: number } {
  const html = readFileSync('build/index.html', 'utf8');
  const refs = new Set<string>();
  for (const m of html.matchAll(/(?:href|src)="([^"]+\.js)"/g)) refs.add(m[1]);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)/g)) refs.add(m[1]);
  const files = [...refs].map((r) => join('build', r.replace(/^\.?\//, '')));
  return { files, gzipBytes: files.reduce((s, f) => s + gz(f), 0) };
}

/** gzip size of every built JS file, by URL path, to price what the page fetched. */
function builtJsSizes(): Map<string, number> {
  const sizes = new Map<string, number>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.js')) sizes.set('/' + p.slice('build/'.length), gz(p));
    }
  };
  walk('build');
  return sizes;
}

/** Cold loads of the tutorial: navigation → first era chart, and → every cell done with its charts drawn. */
async function coldTutorial(browser: Browser, base: string, sizes: Map<string, number>) {
  const chart: number[] = [];
  const whole: number[] = [];
  let jsAtChart = 0;
  for (let i = 0; i < runs; ++i) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base + '/');
    const t = await page.waitForFunction(() => (document.querySelector('[data-cell-id="shape"] svg') ? performance.now() : null), null, { polling: 'raf', timeout: 120_000 });
    chart.push((await t.jsonValue()) as number);
    const urls: string[] = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.endsWith('.js')));
    jsAtChart = urls.reduce((s, u) => s + (sizes.get(u) ?? 0), 0);
    const done = await page.waitForFunction(
      () => {
        // every cell done, at an animation frame: their outputs are on the page (the chart kit loaded for the first chart)
        const cells = [...document.querySelectorAll('[data-cell-id]:not([data-kind="markdown"])')];
        return cells.length > 0 && cells.every((c) => c.getAttribute('data-status') === 'done') ? performance.now() : null;
      },
      null,
      { polling: 'raf', timeout: 300_000 }
    );
    whole.push((await done.jsonValue()) as number);
    await context.close();
  }
  return { firstChart: { medianMs: median(chart), allMs: chart }, tutorial: { medianMs: median(whole), allMs: whole }, jsGzipBytesAtFirstChart: jsAtChart };
}

/** Opens a notebook through a share link (safe open) and runs it. */
async function openNotebook(browser: Browser, base: string, title: string, cells: Cell[]): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(shareLink({ title, cells }, base + '/notebook'));
  await page.getByTestId('safe-open').getByRole('button').first().click();
  return page;
}

const doneMs = async (page: Page, id: string, timeout = 600_000) => {
  const cell = page.locator(`[data-cell-id="${id}"]`);
  const status = cell.locator('.nb-status, [data-testid="cell-status"]').first();
  await page.waitForFunction((cid) => /done in/.test(document.querySelector(`[data-cell-id="${cid}"]`)?.textContent ?? ''), id, { timeout });
  const text = (await status.count()) ? await status.innerText() : await cell.innerText();
  const m = text.match(/done in ([\d.,]+)\s*(ms|s)/);
  return m ? Number(m[1].replace(',', '')) * (m[2] === 's' ? 1000 : 1) : NaN;
};

async function training(browser: Browser, base: string) {
  const page = await openNotebook(browser, base, 'bench: training', [
    { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 1, eras: 100, rowsPerEra: 5333, features: 42 } }, // ~200,000 training rows
    { id: 'gbdt', kind: 'model', config: { name: 'gbdt', data: 'data', kind: 'gbdt', featureSet: 'all', target: 'target', trees: 200, learningRate: 0.05, maxDepth: 5 } },
    { id: 'ridge', kind: 'model', config: { name: 'ridge', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 10 } }
  ]);
  const dataMs = await doneMs(page, 'data');
  const gbdtMs = await doneMs(page, 'gbdt');
  const ridgeMs = await doneMs(page, 'ridge');
  const text = await page.locator('[data-cell-id="gbdt"]').innerText();
  const rows = Number((text.match(/([\d,]+) rows of/) ?? [])[1]?.replace(/,/g, '') ?? NaN);
  await page.context().close();
  return { generateMs: dataMs, gbdtMs, ridgeMs, trainRows: rows, features: 42 };
}

/**
 * Moves a neutralize cell's slider by input events only (what a drag does between releases) and reads the cell's own
 * measure of input → chart painted (`data-latency-ms`), once the cell shows the new proportion.
 */
async function sliderLatencies(page: Page, id: string): Promise<number[]> {
  const out = page.locator(`[data-cell-id="${id}"] [data-testid="neutralize-live"]`);
  const slider = page.locator(`[data-cell-id="${id}"]`).getByRole('slider');
  const latencies: number[] = [];
  for (const p of [0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 0.95, 0.9]) {
    await slider.evaluate((el, v) => {
      (el as HTMLInputElement).value = String(v);
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, p);
    await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.getAttribute('data-proportion') === v, [`[data-cell-id="${id}"] [data-testid="neutralize-live"]`, String(p)] as const, { timeout: 60_000 });
    await page.waitForTimeout(400); // the settled FNC pass, when the cell splits it off, finishes before the next move
    latencies.push(Number(await out.getAttribute('data-latency-ms')));
  }
  return latencies;
}

async function slider(browser: Browser, base: string) {
  const page = await openNotebook(browser, base, 'bench: slider', [
    { id: 'data', kind: 'data', config: { name: 'data', source: 'generated', seed: 1, eras: 100, rowsPerEra: 5000, features: 42 } },
    { id: 'neutral', kind: 'neutralize', config: { name: 'neutral', data: 'data', model: 'example_prediction', proportion: 0.5, featureSet: '' } }
  ]);
  const prepareMs = await doneMs(page, 'neutral');
  const rows = await page.evaluate(() => (document.querySelector('[data-cell-id="data"]')?.textContent ?? '').match(/([\d,]+) rows/)?.[1]);
  const big = await sliderLatencies(page, 'neutral');
  await page.context().close();
  // the tutorial's own slider (80 eras × 800 rows, FNC included in every update)
  const context = await browser.newContext();
  const tutorial = await context.newPage();
  await tutorial.goto(base + '/');
  await doneMs(tutorial, 'neutral');
  await tutorial.waitForTimeout(1000);
  const small = await sliderLatencies(tutorial, 'neutral');
  await context.close();
  return { rows: Number(rows?.replace(/,/g, '') ?? NaN), features: 42, prepareMs, medianMs: median(big), maxMs: Math.max(...big), allMs: big, tutorialMedianMs: median(small), tutorialMaxMs: Math.max(...small) };
}

if (!args['no-build']) execFileSync('npm', ['run', 'build'], { stdio: args.json ? 'ignore' : 'inherit' });
const port = await freePort();
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; i < 100; ++i) {
    try {
      await fetch(base);
      break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const loadBefore = load();
  const upFront = upFrontJs();
  const sizes = builtJsSizes();
  const cold = parts.has('tutorial') ? await coldTutorial(browser, base, sizes) : null;
  const train = parts.has('training') ? await training(browser, base) : null;
  const slide = parts.has('slider') ? await slider(browser, base) : null;
  await browser.close();
  const loadAfter = load();
  log('\nbrowser (production build, Debian Chromium)');
  log(`  load average before / after               ${loadBefore} / ${loadAfter} (as uptime prints it; 2 cores)`);
  log(`  JS loaded up front by the start page      ${kb(upFront.gzipBytes)} KB gzip (${upFront.files.length} files; target < 250 KB)`);
  if (cold) {
    const all = (xs: number[]) => xs.map((x) => Math.round(x)).join(', ');
    log(`  JS loaded by the first era chart          ${kb(cold.jsGzipBytesAtFirstChart)} KB gzip`);
    log(`  navigation → first era chart (tutorial)   ${Math.round(cold.firstChart.medianMs)} ms median of ${runs} cold loads (${all(cold.firstChart.allMs)}; target < 1,500 ms)`);
    log(`  navigation → whole tutorial done          ${Math.round(cold.tutorial.medianMs)} ms median of ${runs} cold loads (${all(cold.tutorial.allMs)}; target < 4,000 ms)`);
  }
  if (train) log(`  GBDT 200 trees × depth 5 in the worker    ${(train.gbdtMs / 1000).toFixed(2)} s on ${train.trainRows.toLocaleString()} training rows × 42 features (ridge ${(train.ridgeMs / 1000).toFixed(2)} s)`);
  if (slide) {
    log(`  neutralization slider, input → chart      ${Math.round(slide.medianMs)} ms median, ${Math.round(slide.maxMs)} ms max on ${slide.rows.toLocaleString()} rows × 42 features (fit once: ${(slide.prepareMs / 1000).toFixed(1)} s; target < 100 ms)`);
    log(`  the same in the tutorial (with FNC)       ${Math.round(slide.tutorialMedianMs)} ms median, ${Math.round(slide.tutorialMaxMs)} ms max`);
  }
  const results = { loadAverage: { before: loadBefore, after: loadAfter }, upFront: { gzipBytes: upFront.gzipBytes, files: upFront.files.length }, ...(cold ? { cold } : {}), ...(train ? { training: train } : {}), ...(slide ? { slider: slide } : {}) };
  if (args.json) console.log(JSON.stringify(results));
} finally {
  try {
    process.kill(-server.pid!);
  } catch {
    server.kill();
  }
}
