// Reading a chart the way a reviewer does: numbers back from axis ticks and path coordinates.

/** The linear map value → px of an axis group, fitted on its first and last ticks (labels use U+2212 minus). */
export function axisScale(axis: Element, dim: 'x' | 'y'): (v: number) => number {
  const ticks = [...axis.querySelectorAll(':scope > .tick')].map((t) => {
    const [, x, y] = /translate\(([-\d.e]+),([-\d.e]+)\)/.exec(t.getAttribute('transform')!)!.map(Number);
    return { v: Number(t.textContent!.replace('−', '-')), p: dim === 'x' ? x : y };
  });
  const a = ticks[0];
  const b = ticks[ticks.length - 1];
  // d3-axis puts ticks on half pixels for crisp lines: the offset is 0.5 in jsdom (devicePixelRatio 1)
  const off = 0.5;
  return (v) => a.p - off + ((v - a.v) * (b.p - a.p)) / (b.v - a.v);
}

/** The [x, y] vertices of an SVG path made of M/L commands (d3 line output). */
export function pathPoints(d: string): [number, number][] {
  return [...d.matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

export const attr = (el: Element | null, name: string) => Number(el!.getAttribute(name));
