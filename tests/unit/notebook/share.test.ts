import { deflateSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { boundedInflate, decodeShare, encodeShare, MAX_SHARE_BYTES, MAX_SHARE_CHARS, shareLink, ShareTooLargeError, ShareTooLongError } from '../../../src/lib/notebook/share';
import { tutorialNotebook } from '../../../src/lib/notebook/tutorialNotebook';
import { Rng } from '../../../src/lib/data/Rng';

describe('share links', () => {
  it('encodeShare → decodeShare gives the same notebook; the code is base64url', () => {
    const nb = tutorialNotebook('x', 0);
    const code = encodeShare(nb);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(code.length).toBeLessThan(MAX_SHARE_CHARS);
    expect(decodeShare(`#nb=${code}`)).toEqual({ title: nb.title, cells: nb.cells });
  });

  it('shareLink puts the code in the hash of the page URL (replacing any hash)', () => {
    const nb = tutorialNotebook('x', 0);
    const link = shareLink(nb, 'http://127.0.0.1:4173/notebook#old');
    expect(link.startsWith('http://127.0.0.1:4173/notebook#nb=')).toBe(true);
    expect(decodeShare(new URL(link).hash)!.cells).toEqual(nb.cells);
  });

  it('a notebook too large for a link throws ShareTooLongError suggesting export', () => {
    const rng = new Rng(1);
    const noise = Array.from({ length: 60_000 }, () => rng.uint32().toString(36)).join(' ');
    const big = { title: 'big', cells: [{ id: 'a', kind: 'code' as const, lang: 'js' as const, source: `// ${noise}` }] };
    expect(() => encodeShare(big)).toThrow(ShareTooLongError);
    expect(() => encodeShare(big)).toThrow(/a link holds at most 32 KB\. Export it as a file instead/);
  });

  it('decodeShare returns null for other hashes and a clear error for a damaged link', () => {
    expect(decodeShare('#section')).toBeNull();
    expect(() => decodeShare('#nb=@@@not-base64')).toThrow(/damaged or incomplete/);
  });
});

/** A link carrying `text` as its notebook, encoded as shareLink does (deflate, base64url). */
const linkOf = (text: string | Uint8Array) => {
  const bytes = deflateSync(typeof text === 'string' ? strToU8(text) : text, { level: 9 });
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `#nb=${btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
};
const withCell = (fence: string, body: string) => `---\nformat: numerai-notebook 1\ntitle: "x"\n---\n\n\`\`\`${fence} cell id=a\n${body}\n\`\`\`\n`;
const score = { name: 'scores', data: 'data', predictions: ['p'], target: 'target', metrics: ['corr'], featureSet: '' };

describe('crafted share links', () => {
  it('an oversized link is refused before anything is decoded', () => {
    const hash = `#nb=${'A'.repeat(Math.ceil((MAX_SHARE_BYTES * 4) / 3) + 8)}`;
    expect(() => decodeShare(hash)).toThrow(ShareTooLargeError);
    expect(() => decodeShare(hash)).toThrow(/more than 2 MB/);
  });

  it('a zip bomb (40 KB inflating to 40 MB) stops at the 2 MB bound instead of inflating it all', () => {
    const bomb = new Uint8Array(40 * 1024 * 1024).fill(32); // 40 MB of spaces
    const hash = linkOf(bomb);
    expect(hash.length).toBeLessThan(100_000);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => decodeShare(hash)).toThrow(ShareTooLargeError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024);
    // the bound itself: just under passes, just over fails
    expect(boundedInflate(deflateSync(new Uint8Array(1000).fill(1)), 1000)).toHaveLength(1000);
    expect(() => boundedInflate(deflateSync(new Uint8Array(1001).fill(1)), 1000)).toThrow(ShareTooLargeError);
  });

  it('settings of the wrong type, out of range or missing are refused, saying which cell and field', () => {
    expect(() => decodeShare(linkOf(withCell('numerai-score', JSON.stringify({ ...score, predictions: 'p' }))))).toThrow(/Line 6: the score cell's settings are not valid: predictions: Invalid type: Expected Array/);
    expect(() => decodeShare(linkOf(withCell('numerai-neutralize', JSON.stringify({ name: 'n', data: 'data', model: 'm', proportion: 7, featureSet: '' }))))).toThrow(/proportion: Invalid value/);
    expect(() => decodeShare(linkOf(withCell('numerai-data', JSON.stringify({ name: 'data', source: 'generated', eras: 1e9 }))))).toThrow(/eras: Invalid value/);
    expect(() => decodeShare(linkOf(withCell('numerai-payout', JSON.stringify({ name: 'p', scores: 's' }))))).toThrow(/the payout cell's settings are not valid: model: Invalid key/);
    expect(() => decodeShare(linkOf(withCell('numerai-chart', '[1, 2]')))).toThrow(/must be a JSON object/);
    expect(() => decodeShare(linkOf(withCell('numerai-model', JSON.stringify({ name: 'm', data: 'data', kind: 'ridge', featureSet: 'all', target: 'target', lambda: 'NaN' }))))).toThrow(/lambda/);
  });

  it('unknown cell kinds are refused, including names of Object.prototype', () => {
    for (const kind of ['bogus', '__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(() => decodeShare(linkOf(withCell(`numerai-${kind}`, '{}')))).toThrow(/unknown cell type/);
    }
  });

  it('prototype-pollution keys are dropped from the settings and pollute nothing', () => {
    const body = `{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, ${JSON.stringify(score).slice(1)}`;
    const parsed = decodeShare(linkOf(withCell('numerai-score', body)))!;
    const config = (parsed.cells[0] as { config: object }).config;
    expect(config).toEqual(score);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.keys(config)).not.toContain('__proto__');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('a link to text that is not a notebook says so', () => {
    expect(() => decodeShare(linkOf('just some text\nand more'))).toThrow(/not opened: This file is not a notebook/);
  });
});
