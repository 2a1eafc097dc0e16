// @vitest-environment jsdom
// The Svelte wrappers in jsdom: D3 synced from props without rebuilding, the toolbar (metric select, exports,
// "show as table"), the live region fed by the tooltip, and a brush zooming two charts through a bound range.
import type { Component } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Chart from '../../src/lib/charts/Chart.svelte';
import EraChart from '../../src/lib/charts/EraChart.svelte';
import { payoutChart } from '../../src/lib/charts';
import { metrics } from '../../src/lib/scoring/metrics';
import { simulatePayouts } from '../../src/lib/scoring/payout';
import Linked from './Linked.svelte';
import { seededEraScores } from './data';
import { flushSync, mount, unmount } from './svelteClient';

const scores = seededEraScores(['model_a', 'model_b'], 30, 4, 3);
let cleanup: (() => void)[] = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
  vi.restoreAllMocks();
});

// `unknown`: Chart.svelte is generic, and mount() cannot infer its props
function render(component: unknown, props: Record<string, unknown>): HTMLElement {
  const target = document.createElement('div');
  document.body.appendChild(target);
  const c = mount(component as Component<Record<string, unknown>>, { target, props });
  flushSync();
  cleanup.push(() => {
    unmount(c);
    target.remove();
  });
  return target;
}

const click = (el: Element | null) => {
  (el as HTMLElement).click();
  flushSync();
};
const button = (root: HTMLElement, name: string) => [...root.querySelectorAll('button')].find((b) => b.textContent === name)!;

describe('EraChart.svelte', () => {
  it('renders the chart with a metric select labelled from the registry; changing it updates the same SVG', () => {
    const root = render(EraChart, { scores });
    const svg = root.querySelector('svg.np-chart')!;
    expect(svg.getAttribute('aria-label')).toBe(`${metrics.corr.label} per era: model_a and model_b`);
    const select = root.querySelector('select')!;
    expect([...select.options].map((o) => o.textContent)).toEqual(['CORR', 'MMC', 'FNC']);
    expect(root.querySelector(`label[for="${select.id}"]`)!.textContent).toBe('Metric');
    const before = [...root.querySelectorAll('g.np-panel')[0].querySelectorAll('rect.np-bar')];
    select.value = 'mmc';
    select.dispatchEvent(new Event('change', { bubbles: true })); // Svelte delegates change: it must bubble, as in browsers
    flushSync();
    expect(root.querySelector('svg.np-chart')).toBe(svg);
    expect(svg.getAttribute('aria-label')).toContain(metrics.mmc.label);
    const after = [...root.querySelectorAll('g.np-panel')[0].querySelectorAll('rect.np-bar')];
    expect(after).toHaveLength(27); // MMC is unscored in the first 3 eras: their bars left, the others stayed
    expect(after[0] === before[3] && after[26] === before[29]).toBe(true);
  });

  it('has no select with a single metric, and toggles an accessible table of the same numbers', () => {
    const root = render(EraChart, { scores, metrics: ['fnc'], kind: 'cumulative' });
    expect(root.querySelector('select')).toBeNull();
    const toggle = button(root, 'Show as table');
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    click(toggle);
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    expect(root.querySelector<HTMLElement>('.np-chart-host')!.hidden).toBe(true);
    const table = root.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).toBe(`Cumulative ${metrics.fnc.label}`);
    expect([...table.querySelectorAll('thead th')].map((th) => [th.textContent, th.getAttribute('scope')])).toEqual([['Era', 'col'], ['model_a', 'col'], ['model_b', 'col']]);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(30);
    expect(table.querySelector('tbody th')!.getAttribute('scope')).toBe('row');
  });

  it('announces the tooltip in a polite live region when the chart is used with the keyboard', () => {
    const root = render(EraChart, { scores, kind: 'drawdown' });
    const svg = root.querySelector<SVGSVGElement>('svg.np-chart')!;
    svg.focus();
    svg.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight' }));
    flushSync();
    const live = root.querySelector('[aria-live="polite"]')!;
    expect(live.textContent).toMatch(/^Era 0002; model_a: /);
  });

  it('exports the numbers as CSV and reports that PNG needs a browser', async () => {
    const blobs: Blob[] = [];
    // jsdom has no object URLs and no navigation: capture the download instead
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), 'blob:test'), revokeObjectURL: () => {} });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toMatch(/^bars-corr\.(csv|svg)$/);
    });
    const root = render(EraChart, { scores });
    click(button(root, 'CSV'));
    expect(clicked).toHaveBeenCalledTimes(1);
    const csv = await blobs[0].text();
    expect(csv.split('\r\n')[0]).toBe('Era,model_a,model_b');
    expect(csv.split('\r\n')).toHaveLength(32);
    click(button(root, 'SVG'));
    expect((await blobs[1].text()).startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    click(button(root, 'PNG'));
    await vi.waitFor(() => expect(root.querySelector('[role="alert"]')?.textContent).toContain('needs a browser canvas'));
  });
});

describe('Chart.svelte', () => {
  it('renders any builder (here the payout chart) and shows its warnings', () => {
    const rounds = simulatePayouts({ stake: 100, corr: [0.01, 0.02, -0.01], mmc: [0, 0.01, 0] });
    const root = render(Chart, { chart: payoutChart, data: { rounds, labels: ['1', '2'] } });
    expect(root.querySelector('svg.np-chart-payout')).not.toBeNull();
    expect(root.querySelector('.np-chart-warnings')!.textContent).toBe('Warning: 2 labels for 3 rounds.');
  });
});

describe('EraBrush.svelte + EraChart.svelte', () => {
  it('the brush zooms every chart bound to the same range, updating them in place', () => {
    const root = render(Linked, { scores });
    const [brush, bars, lines] = [...root.querySelectorAll<SVGSVGElement>('svg')];
    expect(brush.getAttribute('role')).toBe('group');
    expect(bars.querySelectorAll('g.np-panel')[0].querySelectorAll('rect.np-bar')).toHaveLength(30);
    brush.dispatchEvent(new KeyboardEvent('keydown', { key: '+' }));
    flushSync();
    expect(root.querySelector('output')!.textContent).toBe('3–26');
    expect(root.querySelectorAll('svg')[1]).toBe(bars);
    expect(bars.querySelectorAll('g.np-panel')[0].querySelectorAll('rect.np-bar')).toHaveLength(24);
    expect(lines.querySelector('.np-x-axis .tick text')!.textContent).not.toBe('0001');
    brush.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    flushSync();
    expect(root.querySelector('output')!.textContent).toBe('all');
    expect(bars.querySelectorAll('g.np-panel')[0].querySelectorAll('rect.np-bar')).toHaveLength(30);
  });
});
