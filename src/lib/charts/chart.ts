import { child, SVG_NS } from './dom';
import { labelChart } from './a11y';
import { chartStyle } from './theme';
import { attachTooltip, type TooltipSpec } from './tooltip';
import type { ChartTable } from './types';

/** Options every builder takes. */
export interface BaseOptions {
  /** Width of the SVG in px (its viewBox scales with CSS). */
  width?: number;
  /** Height in px; some charts derive it from the data (one panel per series, one row per feature). */
  height?: number;
  /** Where to create elements (default `globalThis.document`; tests pass a jsdom document). */
  document?: Document;
  /** Overrides the generated title (aria-label and <title>). */
  title?: string;
  /** Overrides the generated description (<desc>). */
  description?: string;
}

/** What a chart's render function gets besides data and options. */
export interface RenderContext {
  svg: SVGSVGElement;
  width: number;
  height: number;
  /** Records a data problem the chart worked around (Plot-style: tests expect none unless named warn*). */
  warn(message: string): void;
  /** The chart's top-level `<g class="np-<name>">`, created once and reused by updates. */
  layer(name: string): SVGGElement;
}

/** What a render function returns. */
export interface Rendered {
  title: string;
  description: string;
  /** The height actually used, when the chart sized itself. */
  height?: number;
  tooltip?: TooltipSpec | null;
  /** ARIA role of the SVG (default img; an interactive control such as the brush is a group). */
  role?: string;
}

/** A chart: call it to build a detached SVG, `.update` to re-render one in place, `.table` for its numbers. */
export interface ChartBuilder<D, O extends BaseOptions = BaseOptions> {
  (data: D, options?: O): SVGSVGElement;
  /** Re-renders `svg` with new data (options merge over the previous ones) through keyed joins: same nodes. */
  update(svg: SVGSVGElement, data: D, options?: O): SVGSVGElement;
  /** The numbers the chart draws, as a plain table. */
  table(data: D, options?: O): ChartTable;
  readonly kind: string;
  /** The width it is drawn at by default (px); wrappers draw it narrower in a narrower box (fitWidth). */
  readonly width: number;
}

interface State {
  builder: unknown;
  options: BaseOptions;
  warnings: string[];
}
const states = new WeakMap<SVGSVGElement, State>();

/** Builds a ChartBuilder from a render function (draws into the SVG, reusing nodes) and a table function. */
export function defineChart<D, O extends BaseOptions>(
  kind: string,
  size: { width: number; height: number },
  render: (data: D, options: O, ctx: RenderContext) => Rendered,
  table: (data: D, options: O) => ChartTable
): ChartBuilder<D, O> {
  const builder = ((data: D, options?: O) => {
    const doc = options?.document ?? globalThis.document;
    if (!doc) throw new Error(`${kind}: no document to draw in; pass options.document (e.g. a jsdom document)`);
    const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
    svg.setAttribute('class', `np-chart np-chart-${kind}`);
    child(svg, 'style', 'np-style').textContent = chartStyle;
    states.set(svg, { builder, options: {}, warnings: [] });
    return rerender(svg, data, options);
  }) as ChartBuilder<D, O>;

  const rerender = (svg: SVGSVGElement, data: D, options?: O): SVGSVGElement => {
    const state = states.get(svg);
    if (state?.builder !== builder) throw new Error(`${kind}.update: this SVG was not built by ${kind}`);
    const o = { ...state.options, ...options } as O;
    const width = o.width ?? size.width;
    const warnings: string[] = [];
    const ctx: RenderContext = {
      svg,
      width,
      height: o.height ?? size.height,
      warn: (m) => void warnings.push(`Warning: ${m}`),
      layer: (name) => child(svg, 'g', `np-${name}`)
    };
    const bg = child(svg, 'rect', 'np-bg');
    const r = render(data, o, ctx);
    const height = r.height ?? ctx.height;
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
    bg.setAttribute('width', String(width));
    bg.setAttribute('height', String(height));
    labelChart(svg, kind, o.title ?? r.title, o.description ?? r.description, r.role);
    attachTooltip(svg, r.tooltip ?? null);
    state.options = o;
    state.warnings = warnings;
    return svg;
  };

  return Object.assign(builder, { update: rerender, table: (data: D, options?: O) => table(data, { ...options } as O), kind, width: size.width });
}

/** Re-renders any chart SVG with new data: `update(svg, data)` (options merge over the ones it was built with). */
export function update<D>(svg: SVGSVGElement, data: D, options?: BaseOptions): SVGSVGElement {
  const state = states.get(svg);
  if (!state) throw new Error('update: this SVG was not built by a chart builder');
  return (state.builder as unknown as ChartBuilder<D, BaseOptions>).update(svg, data, options);
}

/** The warnings of the chart's last render ("Warning: …" sentences); empty when the data needed no workaround. */
export function chartWarnings(svg: SVGSVGElement): readonly string[] {
  return states.get(svg)?.warnings ?? [];
}

/** The options a chart was last rendered with (wrappers use it to compute the matching table). */
export function chartOptions(svg: SVGSVGElement): Readonly<BaseOptions> | undefined {
  return states.get(svg)?.options;
}
