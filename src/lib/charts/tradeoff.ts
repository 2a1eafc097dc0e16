import { line, scaleLinear, select } from 'd3';
import { drawXAxis, drawYAxis, drawZero } from './axes';
import { defineChart, type BaseOptions } from './chart';
import { child } from './dom';
import { metricLabel } from './eraSeries';
import { formatValue, listLabels } from './format';
import { legendAbove } from './legend';
import { seriesClass } from './theme';
import type { Summary } from '../scoring/summarize';
import type { MetricName } from '../scoring/metrics';
import type { EraScores } from '../scoring/scoreEras';
import type { ChartTable } from './types';

/** The scores of the neutralized predictions at one proportion. */
export interface TradeoffPoint {
  /** Neutralization proportion in [0, 1]. */
  proportion: number;
  /** Era-wise summaries by metric (e.g. `scoreEras(...).models[name].summary`). */
  summary: Partial<Record<MetricName | (string & {}), Summary>>;
}

export interface TradeoffData {
  points: readonly TradeoffPoint[];
  /** Metrics to draw, labelled from the registry (e.g. ['corr', 'fnc']). */
  metrics: readonly (MetricName | (string & {}))[];
}

export type TradeoffStat = 'mean' | 'sharpe' | 'max_drawdown';

/** Narrowest plot of one statistic (px) before the panels stack in rows. */
const MIN_PANEL = 180;

/** Labels of the Summary fields drawn (summary statistics, not metrics). */
export const tradeoffStatLabels: Record<TradeoffStat, string> = { mean: 'Mean', sharpe: 'Sharpe', max_drawdown: 'Max drawdown' };

export interface TradeoffOptions extends BaseOptions {
  /** The proportion in use now: a vertical marker with the interpolated values. */
  current?: number | null;
  /** Statistics, one panel each (default mean, sharpe, max_drawdown). */
  stats?: readonly TradeoffStat[];
}

/** Trade-off points from one scoring run per proportion (the model's summaries). */
export function tradeoffPoints(proportions: readonly number[], runs: readonly EraScores[], model: string): TradeoffPoint[] {
  return proportions.map((proportion, k) => ({ proportion, summary: runs[k].models[model]?.summary ?? {} }));
}

/** Linear interpolation of ys over ascending xs at x (clamped to the ends); NaN if a neighbour is NaN. */
export function interpolateAt(xs: readonly number[], ys: readonly number[], x: number): number {
  if (xs.length === 0) return NaN;
  if (x <= xs[0]) return ys[0];
  for (let i = 1; i < xs.length; ++i)
    if (x <= xs[i]) {
      const t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return t === 1 ? ys[i] : ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }
  return ys[ys.length - 1];
}

function prepare(data: TradeoffData, o: TradeoffOptions, warn: (m: string) => void) {
  const points = [...data.points].sort((a, b) => a.proportion - b.proportion);
  const outside = points.filter((p) => !(p.proportion >= 0 && p.proportion <= 1)).length;
  if (outside) warn(`${outside} proportions lie outside [0, 1].`);
  if (o.current != null && !(o.current >= 0 && o.current <= 1)) warn(`the current proportion ${o.current} lies outside [0, 1].`);
  const stats = o.stats ?? (['mean', 'sharpe', 'max_drawdown'] as const);
  const xs = points.map((p) => p.proportion);
  const value = (metric: string, stat: TradeoffStat) => points.map((p) => p.summary[metric]?.[stat] ?? NaN);
  return { points, stats, xs, value };
}

/**
 * Mean, sharpe and max drawdown of each metric (CORR, FNC, …) against the neutralization proportion 0..1, one
 * panel per statistic, with a marker at the current proportion and the values interpolated there.
 */
export const tradeoff = defineChart<TradeoffData, TradeoffOptions>(
  'tradeoff',
  { width: 780, height: 260 },
  (data, o, ctx) => {
    const { points, stats, xs, value } = prepare(data, o, ctx.warn);
    const metrics = data.metrics.map((metric, k) => ({ metric, label: metricLabel(metric), cls: seriesClass(k) }));
    const m = { top: 10, right: 14, bottom: 42, left: 58 };
    const gap = 58;
    const legendH = legendAbove(ctx, metrics.map((d) => ({ key: d.metric, label: d.label, cls: d.cls, shape: 'line' as const })), m, 1);
    const top = m.top + legendH + 34;
    // side by side while each panel gets MIN_PANEL px, else in rows (a phone stacks them: same type, no squeeze)
    const cols = Math.max(1, Math.min(stats.length, Math.floor((ctx.width - m.left - m.right + gap) / (MIN_PANEL + gap))));
    const rows = Math.ceil(stats.length / cols);
    const ph = ctx.height - m.bottom - top;
    const rowStep = ph + m.bottom + 34;
    const height = ctx.height + (rows - 1) * rowStep;
    const pw = (ctx.width - m.left - m.right - gap * (cols - 1)) / cols;
    const cur = o.current ?? null;
    const panels = stats.map((stat, k) => {
      const x0 = m.left + (k % cols) * (pw + gap);
      const y0 = top + Math.floor(k / cols) * rowStep;
      const x = scaleLinear().domain([0, 1]).range([x0, x0 + pw]);
      const all = metrics.flatMap((d) => value(d.metric, stat)).filter((v) => v === v);
      const lo = Math.min(0, ...all);
      const hi = Math.max(0, ...all);
      const y = scaleLinear()
        .domain(lo === hi ? [0, 1] : [lo, hi])
        .nice()
        .range([y0 + ph, y0]);
      return { stat, x, y, x0, y0 };
    });
    select(ctx.layer('panels'))
      .selectAll<SVGGElement, (typeof panels)[number]>('g.np-panel')
      .data(panels, (p) => p.stat)
      .join('g')
      .attr('class', 'np-panel')
      .each(function ({ stat, x, y, x0, y0 }) {
        const top = y0;
        const bottom = y0 + ph;
        const title = child(this, 'text', 'np-panel-label');
        title.setAttribute('x', String(x0));
        title.setAttribute('y', String(top - 20));
        title.setAttribute('font-weight', 'bold');
        title.textContent = tradeoffStatLabels[stat];
        drawYAxis(child(this, 'g', 'np-axis-y'), y, { x: x0, gridWidth: pw, ticks: 4 });
        drawZero(child(this, 'g', 'np-zero-line'), x0, x0 + pw, y(0));
        drawXAxis(child(this, 'g', 'np-axis-x'), x, { y: bottom, label: 'Neutralization proportion', tickValues: [0, 0.25, 0.5, 0.75, 1], format: String });
        const series = metrics.map((d) => ({ ...d, ys: value(d.metric, stat) }));
        const g = select(child(this, 'g', 'np-lines'))
          .selectAll<SVGGElement, (typeof series)[number]>('g.np-series')
          .data(series, (d) => d.metric)
          .join((enter) => {
            const e = enter.append('g');
            e.append('path').attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1.75);
            return e;
          })
          .attr('class', (d) => `np-series ${d.cls}`);
        g.select('path').attr('d', (d) =>
          line<number>()
            .defined((i) => d.ys[i] === d.ys[i])
            .x((i) => x(xs[i]))
            .y((i) => y(d.ys[i]))(xs.map((_, i) => i))
        );
        g.selectAll<SVGCircleElement, { i: number; v: number }>('circle')
          .data((d) => xs.map((_, i) => i).filter((i) => d.ys[i] === d.ys[i]).map((i) => ({ i, v: d.ys[i] })), (p) => String(xs[p.i]))
          .join('circle')
          .attr('r', 2.5)
          .attr('fill', 'currentColor')
          .attr('cx', (p) => x(xs[p.i]))
          .attr('cy', (p) => y(p.v));
        const marker = select(child(this, 'g', 'np-current'))
          .selectAll<SVGGElement, number>('g.np-marker')
          .data(cur === null ? [] : [cur])
          .join((enter) => {
            const e = enter.append('g').attr('class', 'np-marker');
            e.append('line').attr('class', 'np-marker-line').attr('stroke', 'currentColor').attr('stroke-width', 1.5).attr('stroke-dasharray', '5 3');
            e.append('text');
            return e;
          })
          .attr('data-proportion', (c) => c);
        marker.select('line').attr('x1', (c) => x(c)).attr('x2', (c) => x(c)).attr('y1', top).attr('y2', bottom);
        // near a panel's edge the label hangs inward instead of being cut off by the neighbouring panel or the SVG's edge
        marker
          .select('text')
          .attr('x', (c) => x(c))
          .attr('y', top - 2)
          .attr('dy', '-0.2em')
          .attr('text-anchor', (c) => (c < 0.2 ? 'start' : c > 0.8 ? 'end' : 'middle'))
          .text((c) => `current ${formatValue(c)}`);
        marker
          .selectAll<SVGCircleElement, (typeof series)[number]>('circle')
          .data((c) => series.map((s) => ({ ...s, c, v: interpolateAt(xs, s.ys, c) })).filter((s) => s.v === s.v), (s) => s.metric)
          .join('circle')
          .attr('class', (s) => s.cls)
          .attr('r', 4.5)
          .attr('fill', 'none')
          .attr('stroke', 'currentColor')
          .attr('stroke-width', 2)
          .attr('cx', (s) => x(s.c))
          .attr('cy', (s) => y(s.v));
      });
    const describe = (d: (typeof metrics)[number]) =>
      `${d.label}: ` +
      stats
        .map((stat) => {
          const ys = value(d.metric, stat);
          return `${tradeoffStatLabels[stat].toLowerCase()} ${formatValue(ys[0])} at ${formatValue(xs[0])} to ${formatValue(ys[ys.length - 1])} at ${formatValue(xs[xs.length - 1])}${cur === null ? '' : ` (${formatValue(interpolateAt(xs, ys, cur))} at the current ${formatValue(cur)})`}`;
        })
        .join(', ') +
      '.';
    return {
      height,
      title: `Neutralization trade-off of ${listLabels(metrics.map((d) => d.label))}`,
      description: `Line charts of ${stats.map((s) => tradeoffStatLabels[s].toLowerCase()).join(', ')} against the neutralization proportion (${points.length} proportions)${cur === null ? '' : `; the dashed marker is the current proportion ${formatValue(cur)}`}. ${metrics.map(describe).join(' ')}`,
      tooltip: {
        axis: 'x',
        positions: Float64Array.from(panels.slice(0, cols).flatMap((p) => xs.map((v) => p.x(v)))),
        half: 6,
        area: [m.left, top, ctx.width - m.right, height - m.bottom],
        lines: (j) => {
          const i = j % Math.max(1, xs.length);
          return [`Proportion ${formatValue(xs[i])}`, ...metrics.map((d) => `${d.label}: ${stats.map((s) => `${tradeoffStatLabels[s].toLowerCase()} ${formatValue(value(d.metric, s)[i])}`).join(', ')}`)];
        }
      }
    };
  },
  (data, o): ChartTable => {
    const { points, stats, value } = prepare(data, o, () => {});
    const cols = data.metrics.flatMap((metric) => stats.map((stat) => ({ metric, stat, ys: value(metric, stat) })));
    return {
      caption: `Neutralization trade-off of ${listLabels(data.metrics.map(metricLabel))}`,
      columns: [{ key: 'proportion', label: 'Proportion' }, ...cols.map((c) => ({ key: `${c.metric}:${c.stat}`, label: `${metricLabel(c.metric)} ${tradeoffStatLabels[c.stat].toLowerCase()}` }))],
      rows: points.map((p, i) => [p.proportion, ...cols.map((c) => c.ys[i])])
    };
  }
);
