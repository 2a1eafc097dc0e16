// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/lib/notebook/renderMarkdown';

/** The rendered HTML as a document fragment, to query. */
function render(md: string): DocumentFragment {
  const t = document.createElement('template');
  t.innerHTML = renderMarkdown(md);
  return t.content;
}

/** Every URL-valued attribute left in the output, except links' href. */
function fetchingUrls(f: DocumentFragment): string[] {
  const out: string[] = [];
  for (const el of f.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (el.tagName === 'A' && a.name === 'href') continue;
      if (/^(src|srcset|background|poster|data|xlink:href|ping|action|formaction|style)$/.test(a.name) || /url\(/i.test(a.value)) out.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value}]`);
    }
  }
  return out;
}

describe('renderMarkdown', () => {
  it('turns a remote markdown image into a link that says it was not loaded', () => {
    const f = render('See ![the chart](https://example.com/chart.png?u=1 "t").');
    expect(f.querySelector('img')).toBeNull();
    const a = f.querySelector('a.nb-remote-image')!;
    expect(a.getAttribute('href')).toBe('https://example.com/chart.png?u=1');
    expect(a.textContent).toBe('Image (not loaded): the chart');
    expect(a.getAttribute('target')).toBe('_blank');
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('turns raw <img> tags into links too, relative and protocol-relative ones included', () => {
    const f = render('<img src="//evil.example/p.gif"> <img src="/local.png" alt="local"> <IMG SRC="http://evil.example/x.gif" srcset="http://evil.example/2x.gif 2x">');
    expect(f.querySelectorAll('img')).toHaveLength(0);
    expect([...f.querySelectorAll('a.nb-remote-image')].map((a) => a.getAttribute('href'))).toEqual(['http://evil.example/p.gif', 'http://localhost:3000/local.png', 'http://evil.example/x.gif']);
  });

  it('keeps inline data: images', () => {
    const png = 'data:image/png;base64,iVBORw0KGgo=';
    const f = render(`![dot](${png})`);
    expect(f.querySelector('img')?.getAttribute('src')).toBe(png);
    expect(f.querySelector('.nb-remote-image')).toBeNull();
  });

  it('an image with a script URL becomes plain text, never a link', () => {
    const f = render('<img src="javascript:alert(1)" alt="x">');
    expect(f.querySelector('img')).toBeNull();
    expect(f.querySelector('a')).toBeNull();
  });

  it('leaves nothing that would fetch as the page renders: media, styles, svg, link/meta, background, ping', () => {
    const L = 'http://evil.example';
    const f = render(
      [
        `<video src="${L}/v" poster="${L}/poster"></video><audio src="${L}/a"></audio><picture><source srcset="${L}/s"></picture>`,
        `<table background="${L}/bg"><tr><td background="${L}/td">x</td></tr></table>`,
        `<div style="background:url(${L}/css)">styled</div><style>@import url(${L}/imp); p{background:url(${L}/p)}</style>`,
        `<link rel="prefetch" href="${L}/prefetch"><link rel="stylesheet" href="${L}/css2"><meta http-equiv="refresh" content="0;url=${L}/refresh"><base href="${L}/">`,
        `<svg><image href="${L}/svg-image"></image><use href="${L}/use#x"></use></svg><math><mi xlink:href="${L}/m">x</mi></math>`,
        `<a href="https://ok.example/" ping="${L}/ping">link</a><object data="${L}/o"></object><embed src="${L}/e"><iframe src="${L}/i"></iframe>`,
        `<form action="${L}/f"><input type="image" src="${L}/in"><button formaction="${L}/b">b</button></form>`
      ].join('\n')
    );
    expect(fetchingUrls(f)).toEqual([]);
    for (const tag of ['video', 'audio', 'source', 'picture', 'style', 'link', 'meta', 'base', 'svg', 'math', 'object', 'embed', 'iframe', 'form', 'input', 'button', 'img']) expect(f.querySelector(tag), tag).toBeNull();
    expect(f.querySelector('a[href="https://ok.example/"]')?.hasAttribute('ping')).toBe(false);
    expect(f.textContent).toContain('styled');
  });

  it('still renders ordinary markdown: headings, emphasis, code, tables, links', () => {
    const f = render('# Title\n\nSome *emphasis* and `code`.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[Numerai](https://numer.ai)');
    expect(f.querySelector('h1')?.textContent).toBe('Title');
    expect(f.querySelector('em')?.textContent).toBe('emphasis');
    expect(f.querySelector('code')?.textContent).toBe('code');
    expect(f.querySelectorAll('td')).toHaveLength(2);
    expect(f.querySelector('a')?.getAttribute('href')).toBe('https://numer.ai');
  });
});
