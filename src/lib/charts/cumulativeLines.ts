import { line, scaleLinear, select } from 'd3';
import { drawYAxis, drawZero } from './axes';
import { defineChart } from './chart';
import { cumulativeSum } from './cumulative';
import { drawEraAxis, eraWindow, eraX } from './eraAxis';
import { eraMargin, type EraChartOptions } from './eraChartOptions';
import { eraTable, valueDomain } from './eraBars';
import { alignValues, commonMetricLabel } from './eraSeries';
import { describeWindow, formatValue, listLabels } from './format';
import { legendAbove, seriesItems } from './legend';
import { dashArray, seriesClass } from './theme';
import type { EraChartData } from './types';

const yLabelOf = (data: EraChartData, o: EraChartOptions) => o.yLabel ?? `Cumulative ${commonMetricLabel(data.series)}`;

/**
 * Cumulative sum of a per-era metric per series (the notebooks' "backtest" line). NaN eras add nothing: the
 * line runs flat through them (the running total did not change) and starts at the first scored era.
 */
export const cumulativeLines = defineChart<EraChartData, EraChartOptions>(
  'cumulative-lines',
  { width: 720, height: 300 },
  (data, o, ctx) => {
    const m = eraMargin;
    const E = data.eras.length;
    const win = eraWindow(E, o.range);
    const [i0, i1] = win;
    const raw = data.series.map((s) => alignValues(s, E, ctx.warn));
    const cum = raw.map(cumulativeSum);
    const rows = data.series.map((s, k) => ({ s, c: cum[k], v: raw[k], cls: seriesClass(s.color ?? k) }));
    const legendH = legendAbove(ctx, seriesItems(rows, 'line'), m);
    const top = m.top + (legendH ? legendH + 8 : 0);
    const height = ctx.height;
    const x = eraX(win, [m.left, ctx.width - m.right]);
    const y = scaleLinear().domain(valueDomain(cum, win)).nice().range([height - m.bottom, top]);
    const yLabel = yLabelOf(data, o);
    drawYAxis(ctx.layer('y-axis'), y, { x: m.left, gridWidth: ctx.width - m.left - m.right, label: yLabel });
    drawZero(ctx.layer('zero'), m.left, ctx.width - m.right, y(0));
    const idx = Array.from({ length: Math.max(0, i1 - i0 + 1) }, (_, j) => i0 + j);
    select(ctx.layer('lines'))
      .selectAll<SVGPathElement, (typeof rows)[number]>('path')
      .data(rows, (d) => d.s.key)
      .join('path')
      .attr('class', (d) => `np-line ${d.cls}`)
      .attr('fill', 'none')
      .attr('stroke', 'currentColor')
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', (d) => dashArray(d.s.dash))
      .attr('d', (d) =>
        line<number>()
          .defined((i) => d.c[i] === d.c[i])
          .x((i) => x(i))
          .y((i) => y(d.c[i]))(idx)
      );
    drawEraAxis(ctx.layer('x-axis'), x, data.eras, win, height - m.bottom, 'Era');
    return {
      title: `${yLabel}: ${listLabels(rows.map((r) => r.s.label)) || 'no series'}`,
      description:
        `Line chart of ${yLabel} over ${describeWindow(data.eras, win)}; unscored eras add nothing, so a line runs flat through them. ` +
        rows.map(({ s, c }) => `${s.label} ends at ${formatValue(c[i1])}.`).join(' '),
      tooltip: {
        axis: 'x',
        positions: Float64Array.from(idx, (i) => x(i)),
        half: (x(1) - x(0)) / 2,
        area: [m.left, top, ctx.width - m.right, height - m.bottom],
        lines: (j) => [`Era ${data.eras[i0 + j]}`, ...rows.map(({ s, c, v }) => `${s.label}: ${formatValue(c[i0 + j])} (era ${formatValue(v[i0 + j])})`)]
      }
    };
  },
  (data, o) => eraTable(data, o, yLabelOf(data, o), cumulativeSum)
);
