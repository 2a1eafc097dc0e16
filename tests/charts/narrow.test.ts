// @vitest-environment jsdom
// Charts in a narrow box (a phone): drawn at the box's width with the same type size, fewer ticks whose labels never
// touch, long names and axis labels shortened, the trade-off's panels stacked instead of squeezed.
import { describe, expect, it } from 'vitest';
import {
  cumulativeLines,
  drawdown,
  eraBars,
  eraSeries,
  exposureBars,
  fitWidth,
  labelsFit,
  MIN_CHART_WIDTH,
  payoutChart,
  readableTickCount,
  readableTickValues,
  scoreHistogram,
  tradeoff,
  type TradeoffPoint
} from '../../src/lib/charts';
import { simulatePayouts } from '../../src/lib/scoring/payout';
import { summarize } from '../../src/lib/scoring/summarize';
import { scaleLinear } from 'd3';
import { featureNames, seededEraScores, seededScores } from './data';

const scores = seededEraScores(['model_a', 'model_b'], 120, 7, 6);
const points: TradeoffPoint[] = [0, 0.25, 0.5, 0.75, 1].map((p, k) => ({
  proportion: p,
  summary: { corr: summarize(seededScores(40 + k, 60, 0.014 - 0.006 * p, 0.02)), fnc: summarize(seededScores(50 + k, 60, 0.008, 0.012)) }
}));
const rounds = simulatePayouts({ stake: 100, corr: seededScores(9, 40, 0.01, 0.035), mmc: seededScores(10, 40, 0.002, 0.012) });

/** Centre x and text of every tick label of every x axis, per axis. */
function xTicks(svg: SVGSVGElement): { x: number[]; labels: string[] }[] {
  return [...svg.querySelectorAll('.np-axis-x')].map((axis) => {
    const ticks = [...axis.querySelectorAll('.tick')];
    return {
      x: ticks.map((t) => Number(/translate\(([-\d.e]+)/.exec(t.getAttribute('transform') ?? '')![1])),
      labels: ticks.map((t) => t.querySelector('text')?.textContent ?? '')
    };
  });
}

const charts = {
  eraBars: (width: number) => eraBars(eraSeries(scores), { width }),
  cumulativeLines: (width: number) => cumulativeLines(eraSeries(scores), { width }),
  drawdown: (width: number) => drawdown(eraSeries(scores), { width }),
  scoreHistogram: (width: number) => scoreHistogram(eraSeries(scores, { models: ['model_a'] }), { width }),
  exposureBars: (width: number) => exposureBars({ features: featureNames(40, 5), exposures: seededScores(3, 40, 0, 0.05) }, { width, limit: 20 }),
  tradeoff: (width: number) => tradeoff({ points, metrics: ['corr', 'fnc'] }, { width, current: 0.95 }),
  payoutChart: (width: number) => payoutChart({ rounds }, { width })
};

describe('charts in a narrow box', () => {
  it('fitWidth: the box width, between MIN_CHART_WIDTH and the default; the default when not laid out', () => {
    expect(fitWidth(720, 350)).toBe(350);
    expect(fitWidth(720, 1200)).toBe(720);
    expect(fitWidth(720, 200)).toBe(MIN_CHART_WIDTH);
    expect(fitWidth(720, 0)).toBe(720);
  });

  it('readableTickCount asks for fewer ticks until the labels fit; readableTickValues keeps every k-th', () => {
    const wide = scaleLinear().domain([-0.06, 0.06]).range([0, 640]);
    const narrow = scaleLinear().domain([-0.06, 0.06]).range([0, 120]);
    expect(readableTickCount(wide, 8)).toBe(8);
    const n = readableTickCount(narrow, 8);
    expect(n).toBeLessThan(8);
    expect(labelsFit(narrow.ticks(n).map(narrow), narrow.ticks(n).map(narrow.tickFormat(n)))).toBe(true);
    expect(labelsFit(narrow.ticks(8).map(narrow), narrow.ticks(8).map(narrow.tickFormat(8)))).toBe(false);
    const p = scaleLinear().domain([0, 1]).range([0, 60]);
    expect(readableTickValues(p, [0, 0.25, 0.5, 0.75, 1], String)).toEqual([0, 0.5, 1]);
  });

  for (const [name, draw] of Object.entries(charts))
    it(`${name}: at 300–720 px its x-axis tick labels never touch, and a narrower chart has no more ticks`, () => {
      let previous = Infinity;
      for (const width of [720, 560, 400, 300]) {
        const svg = draw(width);
        expect(svg.getAttribute('width')).toBe(String(width));
        const axes = xTicks(svg);
        expect(axes.length).toBeGreaterThan(0);
        for (const a of axes) {
          expect(a.x.length, `${name} at ${width}px`).toBeGreaterThanOrEqual(2);
          expect(labelsFit(a.x, a.labels, 4), `${name} at ${width}px: ${a.labels.join(' ')}`).toBe(true);
        }
        const count = Math.max(...axes.map((a) => a.x.length));
        expect(count).toBeLessThanOrEqual(previous);
        previous = count;
      }
    });

  it('tradeoff: three panels side by side at 780 px, stacked in three rows (taller, same panel height) at 340 px', () => {
    const wide = tradeoff({ points, metrics: ['corr', 'fnc'] });
    const narrow = tradeoff({ points, metrics: ['corr', 'fnc'] }, { width: 340 });
    const rows = (svg: SVGSVGElement) => new Set([...svg.querySelectorAll('.np-panel-label')].map((t) => t.getAttribute('y'))).size;
    expect(rows(wide)).toBe(1);
    expect(rows(narrow)).toBe(3);
    expect(Number(narrow.getAttribute('height'))).toBeGreaterThan(2.5 * Number(wide.getAttribute('height')));
  });

  it('tradeoff: the "current" label near either end hangs inward', () => {
    const anchor = (c: number) => tradeoff({ points, metrics: ['corr'] }, { current: c }).querySelector('.np-marker text')!.getAttribute('text-anchor');
    expect([anchor(0), anchor(0.5), anchor(1)]).toEqual(['start', 'middle', 'end']);
  });

  it('exposureBars: shorter feature names and axis label in a narrow chart', () => {
    const features = featureNames(40, 5);
    const wide = exposureBars({ features, exposures: seededScores(3, 40, 0, 0.05) });
    const narrow = exposureBars({ features, exposures: seededScores(3, 40, 0, 0.05) }, { width: 320 });
    const longest = (svg: SVGSVGElement) => Math.max(...[...svg.querySelectorAll('.np-y-axis .tick text')].map((t) => t.textContent!.length));
    expect(longest(narrow)).toBeLessThanOrEqual(20);
    expect(longest(wide)).toBeGreaterThan(20);
    expect(narrow.querySelector('.np-x-axis .np-axis-label')!.textContent).toBe('Exposure');
    expect(wide.querySelector('.np-x-axis .np-axis-label')!.textContent).toMatch(/^Exposure \(Pearson/);
  });
});
