import { brushX, line, scaleLinear, select, type BrushBehavior, type D3BrushEvent } from 'd3';
import { defineChart, type BaseOptions } from './chart';
import { child } from './dom';
import { cumulativeSum } from './cumulative';
import { drawEraAxis, eraWindow, eraX } from './eraAxis';
import { valueDomain } from './eraBars';
import { alignValues } from './eraSeries';
import { describeWindow } from './format';
import { dashArray, seriesClass } from './theme';
import type { ChartTable, EraChartData, EraRange } from './types';

export interface EraBrushOptions extends BaseOptions {
  /** The selected window (null = all eras). */
  range?: EraRange | null;
  /** Called when the user brushes or uses the keyboard; null when the whole range is selected again. */
  onRange?: (range: [number, number] | null) => void;
}

/** Detail of the `erarange` event the brush dispatches. */
export interface EraRangeDetail {
  range: [number, number] | null;
}

interface BrushState {
  brush: BrushBehavior<unknown>;
  g: SVGGElement;
  x: (i: number) => number;
  invert: (px: number) => number;
  n: number;
  range: [number, number] | null;
  onRange?: EraBrushOptions['onRange'];
}
const brushes = new WeakMap<SVGSVGElement, BrushState>();

/** The eras whose centres lie in [u0, u1] (index units), or the one nearest the middle of a thin selection. */
export function snap(u0: number, u1: number): [number, number] {
  const a = Math.ceil(u0 - 1e-9);
  const b = Math.floor(u1 + 1e-9);
  if (b >= a) return [a, b];
  const mid = Math.round((u0 + u1) / 2);
  return [mid, mid];
}

/** Sets the window from a user action: snaps, moves the brush, calls onRange and dispatches `erarange`. */
function choose(svg: SVGSVGElement, range: [number, number] | null): void {
  const s = brushes.get(svg);
  if (!s) return;
  const r = range && !(range[0] <= 0 && range[1] >= s.n - 1) ? eraWindow(s.n, range) : null;
  s.range = r;
  select(s.g).call(s.brush.move, r ? [s.x(r[0] - 0.5), s.x(r[1] + 0.5)] : null);
  s.onRange?.(r);
  const Custom = svg.ownerDocument.defaultView?.CustomEvent ?? globalThis.CustomEvent;
  svg.dispatchEvent(new Custom<EraRangeDetail>('erarange', { detail: { range: r } }));
}

/** ←/→ pan by a tenth of the window, +/− zoom by a fifth, Home/End jump to the ends, Escape or 0 shows all eras. */
function onKey(svg: SVGSVGElement, e: KeyboardEvent): void {
  const s = brushes.get(svg);
  if (!s || s.n === 0) return;
  const [a, b] = s.range ?? [0, s.n - 1];
  const w = b - a + 1;
  const pan = Math.max(1, Math.round(w / 10));
  const zoom = Math.max(1, Math.round(w / 10));
  const shift = (d: number) => {
    const d2 = Math.max(-a, Math.min(s.n - 1 - b, d));
    return [a + d2, b + d2] as [number, number];
  };
  const next: Record<string, () => [number, number] | null> = {
    ArrowLeft: () => shift(-pan),
    ArrowRight: () => shift(pan),
    Home: () => shift(-a),
    End: () => shift(s.n - 1 - b),
    '+': () => (w > 2 ? [a + zoom, b - zoom] : [a, b]),
    '=': () => (w > 2 ? [a + zoom, b - zoom] : [a, b]),
    '-': () => [a - zoom, b + zoom],
    Escape: () => null,
    '0': () => null
  };
  if (!(e.key in next)) return;
  e.preventDefault();
  choose(svg, next[e.key]());
}

/**
 * A context strip over all eras (thin cumulative lines of the series) with a horizontal brush that selects the
 * era window the other era charts show. Brushing snaps to whole eras; the keyboard works too (see onKey).
 */
export const eraBrush = defineChart<EraChartData, EraBrushOptions>(
  'era-brush',
  { width: 720, height: 72 },
  (data, o, ctx) => {
    const m = { top: 6, right: 14, bottom: 22, left: 64 };
    const E = data.eras.length;
    const all = eraWindow(E, null);
    const x = eraX(all, [m.left, ctx.width - m.right]);
    const cum = data.series.map((s) => cumulativeSum(alignValues(s, E, ctx.warn)));
    const y = scaleLinear().domain(valueDomain(cum, all)).range([ctx.height - m.bottom, m.top]);
    const idx = Array.from({ length: E }, (_, i) => i);
    select(ctx.layer('lines'))
      .selectAll<SVGPathElement, number>('path')
      .data(
        data.series.map((_, k) => k),
        (k) => data.series[k].key
      )
      .join('path')
      .attr('class', (k) => `np-line ${seriesClass(data.series[k].color ?? k)}`)
      .attr('fill', 'none')
      .attr('stroke', 'currentColor')
      .attr('stroke-width', 1)
      .attr('stroke-dasharray', (k) => dashArray(data.series[k].dash))
      .attr('d', (k) =>
        line<number>()
          .defined((i) => cum[k][i] === cum[k][i])
          .x((i) => x(i))
          .y((i) => y(cum[k][i]))(idx)
      );
    drawEraAxis(ctx.layer('x-axis'), x, data.eras, all, ctx.height - m.bottom, '');
    const g = ctx.layer('brush');
    const { svg } = ctx;
    let state = brushes.get(svg);
    if (!state) {
      const brush = brushX<unknown>().on('end', (event: D3BrushEvent<unknown>) => {
        if (!event.sourceEvent) return; // programmatic moves (updates, snapping) are not user choices
        const s = brushes.get(svg)!;
        const sel = event.selection as [number, number] | null;
        choose(svg, sel ? snap(s.invert(sel[0]), s.invert(sel[1])) : null);
      });
      state = { brush, g, x, invert: (px) => x.invert(px), n: E, range: null };
      brushes.set(svg, state);
      svg.addEventListener('keydown', (e) => onKey(svg, e));
    }
    Object.assign(state, { x, invert: (px: number) => x.invert(px), n: E, onRange: o.onRange, range: o.range ? eraWindow(E, o.range) : null });
    state.brush.extent([
      [m.left, m.top],
      [ctx.width - m.right, ctx.height - m.bottom]
    ]);
    select(g).call(state.brush);
    const r = state.range;
    select(g).call(state.brush.move, r ? [x(r[0] - 0.5), x(r[1] + 0.5)] : null);
    svg.setAttribute('tabindex', '0');
    svg.setAttribute('aria-keyshortcuts', 'ArrowLeft ArrowRight + - Home End Escape');
    const what = r ? describeWindow(data.eras, r) : `all ${describeWindow(data.eras, all)}`;
    return {
      role: 'group',
      title: `Era range: ${what}`,
      description: `Drag across the strip to choose the eras the charts show, or use the keyboard: arrow keys move the window, + and − zoom, Home and End jump to the ends, Escape shows all eras. The strip shows the cumulative score of each series.`,
      tooltip: null
    };
  },
  (data, o): ChartTable => {
    const [i0, i1] = eraWindow(data.eras.length, o.range);
    return {
      caption: 'Selected era range',
      columns: [
        { key: 'first', label: 'First era' },
        { key: 'last', label: 'Last era' },
        { key: 'count', label: 'Eras' }
      ],
      rows: i1 < i0 ? [] : [[data.eras[i0], data.eras[i1], i1 - i0 + 1]]
    };
  }
);
