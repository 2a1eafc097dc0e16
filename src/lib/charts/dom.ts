export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The direct child `<tag class="cls">` of `parent`, appended on first use: builders call it on every render,
 * so an update finds the same nodes instead of rebuilding them.
 */
export function child<K extends keyof SVGElementTagNameMap>(parent: Element, tag: K, cls: string): SVGElementTagNameMap[K] {
  for (const c of Array.from(parent.children)) if (c.localName === tag && c.classList.contains(cls)) return c as SVGElementTagNameMap[K];
  const el = parent.ownerDocument.createElementNS(SVG_NS, tag) as SVGElementTagNameMap[K];
  el.setAttribute('class', cls);
  parent.appendChild(el);
  return el;
}

/** Rough width of a label in px (no layout in a detached SVG or in jsdom, so no getBBox). */
export const textWidth = (s: string, fontSize = 11) => s.length * fontSize * 0.58;
