import { axisBottom, axisLeft, select, type ScaleLinear } from 'd3';
import { textWidth } from './dom';
import { axisLabel } from './eraAxis';

/** A left value axis with grid lines across `gridWidth`, and a rotated label `labelOffset` px to its left. */
export function drawYAxis(
  g: SVGGElement,
  y: ScaleLinear<number, number>,
  opts: { x: number; gridWidth: number; label?: string; ticks?: number; labelOffset?: number; format?: (v: number) => string }
): void {
  const axis = axisLeft(y)
    .ticks(opts.ticks ?? 5)
    .tickSizeInner(-opts.gridWidth)
    .tickSizeOuter(0)
    .tickPadding(6);
  if (opts.format) axis.tickFormat((v) => opts.format!(+v));
  g.classList.add('np-axis', 'np-axis-y', 'np-grid');
  select(g).attr('transform', `translate(${opts.x},0)`).call(axis);
  const [a, b] = y.range();
  if (opts.label !== undefined) axisLabel(g, opts.label, -(opts.labelOffset ?? 42), (a + b) / 2, -90);
  else g.querySelector(':scope > text.np-axis-label')?.remove();
}

/** True when labels centred at ascending pixel positions leave at least `gap` px between neighbours. */
export function labelsFit(positions: readonly number[], labels: readonly string[], gap = 6): boolean {
  for (let i = 1; i < positions.length; ++i) if (Math.abs(positions[i] - positions[i - 1]) < (textWidth(labels[i]) + textWidth(labels[i - 1])) / 2 + gap) return false;
  return true;
}

/**
 * The tick count to ask d3 for: `wanted`, or fewer until the labels fit the axis's width (a narrow chart gets
 * fewer ticks, never smaller type).
 */
export function readableTickCount(x: ScaleLinear<number, number>, wanted: number, format?: (v: number) => string): number {
  for (let n = wanted; n > 2; --n) {
    const ticks = x.ticks(n);
    const f = format ?? x.tickFormat(n);
    if (labelsFit(ticks.map(x), ticks.map(f))) return n;
  }
  return 2;
}

/** Every k-th of `values` (k = 1, 2, …) for the first k whose labels fit the axis's width. */
export function readableTickValues(x: ScaleLinear<number, number>, values: readonly number[], format: (v: number) => string): number[] {
  for (let k = 1; k < values.length; ++k) {
    const kept = values.filter((_, i) => i % k === 0);
    if (labelsFit(kept.map(x), kept.map(format))) return kept;
  }
  return values.slice(0, 1);
}

/** A bottom value axis at y with a centred label below it; ticks thin out to fit the axis's width. */
export function drawXAxis(
  g: SVGGElement,
  x: ScaleLinear<number, number>,
  opts: { y: number; label: string; ticks?: number; tickValues?: number[]; format?: (v: number) => string }
): void {
  const axis = axisBottom(x).ticks(readableTickCount(x, opts.ticks ?? 5, opts.format)).tickSizeOuter(0);
  if (opts.tickValues) axis.tickValues(readableTickValues(x, opts.tickValues, opts.format ?? x.tickFormat()));
  if (opts.format) axis.tickFormat((v) => opts.format!(+v));
  g.classList.add('np-axis', 'np-axis-x');
  select(g).attr('transform', `translate(0,${opts.y})`).call(axis);
  const [r0, r1] = x.range();
  axisLabel(g, opts.label, (r0 + r1) / 2, 30, 0);
}

/** A horizontal zero line `line.np-zero` across [x0, x1] at y (hidden when y is outside the plot). */
export function drawZero(g: SVGGElement, x0: number, x1: number, y: number): void {
  select(g)
    .selectAll('line.np-zero')
    .data([y])
    .join('line')
    .attr('class', 'np-zero')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', y)
    .attr('y2', y);
}
