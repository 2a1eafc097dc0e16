import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, MAX_SHARE_CHARS, shareLink, ShareTooLongError } from '../../../src/lib/notebook/share';
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
