import { select } from 'd3';
import type { RenderContext } from './chart';
import { textWidth } from './dom';
import { dashArray } from './theme';
import type { EraSeries } from './types';

export interface LegendItem {
  key: string;
  label: string;
  /** Colour class (np-s3, np-pos, np-stake…). */
  cls: string;
  shape: 'line' | 'rect' | 'area';
  dash?: string | null;
}

/**
 * Draws the legend into `g` at (x, y), wrapping within `width`; keyed by item so updates keep the nodes.
 * Returns the height it used (0 when there is nothing to tell apart: fewer than `min` items).
 */
export function drawLegend(g: SVGGElement, items: readonly LegendItem[], x: number, y: number, width: number, min = 2): number {
  const shown = items.length >= min ? items : [];
  const pos: [number, number][] = [];
  let cx = 0;
  let row = 0;
  for (const it of shown) {
    const w = 22 + textWidth(it.label) + 14;
    if (cx > 0 && cx + w > width) {
      cx = 0;
      ++row;
    }
    pos.push([cx, row * 16]);
    cx += w;
  }
  select(g).attr('transform', `translate(${x},${y})`);
  const item = select(g)
    .selectAll<SVGGElement, LegendItem>('g.np-legend-item')
    .data(shown, (d) => d.key)
    .join((enter) => {
      const e = enter.append('g');
      e.append('path').attr('class', 'np-legend-swatch');
      e.append('text').attr('x', 22).attr('y', 4);
      return e;
    })
    .attr('class', (d) => `np-legend-item ${d.cls}`)
    .attr('transform', (_, i) => `translate(${pos[i][0]},${pos[i][1]})`);
  item
    .select('path')
    .attr('d', (d) => (d.shape === 'line' ? 'M0,0H16' : 'M0,-5H16V5H0Z'))
    .attr('fill', (d) => (d.shape === 'line' ? 'none' : 'currentColor'))
    .attr('fill-opacity', (d) => (d.shape === 'area' ? 0.35 : null))
    .attr('stroke', (d) => (d.shape === 'rect' ? 'none' : 'currentColor'))
    .attr('stroke-width', (d) => (d.shape === 'line' ? 2 : 1))
    .attr('stroke-dasharray', (d) => d.dash ?? null);
  item.select('text').text((d) => d.label);
  return shown.length ? (row + 1) * 16 : 0;
}

/** The legend across the top of a chart, inside its margins `m`; returns the height it used. */
export function legendAbove(ctx: Pick<RenderContext, 'layer' | 'width'>, items: readonly LegendItem[], m: { left: number; right: number; top: number }, min = 2): number {
  return drawLegend(ctx.layer('legend'), items, m.left, m.top + 4, ctx.width - m.left - m.right, min);
}

/** Legend items of era series: each series' label, colour class and dash. */
export function seriesItems(rows: readonly { s: EraSeries; cls: string }[], shape: LegendItem['shape']): LegendItem[] {
  return rows.map(({ s, cls }) => ({ key: s.key, label: s.label, cls, shape, dash: dashArray(s.dash) }));
}
