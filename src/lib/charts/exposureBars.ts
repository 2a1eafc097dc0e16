import { axisLeft, scaleBand, scaleLinear, select } from 'd3';
import { drawXAxis } from './axes';
import { defineChart, type BaseOptions } from './chart';
import { child, textWidth } from './dom';
import { formatValue } from './format';
import { shortFeatureNames } from './shortFeatureName';
import type { ChartTable } from './types';

export interface ExposureData {
  /** Feature column names (`feature_<three_words>`). */
  features: readonly string[];
  /** One exposure per feature (e.g. featureExposures(): mean over eras or one era); NaN = undefined. */
  exposures: ArrayLike<number>;
  /** What the exposures are of, for the title: "model_a, mean over 120 eras". */
  subject?: string;
}

export interface ExposureBarsOptions extends BaseOptions {
  /** Show the `limit` features with the largest |exposure| (default 30); the table keeps them all. */
  limit?: number;
  /** Order of the shown bars: by value, positive first (default), or by |value|. */
  sort?: 'value' | 'abs';
  /** Longest short name in characters (default 26). */
  nameLength?: number;
  /** Row height in px (default 14). */
  rowHeight?: number;
}

const AXIS_LABEL = 'Exposure (Pearson correlation of the feature with the prediction)';

interface Row {
  feature: string;
  short: string;
  v: number;
}

/** Every feature with a defined exposure, in the chart's order (value descending, or |value| descending). */
function ordered(data: ExposureData, o: ExposureBarsOptions, warn: (m: string) => void, nameLength = o.nameLength ?? 26): Row[] {
  if (data.exposures.length !== data.features.length) warn(`${data.exposures.length} exposures for ${data.features.length} features; the extra ones are ignored.`);
  const short = shortFeatureNames(data.features, nameLength);
  const rows: Row[] = [];
  const n = Math.min(data.features.length, data.exposures.length);
  for (let j = 0; j < n; ++j) if (data.exposures[j] === data.exposures[j]) rows.push({ feature: data.features[j], short: short[j], v: data.exposures[j] });
  const byAbs = (a: Row, b: Row) => Math.abs(b.v) - Math.abs(a.v) || a.feature.localeCompare(b.feature);
  return o.sort === 'abs' ? rows.sort(byAbs) : rows.sort((a, b) => b.v - a.v || a.feature.localeCompare(b.feature));
}

/**
 * Horizontal bars of per-feature exposure, coloured by sign, sorted, for the `limit` largest |exposure|; bars
 * are keyed by feature name and labelled with shortened names (the full name is in the tooltip and table).
 */
export const exposureBars = defineChart<ExposureData, ExposureBarsOptions>(
  'exposure-bars',
  { width: 640, height: 0 },
  (data, o, ctx) => {
    // a narrow chart keeps the bars' room by shortening the names (the full name is in the tooltip and the table)
    const all = ordered(data, o, ctx.warn, o.nameLength ?? (ctx.width < 480 ? 20 : 26));
    const limit = o.limit ?? 30;
    const keep = new Set([...all].sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || a.feature.localeCompare(b.feature)).slice(0, limit));
    const rows = all.filter((r) => keep.has(r));
    const rh = o.rowHeight ?? 14;
    const m = { top: 10, right: 16, bottom: 42, left: Math.ceil(Math.max(40, ...rows.map((r) => textWidth(r.short, 10))) + 14) };
    const height = o.height ?? m.top + Math.max(1, rows.length) * rh + m.bottom;
    const y = scaleBand<string>()
      .domain(rows.map((r) => r.feature))
      .range([m.top, height - m.bottom])
      .padding(0.15);
    const a = Math.max(0.01, ...rows.map((r) => Math.abs(r.v)));
    // signed exposures get a symmetric axis; all-positive values (mean |exposure|) start at 0 instead of wasting half
    const x = scaleLinear()
      .domain([rows.some((r) => r.v < 0) ? -a : 0, a])
      .nice()
      .range([m.left, ctx.width - m.right]);
    const shortOf = new Map(rows.map((r) => [r.feature, r.short]));
    const yAxis = ctx.layer('y-axis');
    yAxis.classList.add('np-axis', 'np-axis-y');
    select(yAxis)
      .attr('transform', `translate(${m.left},0)`)
      .call(axisLeft(y).tickSize(0).tickPadding(6).tickFormat((f) => shortOf.get(f) ?? f));
    const xLabel = [AXIS_LABEL, 'Exposure (correlation with the prediction)', 'Exposure'].find((l) => textWidth(l) <= ctx.width - m.left - m.right) ?? 'Exposure';
    drawXAxis(ctx.layer('x-axis'), x, { y: height - m.bottom, label: xLabel, ticks: 6 });
    select(ctx.layer('bars'))
      .selectAll<SVGRectElement, Row>('rect')
      .data(rows, (r) => r.feature)
      .join('rect')
      .attr('class', (r) => (r.v < 0 ? 'np-bar np-neg' : 'np-bar np-pos'))
      .attr('fill', 'currentColor')
      .attr('x', (r) => x(Math.min(0, r.v)))
      .attr('width', (r) => Math.abs(x(r.v) - x(0)))
      .attr('y', (r) => y(r.feature)!)
      .attr('height', y.bandwidth());
    const zero = child(ctx.layer('zero'), 'line', 'np-zero');
    for (const [k, v] of Object.entries({ x1: x(0), x2: x(0), y1: m.top, y2: height - m.bottom })) zero.setAttribute(k, String(v));
    const subject = data.subject ? ` of ${data.subject}` : '';
    const top = (sign: 1 | -1) => all.filter((r) => sign * r.v > 0).sort((p, q) => sign * (q.v - p.v))[0];
    const [hi, lo] = [top(1), top(-1)];
    return {
      height,
      title: `Feature exposure${subject}: ${rows.length} of ${data.features.length} features`,
      description:
        `Horizontal bars of each feature's exposure${subject}, the ${rows.length} largest by absolute value of ${all.length} defined, ` +
        `sorted ${o.sort === 'abs' ? 'by absolute value' : 'from most positive to most negative'}; green is positive, red negative. ` +
        (hi ? `Most positive: ${hi.feature} ${formatValue(hi.v)}. ` : '') +
        (lo ? `Most negative: ${lo.feature} ${formatValue(lo.v)}.` : ''),
      tooltip: {
        axis: 'y',
        positions: Float64Array.from(rows, (r) => y(r.feature)! + y.bandwidth() / 2),
        half: y.step() / 2,
        area: [m.left, m.top, ctx.width - m.right, height - m.bottom],
        lines: (j) => [rows[j].feature, `Exposure: ${formatValue(rows[j].v)}`]
      }
    };
  },
  (data, o): ChartTable => ({
    caption: `Feature exposure${data.subject ? ` of ${data.subject}` : ''}`,
    columns: [
      { key: 'feature', label: 'Feature' },
      { key: 'exposure', label: 'Exposure' }
    ],
    rows: ordered(data, o, () => {}).map((r) => [r.feature, r.v])
  })
);
