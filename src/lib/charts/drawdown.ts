import { area, line, scaleLinear, select } from 'd3';
import { drawYAxis, drawZero } from './axes';
import { defineChart } from './chart';
import { drawdownSeries } from './cumulative';
import { drawEraAxis, eraWindow, eraX } from './eraAxis';
import { eraMargin, type EraChartOptions } from './eraChartOptions';
import { eraTable, valueDomain } from './eraBars';
import { alignValues, commonMetricLabel } from './eraSeries';
import { describeWindow, formatValue, listLabels } from './format';
import { legendAbove, seriesItems } from './legend';
import { dashArray, seriesClass } from './theme';
import type { EraChartData } from './types';

const yLabelOf = (data: EraChartData, o: EraChartOptions) => o.yLabel ?? `Drawdown of cumulative ${commonMetricLabel(data.series)}`;

/** Deepest point of a drawdown series: its value (≤ 0) and era index; NaN/-1 when nothing is scored. */
function deepest(d: Float64Array): { value: number; at: number } {
  let value = NaN;
  let at = -1;
  for (let i = 0; i < d.length; ++i) if (d[i] === d[i] && !(d[i] >= value)) [value, at] = [d[i], i];
  return { value, at };
}

/**
 * Drawdown per series: cumulative score minus its running max (≤ 0), drawn as an area below zero. Computed over
 * all eras (the window only zooms), so the deepest point equals the engine's max_drawdown for the series.
 */
export const drawdown = defineChart<EraChartData, EraChartOptions>(
  'drawdown',
  { width: 720, height: 240 },
  (data, o, ctx) => {
    const m = eraMargin;
    const E = data.eras.length;
    const win = eraWindow(E, o.range);
    const [i0, i1] = win;
    const dd = data.series.map((s) => drawdownSeries(alignValues(s, E, ctx.warn)));
    const rows = data.series.map((s, k) => ({ s, d: dd[k], cls: seriesClass(s.color ?? k) }));
    const legendH = legendAbove(ctx, seriesItems(rows, 'area'), m);
    const top = m.top + (legendH ? legendH + 8 : 0);
    const height = ctx.height;
    const x = eraX(win, [m.left, ctx.width - m.right]);
    const [lo] = valueDomain(dd, win);
    const y = scaleLinear().domain([lo, 0]).nice().range([height - m.bottom, top]);
    const yLabel = yLabelOf(data, o);
    drawYAxis(ctx.layer('y-axis'), y, { x: m.left, gridWidth: ctx.width - m.left - m.right, label: yLabel });
    const idx = Array.from({ length: Math.max(0, i1 - i0 + 1) }, (_, j) => i0 + j);
    const g = select(ctx.layer('areas'))
      .selectAll<SVGGElement, (typeof rows)[number]>('g.np-series')
      .data(rows, (d) => d.s.key)
      .join((enter) => {
        const e = enter.append('g');
        e.append('path').attr('class', 'np-area').attr('fill', 'currentColor').attr('fill-opacity', 0.25).attr('stroke', 'none');
        e.append('path').attr('class', 'np-line').attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1.25);
        return e;
      })
      .attr('class', (d) => `np-series ${d.cls}`);
    g.select('path.np-area').attr('d', (d) =>
      area<number>()
        .defined((i) => d.d[i] === d.d[i])
        .x((i) => x(i))
        .y0(y(0))
        .y1((i) => y(d.d[i]))(idx)
    );
    g.select('path.np-line')
      .attr('stroke-dasharray', (d) => dashArray(d.s.dash))
      .attr('d', (d) =>
        line<number>()
          .defined((i) => d.d[i] === d.d[i])
          .x((i) => x(i))
          .y((i) => y(d.d[i]))(idx)
      );
    drawZero(ctx.layer('zero'), m.left, ctx.width - m.right, y(0));
    drawEraAxis(ctx.layer('x-axis'), x, data.eras, win, height - m.bottom, 'Era');
    return {
      title: `${yLabel}: ${listLabels(rows.map((r) => r.s.label)) || 'no series'}`,
      description:
        `Area chart of the drawdown (cumulative score minus its running maximum) over ${describeWindow(data.eras, win)}. ` +
        rows
          .map(({ s, d }) => {
            const { value, at } = deepest(d);
            return at < 0 ? `${s.label} has no scored era.` : `${s.label}: max drawdown ${formatValue(-value)}, deepest at era ${data.eras[at]}.`;
          })
          .join(' '),
      tooltip: {
        axis: 'x',
        positions: Float64Array.from(idx, (i) => x(i)),
        half: (x(1) - x(0)) / 2,
        area: [m.left, top, ctx.width - m.right, height - m.bottom],
        lines: (j) => [`Era ${data.eras[i0 + j]}`, ...rows.map(({ s, d }) => `${s.label}: ${formatValue(d[i0 + j])}`)]
      }
    };
  },
  (data, o) => eraTable(data, o, yLabelOf(data, o), drawdownSeries)
);
