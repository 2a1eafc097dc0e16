/** Narrowest width a chart is drawn at (px); a box narrower still scales it down a little (a 320 px phone). */
export const MIN_CHART_WIDTH = 300;

/**
 * The width to draw a chart at in a box `box` px wide: the box's width, at most the chart's default `natural`
 * width and at least MIN_CHART_WIDTH, so its text keeps its size instead of being scaled down with the SVG;
 * `natural` when the box is not laid out (hidden, or jsdom).
 */
export function fitWidth(natural: number, box: number): number {
  return box > 0 ? Math.max(MIN_CHART_WIDTH, Math.min(natural, Math.floor(box))) : natural;
}

/**
 * An attachment that reports an element's content width now and on every resize (once without ResizeObserver);
 * a hidden element (width 0) reports nothing, so a chart keeps its width while its table is shown.
 */
export function observeWidth(report: (width: number) => void) {
  return (el: HTMLElement) => {
    if (el.clientWidth > 0) report(el.clientWidth);
    if (typeof ResizeObserver !== 'function') return;
    const ro = new ResizeObserver(([entry]) => entry.contentRect.width > 0 && report(entry.contentRect.width));
    ro.observe(el);
    return () => ro.disconnect();
  };
}
