import DOMPurify from 'dompurify';
import { marked } from 'marked';

// Links open in a new tab without giving it a handle on this page.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/**
 * What markdown may contain: HTML only (no SVG or MathML), none of the elements or attributes that fetch
 * something as the page renders (media, srcset, background, poster, styles with url()) or that submit or frame.
 */
const config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'audio', 'video', 'source', 'track', 'picture', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset', 'background', 'poster', 'ping', 'action', 'formaction'],
  ADD_ATTR: ['target']
};

/** Only inline images (data:image/…) are shown; anything else would be fetched from its server as the notebook opens. */
const inlineImage = /^data:image\//i;

/**
 * Markdown → sanitized HTML (marked, then DOMPurify: no scripts, event handlers, styles, forms, frames or media).
 * An image from a URL is not loaded (the request would tell its server who opened the notebook, and when): it
 * becomes a link the reader can open.
 */
export function renderMarkdown(source: string): string {
  const html = DOMPurify.sanitize(marked.parse(source, { async: false, gfm: true }), config);
  if (!/<img/i.test(html)) return html;
  // a <template>'s content is inert: nothing in it loads
  const template = document.createElement('template');
  template.innerHTML = html;
  for (const img of template.content.querySelectorAll('img')) {
    const src = img.getAttribute('src') ?? '';
    if (inlineImage.test(src)) continue;
    img.replaceWith(remoteImageLink(src, img.getAttribute('alt') ?? ''));
  }
  return template.innerHTML;
}

/** The link that stands for a remote image: its alt text (or address), opening the image in a new tab. */
function remoteImageLink(src: string, alt: string): HTMLElement {
  const label = `Image (not loaded): ${alt || src || 'no address'}`;
  let href: string | null = null;
  try {
    const url = src ? new URL(src, document.baseURI) : null;
    if (url?.protocol === 'https:' || url?.protocol === 'http:') href = url.href;
  } catch {
    href = null;
  }
  const el = document.createElement(href ? 'a' : 'span');
  el.className = 'nb-remote-image';
  el.textContent = label;
  if (href) {
    el.setAttribute('href', href);
    el.setAttribute('target', '_blank');
    el.setAttribute('rel', 'noopener noreferrer');
    el.setAttribute('title', `${href} — not loaded, so its server does not learn that you opened this notebook`);
  }
  return el;
}
