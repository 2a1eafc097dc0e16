import { themeVariables } from './theme';

/**
 * A standalone SVG file of the chart. When the chart is on the page, the theme variables are resolved from it and
 * written on the root, so the file keeps the current (light or dark) colours; a detached chart keeps the light
 * fallbacks. The transient tooltip is left out.
 */
export function toSvgString(svg: SVGSVGElement): string {
  const view = svg.ownerDocument.defaultView;
  const clone = svg.cloneNode(true) as SVGSVGElement;
  for (const t of Array.from(clone.querySelectorAll('.np-tooltip'))) t.remove();
  clone.removeAttribute('tabindex');
  if (svg.isConnected && view?.getComputedStyle) {
    const cs = view.getComputedStyle(svg);
    const vars = Object.keys(themeVariables)
      .map((name) => [name, cs.getPropertyValue(name).trim()])
      .filter(([, v]) => v)
      .map(([name, v]) => `${name}:${v}`);
    if (vars.length) clone.setAttribute('style', [clone.getAttribute('style'), ...vars].filter(Boolean).join(';'));
  }
  const Serializer = view?.XMLSerializer ?? globalThis.XMLSerializer;
  if (!Serializer) throw new Error('toSvgString: no XMLSerializer here (run it in a browser or a jsdom window)');
  return new Serializer().serializeToString(clone);
}
