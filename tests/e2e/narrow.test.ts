// Phones and narrow windows (issue 10.3): at 390 px no page scrolls sideways, wide tables scroll inside their own
// labelled, focusable box, chart text keeps its size (fewer ticks instead) and the notebook toolbar stays compact;
// at 800 px the Score and Stake tables fit without scrolling.
import { expect, test, type Page } from '@playwright/test';
import { SIGNALS_DEV } from '../helpers/fixtures';
import { watchErrors } from './helpers';
import { startPracticeStake, waitForTutorial } from './pages';

/** Document width against the viewport, and the elements sticking out of the viewport (for the failure message). */
async function sideways(page: Page): Promise<{ scrollWidth: number; viewport: number; offenders: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const scrolls = (e: Element) => getComputedStyle(e).overflowX !== 'visible';
    const offenders: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const b = el.getBoundingClientRect();
      // a box past the right edge, or text running out of its box
      if (b.right <= vw + 1 && !(el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && b.left + el.scrollWidth > vw + 1 && !scrolls(el))) continue;
      let inside = false; // clipped by a scroll box that itself fits
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (scrolls(p) && p.getBoundingClientRect().right <= vw + 1) inside = true;
      if (!inside) offenders.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, viewport: vw, offenders: offenders.slice(0, 8) };
  });
}

async function expectNoSidewaysScroll(page: Page) {
  const r = await sideways(page);
  expect(r.scrollWidth, `page is ${r.scrollWidth} px wide in a ${r.viewport} px window; sticking out: ${r.offenders.join(', ')}`).toBeLessThanOrEqual(r.viewport);
}

/** Every visible chart: rendered axis font size (px, after the SVG is scaled to its box) and overlapping tick labels. */
async function chartText(page: Page): Promise<{ smallest: number; overlaps: string[]; charts: number }> {
  return page.evaluate(() => {
    let smallest = Infinity;
    const overlaps: string[] = [];
    const svgs = [...document.querySelectorAll<SVGSVGElement>('svg.np-chart')].filter((s) => s.getBoundingClientRect().width > 0);
    for (const svg of svgs) {
      for (const t of svg.querySelectorAll<SVGTextElement>('.tick text')) {
        // to 0.1 px: a label at a sub-pixel offset (below a header of fractional height) measures 10.999 px
        const h = Math.round(t.getBoundingClientRect().height * 10) / 10;
        if (h > 0) smallest = Math.min(smallest, h);
      }
      for (const axis of svg.querySelectorAll('.np-axis-x')) {
        const boxes = [...axis.querySelectorAll('.tick text')].map((t) => t.getBoundingClientRect()).filter((b) => b.width > 0);
        for (let i = 1; i < boxes.length; ++i) if (boxes[i].left < boxes[i - 1].right) overlaps.push(`${svg.getAttribute('aria-label')}: ${axis.textContent?.slice(0, 40)}`);
      }
    }
    return { smallest, overlaps, charts: svgs.length };
  });
}

test.describe('at 390 px (a phone)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('Learn: no sideways scroll, readable chart text, a compact toolbar, wide tables scroll in their own box', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto('/');
    await waitForTutorial(page);
    await expectNoSidewaysScroll(page);

    const text = await chartText(page);
    expect(text.charts).toBeGreaterThan(5);
    // 11 px type renders ~13 px tall; a 720 px chart squeezed into a phone drew it about 6 px tall
    expect(text.smallest, 'height of the smallest tick label, px').toBeGreaterThanOrEqual(11);
    expect(text.overlaps).toEqual([]);

    // the toolbar: at most two rows of controls
    const rows = await page.locator('.nb-toolbar').evaluate((bar) => {
      const centres = [...bar.querySelectorAll('button, select, input, .nb-save')]
        .map((el) => el.getBoundingClientRect())
        .filter((b) => b.height > 0)
        .map((b) => (b.top + b.bottom) / 2)
        .sort((a, b) => a - b);
      return centres.filter((c, i) => i === 0 || c - centres[i - 1] > 12).length;
    });
    expect(rows, 'toolbar rows').toBeLessThanOrEqual(2);

    // a table wider than the phone scrolls inside a box that a keyboard can reach and that says what it holds
    const box = page.locator('[data-cell-id="scores"] .nb-table-wrap').first();
    await expect(box).toHaveAttribute('tabindex', '0');
    await expect(box).toHaveAttribute('aria-label', /Score summaries/);
    expect(await box.evaluate((b) => b.scrollWidth > b.clientWidth)).toBe(true);
    expect(errors).toEqual([]);
  });

  test('Learn Signals and Signals scores on the Score page fit the phone: no sideways scroll, readable date axes', async ({ page }) => {
    test.setTimeout(240_000);
    const errors = watchErrors(page);
    await page.goto('/signals');
    await waitForTutorial(page, 180_000, 'turnoverChart');
    await expectNoSidewaysScroll(page);
    const text = await chartText(page);
    expect(text.charts).toBeGreaterThan(5);
    expect(text.smallest, 'height of the smallest tick label, px').toBeGreaterThanOrEqual(11);
    expect(text.overlaps).toEqual([]);

    await page.goto('/score');
    await expect(page.getByTestId('summary-table')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('data-file').setInputFiles(`${SIGNALS_DEV}signals.parquet`);
    await page.getByRole('button', { name: 'Load file' }).click();
    await expect(page.getByTestId('dataset-summary')).toContainText('36 dates', { timeout: 60_000 });
    await page.getByTestId('signals-file').setInputFiles(`${SIGNALS_DEV}predictions/quality.csv`);
    await expect(page.getByTestId('signals-chart').locator('svg.np-chart')).toBeVisible({ timeout: 60_000 });
    await expectNoSidewaysScroll(page);
    const scoreText = await chartText(page);
    expect(scoreText.smallest).toBeGreaterThanOrEqual(11);
    expect(scoreText.overlaps).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('a new notebook, Score files and Stake (before and after staking) fit the phone', async ({ page }) => {
    test.setTimeout(180_000);
    const errors = watchErrors(page);
    await page.goto('/notebook');
    await expect(page.locator('.nb-cells')).toBeVisible({ timeout: 30_000 });
    await expectNoSidewaysScroll(page);

    await page.goto('/score');
    await expect(page.getByTestId('summary-table')).toContainText('example_prediction', { timeout: 60_000 });
    await expect(page.getByTestId('era-chart').locator('.np-chart-host svg.np-chart')).toBeVisible();
    await expectNoSidewaysScroll(page);
    const scoreText = await chartText(page);
    expect(scoreText.smallest).toBeGreaterThanOrEqual(11);
    expect(scoreText.overlaps).toEqual([]);

    await page.goto('/stake');
    await expect(page.getByTestId('wallet-practice')).toBeVisible({ timeout: 30_000 });
    await expectNoSidewaysScroll(page);
    await startPracticeStake(page);
    await expectNoSidewaysScroll(page);
    expect(errors).toEqual([]);
  });
});

test.describe('at 800 px (a narrow window)', () => {
  test.use({ viewport: { width: 800, height: 900 } });

  /** The table fits its box: nothing to scroll, and the page does not scroll sideways. */
  async function expectTableFits(page: Page, testId: string) {
    const t = page.getByTestId(testId);
    const fit = await t.evaluate((table) => {
      const box = table.parentElement!;
      return { table: Math.round(table.getBoundingClientRect().width), box: box.clientWidth };
    });
    expect(fit.table, `${testId} is ${fit.table} px in a ${fit.box} px box`).toBeLessThanOrEqual(fit.box);
    await expectNoSidewaysScroll(page);
  }

  test('the Score table and the Stake positions fit without scrolling', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/score');
    await expect(page.getByTestId('summary-table')).toContainText('example_prediction', { timeout: 60_000 });
    await expectTableFits(page, 'summary-table');

    await page.goto('/stake');
    await startPracticeStake(page);
    await expectTableFits(page, 'positions');
  });
});
