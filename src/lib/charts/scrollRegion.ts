/**
 * An attachment for a box that scrolls its content (a wide table): while the content overflows, the box is a group
 * labelled `label` that takes keyboard focus, so the arrow keys scroll it (WCAG 2.1.1; axe's scrollable-region-focusable);
 * when everything fits it is a plain box again, with no extra tab stop.
 */
export function scrollRegion(label: string) {
  return (el: HTMLElement) => {
    const sync = () => {
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        el.tabIndex = 0;
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', label);
      } else {
        for (const a of ['tabindex', 'role', 'aria-label']) el.removeAttribute(a);
      }
    };
    sync();
    if (typeof ResizeObserver !== 'function') return;
    const resized = new ResizeObserver(sync);
    const watch = () => [el, ...el.children].forEach((c) => resized.observe(c));
    const added = new MutationObserver(watch);
    watch();
    added.observe(el, { childList: true });
    return () => {
      resized.disconnect();
      added.disconnect();
    };
  };
}
