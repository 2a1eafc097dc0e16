import { axisBottom, bisectLeft, scaleLinear, select, type ScaleLinear } from 'd3';
import { textWidth } from './dom';
import type { EraRange } from './types';

/** The inclusive era-index window [i0, i1] of `range`, clamped to n eras; all eras without one. */
export function eraWindow(n: number, range?: EraRange | null): [number, number] {
  if (n === 0) return [0, -1];
  if (!range) return [0, n - 1];
  const clamp = (i: number) => Math.max(0, Math.min(n - 1, Math.round(i)));
  const a = clamp(range[0]);
  const b = clamp(range[1]);
  return a <= b ? [a, b] : [b, a];
}

/**
 * The x scale of every era chart: linear over era indices, era i centred on x(i) with its band
 * [x(i − ½), x(i + ½)], so bars, lines and the brush line up across charts for the same window.
 */
export function eraX([i0, i1]: readonly [number, number], [x0, x1]: readonly [number, number]): ScaleLinear<number, number> {
  return scaleLinear().domain([i0 - 0.5, i1 + 0.5]).range([x0, x1]);
}

/**
 * Era indices to tick: the first era at or after each multiple of a 1-2-5 step of the era numbers (labels
 * like "0123" are read as numbers, so ticks fall on round eras even when only every 4th era is present).
 */
export function eraTicks(eras: readonly string[], [i0, i1]: readonly [number, number], width: number): number[] {
  if (i1 < i0) return [];
  if (isDateLabels(eras)) return dateTicks(eras, [i0, i1], width);
  const numeric = eras.length > 0 && eras.every((e) => /^\d+$/.test(e));
  const value = (i: number) => (numeric ? Number(eras[i]) : i);
  const lo = value(i0);
  const span = value(i1) - lo;
  // at least 64 px per tick, more for long labels: a narrow chart shows fewer eras, in the same type
  let longest = 0;
  for (let i = i0; i <= i1; ++i) longest = Math.max(longest, eras[i]?.length ?? 0);
  const maxTicks = Math.max(2, Math.floor(width / Math.max(64, textWidth('0'.repeat(longest)) + 16)));
  let step = 1;
  while (span / step > maxTicks) {
    const k = 10 ** Math.floor(Math.log10(step));
    step = (step / k < 2 ? 2 : step / k < 5 ? 5 : 10) * k;
  }
  const values = Array.from({ length: i1 - i0 + 1 }, (_, j) => value(i0 + j));
  const out: number[] = [];
  for (let m = Math.ceil(lo / step) * step; m <= value(i1); m += step) {
    const j = bisectLeft(values, m);
    if (j < values.length && out[out.length - 1] !== i0 + j) out.push(i0 + j);
  }
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when every label is a YYYY-MM-DD date (Signals' Friday dates): the axis then ticks on months. */
export const isDateLabels = (eras: readonly string[]): boolean => eras.length > 0 && eras.every((e) => ISO_DATE.test(e));

/** Months since year 0 of a YYYY-MM-DD label. */
const monthOf = (label: string) => Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;

/**
 * Date indices to tick: the first date in each month that is a multiple of a 1, 2, 3, 6, 12, 24… month step
 * (counted from January), so weekly dates are labelled by month ("2024-03") or, over many years, by year.
 */
export function dateTicks(dates: readonly string[], [i0, i1]: readonly [number, number], width: number): number[] {
  if (i1 < i0) return [];
  // a window that starts mid-month ticks from the next month (a tick means "the first date of this month")
  const lo = monthOf(dates[i0]) + (i0 > 0 && monthOf(dates[i0 - 1]) === monthOf(dates[i0]) ? 1 : 0);
  const hi = monthOf(dates[i1]);
  const maxTicks = Math.max(2, Math.floor(width / 64));
  let step = [1, 2, 3, 6, 12].find((s) => (hi - lo) / s <= maxTicks) ?? 12;
  while ((hi - lo) / step > maxTicks) step *= 2;
  const out: number[] = [];
  let j = i0;
  for (let m = Math.ceil(lo / step) * step; m <= hi; m += step) {
    while (j <= i1 && monthOf(dates[j]) < m) j++;
    if (j <= i1 && out[out.length - 1] !== j) out.push(j);
  }
  return out;
}

/** The label of a date tick: the year when ticks are a year or more apart, else the month (YYYY-MM). */
function dateTickLabel(dates: readonly string[], ticks: readonly number[]): (i: number) => string {
  const yearly = ticks.length > 1 && ticks.every((i) => dates[i].slice(5, 7) === '01') && ticks.every((i, k) => k === 0 || monthOf(dates[i]) - monthOf(dates[ticks[k - 1]]) >= 12);
  return (i) => (dates[i] ? (yearly ? dates[i].slice(0, 4) : dates[i].slice(0, 7)) : '');
}

/**
 * Draws the era x axis into `g` at y (keyed by tick, so updates move ticks instead of rebuilding them). Dates
 * (YYYY-MM-DD) get month ticks and the axis label "Date" instead of "Era".
 */
export function drawEraAxis(g: SVGGElement, x: ScaleLinear<number, number>, eras: readonly string[], win: readonly [number, number], y: number, label: string): void {
  const [r0, r1] = x.range();
  const ticks = eraTicks(eras, win, r1 - r0);
  const dates = isDateLabels(eras);
  const format = dates ? dateTickLabel(eras, ticks) : (i: number) => eras[i] ?? '';
  const axis = axisBottom(x)
    .tickValues(ticks)
    .tickFormat((i) => format(+i))
    .tickSizeOuter(0);
  g.classList.add('np-axis', 'np-axis-x');
  select(g).attr('transform', `translate(0,${y})`).call(axis);
  axisLabel(g, dates && label === 'Era' ? 'Date' : label, (r0 + r1) / 2, 30, 0);
}

/** The `text.np-axis-label` of an axis group. */
export function axisLabel(g: SVGGElement, label: string, x: number, y: number, rotate: number): void {
  let t = g.querySelector(':scope > text.np-axis-label');
  if (!t) {
    t = g.ownerDocument.createElementNS(g.namespaceURI, 'text');
    t.setAttribute('class', 'np-axis-label');
    g.appendChild(t);
  }
  t.setAttribute('text-anchor', 'middle');
  t.setAttribute('transform', rotate ? `translate(${x},${y}) rotate(${rotate})` : `translate(${x},${y})`);
  t.textContent = label;
}
