import { axisBottom, axisLeft, select, type ScaleLinear } from 'd3';
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

/** A bottom value axis at y with a centred label below it. */
export function drawXAxis(
  g: SVGGElement,
  x: ScaleLinear<number, number>,
  opts: { y: number; label: string; ticks?: number; tickValues?: number[]; format?: (v: number) => string }
): void {
  const axis = axisBottom(x).ticks(opts.ticks ?? 5).tickSizeOuter(0);
  if (opts.tickValues) axis.tickValues(opts.tickValues);
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
