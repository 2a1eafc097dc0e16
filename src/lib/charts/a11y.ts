import { child } from './dom';

const counters = new WeakMap<Document, number>();

/** A document-unique id `np-<kind>-<n>` (tests renumber them). */
export function uid(doc: Document, kind: string): string {
  const n = (counters.get(doc) ?? 0) + 1;
  counters.set(doc, n);
  return `np-${kind}-${n}`;
}

/**
 * Gives the chart its text alternative: role="img", aria-label = the title, a <title> (the tooltip of the whole
 * SVG and its accessible name when the file is opened alone) and a <desc> with the summary, linked by
 * aria-describedby. The numbers themselves are in the chart's table.
 */
export function labelChart(svg: SVGSVGElement, kind: string, title: string, description: string, role = 'img'): void {
  svg.setAttribute('role', role);
  svg.setAttribute('aria-label', title);
  const t = child(svg, 'title', 'np-title');
  const d = child(svg, 'desc', 'np-desc');
  if (svg.firstChild !== t) svg.insertBefore(t, svg.firstChild);
  if (t.nextSibling !== d) svg.insertBefore(d, t.nextSibling);
  if (!d.id) d.id = uid(svg.ownerDocument, `${kind}-desc`);
  t.textContent = title;
  d.textContent = description;
  svg.setAttribute('aria-describedby', d.id);
}
