import { bin, extent, max, scaleLinear, select } from 'd3';
import { drawXAxis, drawYAxis } from './axes';
import { defineChart, type RenderContext } from './chart';
import { eraWindow } from './eraAxis';
import { eraMargin, type EraChartOptions } from './eraChartOptions';
import { alignValues, commonMetricLabel } from './eraSeries';
import { describeWindow, formatValue, listLabels } from './format';
import { legendAbove } from './legend';
import { seriesClass } from './theme';
import { summarize } from '../scoring/summarize';
import type { ChartTable, EraChartData } from './types';

export interface ScoreHistogramOptions extends EraChartOptions {
  /** Approximate number of bins (d3 ticks of the value scale; default 20). */
  bins?: number;
  /** Value-axis label (default e.g. "CORR per era"). */
  xLabel?: string;
}

/** Bins shared by every series (the scored eras of the window), with each series' mean and std from summarize. */
function histogram(data: EraChartData, o: ScoreHistogramOptions, warn: RenderContext['warn']) {
  const E = data.eras.length;
  const [i0, i1] = eraWindow(E, o.range);
  const values = data.series.map((s) => {
    const v = alignValues(s, E, warn).subarray(i0, i1 + 1);
    return Array.from(v).filter((x) => x === x);
  });
  const [lo = -0.01, hi = 0.01] = extent(values.flat());
  const x = scaleLinear()
    .domain(lo === hi ? [lo - 0.01, hi + 0.01] : [lo, hi])
    .nice(o.bins ?? 20);
  const binner = bin().domain(x.domain() as [number, number]).thresholds(x.ticks(o.bins ?? 20));
  const bins = values.map((v) => binner(v));
  const stats = values.map((v) => summarize(v));
  return { x, bins, stats, values, win: [i0, i1] as const };
}

/**
 * Histogram of per-era scores (the window's scored eras), bins shared by all series and grouped side by side,
 * with each series' mean (solid) and mean ± 1 std (dashed; ddof = 0 as in summarize).
 */
export const scoreHistogram = defineChart<EraChartData, ScoreHistogramOptions>(
  'score-histogram',
  { width: 720, height: 280 },
  (data, o, ctx) => {
    const m = { ...eraMargin, top: eraMargin.top + 4 };
    const { x, bins, stats, win } = histogram(data, o, ctx.warn);
    const rows = data.series.map((s, k) => ({ s, bins: bins[k], st: stats[k], cls: seriesClass(s.color ?? k), k }));
    const S = Math.max(1, rows.length);
    const legendH = legendAbove(
      ctx,
      [
        ...rows.map(({ s, cls }) => ({ key: s.key, label: s.label, cls, shape: 'rect' as const })),
        { key: '~mean', label: 'mean', cls: 'np-muted', shape: 'line' as const },
        { key: '~std', label: 'mean ± 1 std', cls: 'np-muted', shape: 'line' as const, dash: '4 3' }
      ],
      m
    );
    const top = m.top + legendH + 18;
    const height = ctx.height;
    x.range([m.left, ctx.width - m.right]);
    const y = scaleLinear()
      .domain([0, max(bins.flat(), (b) => b.length) || 1])
      .nice()
      .range([height - m.bottom, top]);
    const label = o.xLabel ?? `${commonMetricLabel(data.series, 'Score')} per era`;
    drawYAxis(ctx.layer('y-axis'), y, { x: m.left, gridWidth: ctx.width - m.left - m.right, label: 'Eras', ticks: 4 });
    select(ctx.layer('bars'))
      .selectAll<SVGGElement, (typeof rows)[number]>('g.np-series')
      .data(rows, (d) => d.s.key)
      .join('g')
      .attr('class', (d) => `np-series ${d.cls}`)
      .each(function (d) {
        select(this)
          .selectAll<SVGRectElement, (typeof d.bins)[number]>('rect')
          .data(d.bins, (b) => String(b.x0))
          .join('rect')
          .attr('class', 'np-bar')
          .attr('fill', 'currentColor')
          .attr('fill-opacity', 0.8)
          .attr('x', (b) => x(b.x0!) + ((x(b.x1!) - x(b.x0!)) * d.k) / S + 0.5)
          .attr('width', (b) => Math.max(0, (x(b.x1!) - x(b.x0!)) / S - 1))
          .attr('y', (b) => y(b.length))
          .attr('height', (b) => y(0) - y(b.length));
      });
    const marks = rows.flatMap(({ s, st, cls }) =>
      st.n_eras
        ? [
            { key: `${s.key}:mean`, v: st.mean, cls, dash: null, text: 'mean' },
            { key: `${s.key}:-std`, v: st.mean - st.std, cls, dash: '4 3', text: '−1 std' },
            { key: `${s.key}:+std`, v: st.mean + st.std, cls, dash: '4 3', text: '+1 std' }
          ]
        : []
    );
    const mk = select(ctx.layer('markers'))
      .selectAll<SVGGElement, (typeof marks)[number]>('g.np-stat')
      .data(marks, (d) => d.key)
      .join((enter) => {
        const e = enter.append('g');
        e.append('line').attr('stroke', 'currentColor').attr('stroke-width', 1.5);
        e.append('text').attr('text-anchor', 'middle');
        return e;
      })
      .attr('class', (d) => `np-stat ${d.cls}`)
      .attr('transform', (d) => `translate(${x(d.v)},0)`);
    mk.select('line').attr('y1', top - 4).attr('y2', height - m.bottom).attr('stroke-dasharray', (d) => d.dash);
    mk.select('text')
      .attr('y', top - 8)
      .text((d) => (rows.length === 1 ? d.text : ''));
    drawXAxis(ctx.layer('x-axis'), x, { y: height - m.bottom, label, ticks: 8 });
    const shared = bins[0] ?? [];
    return {
      title: `Histogram of ${label}: ${listLabels(rows.map((r) => r.s.label)) || 'no series'}`,
      description:
        `Histogram of ${label} over ${describeWindow(data.eras, win)}, ${shared.length} bins from ${formatValue(x.domain()[0])} to ${formatValue(x.domain()[1])}; ` +
        `vertical lines mark each series' mean and mean ± 1 standard deviation. ` +
        rows.map(({ s, st }) => `${s.label}: mean ${formatValue(st.mean)}, std ${formatValue(st.std)}, ${st.n_eras} eras.`).join(' '),
      tooltip: {
        axis: 'x',
        positions: Float64Array.from(shared, (b) => (x(b.x0!) + x(b.x1!)) / 2),
        half: shared.length ? (x(shared[0].x1!) - x(shared[0].x0!)) / 2 : 0,
        area: [m.left, top, ctx.width - m.right, height - m.bottom],
        lines: (j) => [
          `${formatValue(shared[j].x0!)} to ${formatValue(shared[j].x1!)}`,
          ...rows.map(({ s, bins }) => `${s.label}: ${bins[j].length} eras`)
        ]
      }
    };
  },
  (data, o): ChartTable => {
    const { bins, stats } = histogram(data, o, () => {});
    const label = o.xLabel ?? `${commonMetricLabel(data.series, 'Score')} per era`;
    return {
      caption: `Histogram of ${label} (eras per bin; ${data.series.map((s, k) => `${s.label} mean ${formatValue(stats[k].mean)}, std ${formatValue(stats[k].std)}`).join('; ')})`,
      columns: [
        { key: 'x0', label: 'From' },
        { key: 'x1', label: 'To' },
        ...data.series.map((s) => ({ key: s.key, label: `${s.label} (eras)` }))
      ],
      rows: (bins[0] ?? []).map((b, j) => [b.x0!, b.x1!, ...bins.map((bs) => bs[j].length)])
    };
  }
);
