import { scaleLinear, select } from 'd3';
import { drawYAxis, drawZero } from './axes';
import { defineChart } from './chart';
import { child } from './dom';
import { drawEraAxis, axisLabel, eraWindow, eraX } from './eraAxis';
import { eraMargin, type EraChartOptions } from './eraChartOptions';
import { alignValues, commonMetricLabel } from './eraSeries';
import { describeValues, describeWindow, formatValue, listLabels } from './format';
import type { ChartTable, EraChartData } from './types';

export interface EraBarsOptions extends EraChartOptions {
  /** Height of each series' panel in px (default 96); ignored when `height` is given. */
  panelHeight?: number;
}

const LABEL = 16;
const barsLabel = (data: EraChartData, o: EraChartOptions) => o.yLabel ?? `${commonMetricLabel(data.series, 'Score')} per era`;
const GAP = 10;

/** Symmetric-enough value domain over the visible values, always including 0. */
export function valueDomain(values: readonly Float64Array[], [i0, i1]: readonly [number, number]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const v of values)
    for (let i = i0; i <= i1; ++i) {
      if (v[i] < lo) lo = v[i];
      if (v[i] > hi) hi = v[i];
    }
  return lo === 0 && hi === 0 ? [-0.01, 0.01] : [lo, hi];
}

/**
 * One bar per era coloured by sign (np-pos / np-neg), one small-multiple panel per series sharing the x and y
 * scales, with a zero line. Bars are keyed by era, panels by position. Unscored (NaN) eras have no bar.
 */
export const eraBars = defineChart<EraChartData, EraBarsOptions>(
  'era-bars',
  { width: 720, height: 0 },
  (data, o, ctx) => {
    const m = eraMargin;
    const E = data.eras.length;
    const win = eraWindow(E, o.range);
    const [i0, i1] = win;
    const values = data.series.map((s) => alignValues(s, E, ctx.warn));
    const S = Math.max(1, data.series.length);
    const ph = o.height ? Math.max(20, (o.height - m.top - m.bottom - S * LABEL - (S - 1) * GAP) / S) : (o.panelHeight ?? 96);
    const height = o.height ?? m.top + S * (LABEL + ph) + (S - 1) * GAP + m.bottom;
    const x = eraX(win, [m.left, ctx.width - m.right]);
    const rule = o.threshold && Number.isFinite(o.threshold.value) ? o.threshold : null;
    const [lo, hi] = valueDomain(values, win);
    const y = scaleLinear()
      .domain(rule ? [Math.min(lo, rule.value), Math.max(hi, rule.value)] : [lo, hi])
      .nice()
      .range([ph, 0]);
    const band = x(1) - x(0);
    const pad = band >= 4 ? band * 0.15 : 0;
    const yLabel = barsLabel(data, o);

    const rows = data.series.map((s, k) => ({ s, v: values[k] }));
    const panels = select(ctx.layer('panels'))
      .selectAll<SVGGElement, (typeof rows)[number]>('g.np-panel')
      .data(rows) // by position: switching the metric keeps each panel and its era bars
      .join('g')
      .attr('class', 'np-panel')
      .attr('transform', (_, k) => `translate(0,${m.top + k * (LABEL + ph + GAP) + LABEL})`);
    panels.each(function ({ s, v }) {
      const label = child(this, 'text', 'np-panel-label');
      label.setAttribute('x', String(m.left));
      label.setAttribute('y', '-5');
      label.textContent = s.label;
      drawYAxis(child(this, 'g', 'np-axis-y'), y, { x: m.left, gridWidth: ctx.width - m.left - m.right, ticks: Math.max(2, Math.floor(ph / 32)) });
      const bars: { era: string; v: number; i: number }[] = [];
      for (let i = i0; i <= i1; ++i) if (v[i] === v[i]) bars.push({ era: data.eras[i], v: v[i], i });
      select(child(this, 'g', 'np-bars'))
        .selectAll<SVGRectElement, (typeof bars)[number]>('rect')
        .data(bars, (d) => d.era)
        .join('rect')
        .attr('class', (d) => (d.v < 0 ? 'np-bar np-neg' : 'np-bar np-pos'))
        .attr('fill', 'currentColor')
        .attr('x', (d) => x(d.i - 0.5) + pad)
        .attr('width', Math.max(0.5, band - 2 * pad))
        .attr('y', (d) => y(Math.max(0, d.v)))
        .attr('height', (d) => Math.abs(y(d.v) - y(0)));
      drawZero(child(this, 'g', 'np-zero-line'), m.left, ctx.width - m.right, y(0));
      if (rule) drawThreshold(child(this, 'g', 'np-threshold'), rule, m.left, ctx.width - m.right, y);
      else this.querySelector(':scope > g.np-threshold')?.remove();
    });
    const yl = ctx.layer('y-label');
    axisLabel(yl, yLabel, 16, (m.top + height - m.bottom) / 2, -90);
    drawEraAxis(ctx.layer('x-axis'), x, data.eras, win, height - m.bottom, 'Era');

    const labels = data.series.map((s) => s.label);
    return {
      height,
      title: `${yLabel}: ${listLabels(labels) || 'no series'}`,
      description:
        `Bar chart of ${yLabel} over ${describeWindow(data.eras, win)}, one panel per series; bars above the zero line are ` +
        `positive (green), below it negative (red); unscored eras have no bar. ` +
        (rule ? `A dashed line marks ${rule.label} at ${formatValue(rule.value)}. ` : '') +
        rows.map(({ s, v }) => describeValues(s.label, v, i0, i1)).join(' '),
      tooltip: {
        axis: 'x',
        positions: Float64Array.from({ length: Math.max(0, i1 - i0 + 1) }, (_, j) => x(i0 + j)),
        half: band / 2,
        area: [m.left, m.top, ctx.width - m.right, height - m.bottom],
        lines: (j) => [`Era ${data.eras[i0 + j]}`, ...rows.map(({ s, v }) => `${s.label}: ${formatValue(v[i0 + j])}`)]
      }
    };
  },
  (data, o) => eraTable(data, o, barsLabel(data, o), (v) => v)
);

/** The table of an era chart: one row per era in the window, one column per series (`transform` of its values). */
export function eraTable(data: EraChartData, o: EraChartOptions, caption: string, transform: (v: Float64Array) => Float64Array): ChartTable {
  const E = data.eras.length;
  const [i0, i1] = eraWindow(E, o.range);
  const cols = data.series.map((s) => transform(alignValues(s, E, () => {})));
  const rows = [];
  for (let i = i0; i <= i1; ++i) rows.push([data.eras[i], ...cols.map((c) => c[i])]);
  return {
    caption,
    columns: [{ key: 'era', label: 'Era' }, ...data.series.map((s) => ({ key: s.key, label: s.label }))],
    rows
  };
}

/** The dashed `line.np-threshold-line` (marker colour) at `rule.value` with its label at the right end. */
function drawThreshold(g: SVGGElement, rule: { value: number; label: string }, x0: number, x1: number, y: (v: number) => number): void {
  const rows = [rule];
  select(g)
    .selectAll('line.np-threshold-line')
    .data(rows)
    .join('line')
    .attr('class', 'np-threshold-line np-marker')
    .attr('stroke', 'currentColor')
    .attr('stroke-dasharray', '5 3')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', (r) => y(r.value))
    .attr('y2', (r) => y(r.value));
  select(g)
    .selectAll('text.np-threshold-label')
    .data(rows)
    .join('text')
    .attr('class', 'np-threshold-label')
    .attr('text-anchor', 'end')
    .attr('x', x1)
    .attr('y', (r) => y(r.value) - 3)
    .text((r) => r.label);
}
