import { bisectCenter, pointer } from 'd3';
import { child, textWidth } from './dom';

/** What a chart's tooltip shows: one item per position along one axis (eras, bins, features, rounds). */
export interface TooltipSpec {
  axis: 'x' | 'y';
  /** Pixel position of each item along `axis`, ascending. */
  positions: ArrayLike<number>;
  /** Half the width (or height) of the band highlighted around an item, px. */
  half: number;
  /** Plot area [x0, y0, x1, y1]. */
  area: readonly [number, number, number, number];
  /** Lines of item i; the first is the heading. */
  lines(i: number): string[];
}

/** Detail of the `charttooltip` event a chart dispatches when its tooltip moves (for a live region). */
export interface TooltipDetail {
  index: number;
  lines: string[];
  text: string;
}

const specs = new WeakMap<SVGSVGElement, TooltipSpec>();
/** The item shown now (absent when hidden) and the last one shown (where keyboard focus resumes). */
const shown = new WeakMap<SVGSVGElement, number>();
const last = new WeakMap<SVGSVGElement, number>();

/**
 * Connects (or, after an update, re-points) the tooltip of `svg`: pointer moves pick the nearest item; with
 * keyboard focus, ←/→ (↑/↓ for a vertical list), Home/End and PageUp/PageDown step through items, Escape hides.
 * Listeners are added once per SVG; an update only swaps the spec.
 */
export function attachTooltip(svg: SVGSVGElement, spec: TooltipSpec | null): void {
  if (!spec || spec.positions.length === 0) {
    specs.delete(svg);
    if (svg.hasAttribute('data-np-tooltip')) svg.removeAttribute('tabindex');
    hideTooltip(svg);
    return;
  }
  specs.set(svg, spec);
  svg.setAttribute('tabindex', '0');
  if (!svg.hasAttribute('data-np-tooltip')) {
    svg.setAttribute('data-np-tooltip', '');
    svg.addEventListener('pointermove', (e) => onPointer(svg, e));
    svg.addEventListener('pointerleave', () => hideTooltip(svg));
    svg.addEventListener('focus', () => showTooltip(svg, Math.min(last.get(svg) ?? 0, (specs.get(svg)?.positions.length ?? 1) - 1)));
    svg.addEventListener('blur', () => hideTooltip(svg));
    svg.addEventListener('keydown', (e) => onKey(svg, e));
  }
  const i = shown.get(svg);
  if (i !== undefined) showTooltip(svg, Math.min(i, spec.positions.length - 1));
  else hideTooltip(svg);
}

function onPointer(svg: SVGSVGElement, e: PointerEvent): void {
  const spec = specs.get(svg);
  if (!spec) return;
  const [px, py] = pointer(e, svg);
  const [x0, y0, x1, y1] = spec.area;
  if (px < x0 - spec.half || px > x1 + spec.half || py < y0 - 4 || py > y1 + 4) return hideTooltip(svg);
  showTooltip(svg, bisectCenter(spec.positions, spec.axis === 'x' ? px : py));
}

function onKey(svg: SVGSVGElement, e: KeyboardEvent): void {
  const spec = specs.get(svg);
  if (!spec) return;
  const n = spec.positions.length;
  const i = shown.get(svg) ?? 0;
  const next = ({ x: { ArrowRight: 1, ArrowLeft: -1 }, y: { ArrowDown: 1, ArrowUp: -1 } } as const)[spec.axis] as Record<string, number>;
  let j: number | null = null;
  if (e.key in next) j = i + next[e.key];
  else if (e.key === 'PageDown') j = i + 10;
  else if (e.key === 'PageUp') j = i - 10;
  else if (e.key === 'Home') j = 0;
  else if (e.key === 'End') j = n - 1;
  else if (e.key === 'Escape') {
    hideTooltip(svg);
    return;
  }
  if (j === null) return;
  e.preventDefault();
  showTooltip(svg, Math.max(0, Math.min(n - 1, j)));
}

/** Shows item i's tooltip (pointer, keyboard or a test) and dispatches `charttooltip`. */
export function showTooltip(svg: SVGSVGElement, i: number): void {
  const spec = specs.get(svg);
  if (!spec || i < 0 || i >= spec.positions.length) return;
  shown.set(svg, i);
  last.set(svg, i);
  const lines = spec.lines(i);
  const g = child(svg, 'g', 'np-tooltip');
  svg.appendChild(g); // keep it on top
  g.setAttribute('pointer-events', 'none');
  g.removeAttribute('display');
  const [x0, y0, x1, y1] = spec.area;
  const p = spec.positions[i];
  const guide = child(g, 'rect', 'np-tooltip-guide');
  const box = child(g, 'g', 'np-tooltip-label');
  const w = Math.ceil(Math.max(...lines.map((l, k) => textWidth(l, k === 0 ? 11.5 : 11))) + 16);
  const h = lines.length * 15 + 8;
  let bx: number, by: number;
  if (spec.axis === 'x') {
    setAttrs(guide, { x: p - spec.half, y: y0, width: 2 * spec.half, height: y1 - y0 });
    bx = p + spec.half + 8 + w <= x1 ? p + spec.half + 8 : Math.max(x0, p - spec.half - 8 - w);
    by = y0 + 4;
  } else {
    setAttrs(guide, { x: x0, y: p - spec.half, width: x1 - x0, height: 2 * spec.half });
    bx = Math.max(x0, x1 - w);
    by = p + spec.half + 4 + h <= y1 ? p + spec.half + 4 : Math.max(y0, p - spec.half - 4 - h);
  }
  box.setAttribute('transform', `translate(${bx},${by})`);
  setAttrs(child(box, 'rect', 'np-tooltip-box'), { width: w, height: h, rx: 3 });
  const text = child(box, 'text', 'np-tooltip-text');
  text.replaceChildren(
    ...lines.map((l, k) => {
      const t = svg.ownerDocument.createElementNS(svg.namespaceURI, 'tspan');
      setAttrs(t, { x: 8, y: 16 + k * 15, 'font-weight': k === 0 ? 'bold' : null });
      t.textContent = l;
      return t;
    })
  );
  const Custom = svg.ownerDocument.defaultView?.CustomEvent ?? globalThis.CustomEvent;
  const detail: TooltipDetail = { index: i, lines, text: lines.join('; ') };
  svg.dispatchEvent(new Custom('charttooltip', { detail }));
}

export function hideTooltip(svg: SVGSVGElement): void {
  shown.delete(svg);
  for (const c of Array.from(svg.children)) if (c.classList.contains('np-tooltip')) c.setAttribute('display', 'none');
}

function setAttrs(el: Element, attrs: Record<string, string | number | null>): void {
  for (const [k, v] of Object.entries(attrs)) if (v === null) el.removeAttribute(k);
  else el.setAttribute(k, String(v));
}
