import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { exportNotebook, importNotebook } from './format';
import type { Cell, NotebookDoc } from './types';

/**
 * Longest share code a link may carry (characters after `#nb=`). The hash never reaches a server, so request-line
 * limits (~8 KB) do not apply; browsers take megabytes. 32 KB keeps links pasteable into chats and issue trackers
 * and holds the whole tutorial (~9 KB compressed).
 */
export const MAX_SHARE_CHARS = 32 * 1024;
/** The hash prefix of a share link. */
export const SHARE_PREFIX = '#nb=';

/** The notebook does not fit in a link. */
export class ShareTooLongError extends Error {
  override name = 'ShareTooLongError';
  constructor(readonly length: number) {
    super(
      `This notebook is ${(length / 1024).toFixed(1)} KB once compressed; a link holds at most ${MAX_SHARE_CHARS / 1024} KB. ` +
        'Export it as a file instead (Export), and share the file.'
    );
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(code: string): Uint8Array {
  const s = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; ++i) out[i] = s.charCodeAt(i);
  return out;
}

/** The notebook's export text, deflated (fflate, level 9) and base64url-encoded; throws ShareTooLongError past the limit. */
export function encodeShare(doc: Pick<NotebookDoc, 'title' | 'cells'>, max = MAX_SHARE_CHARS): string {
  const code = toBase64Url(deflateSync(strToU8(exportNotebook(doc)), { level: 9 }));
  if (code.length > max) throw new ShareTooLongError(code.length);
  return code;
}

/** A full share link: `base` (the notebook page URL, without hash) + `#nb=<code>`. */
export const shareLink = (doc: Pick<NotebookDoc, 'title' | 'cells'>, base: string) => `${base.replace(/#.*$/, '')}${SHARE_PREFIX}${encodeShare(doc)}`;

/** The notebook in a share hash (`#nb=…`), null when the hash is not a share link; throws when it is damaged. */
export function decodeShare(hash: string): { title: string; cells: Cell[] } | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  let text: string;
  try {
    text = strFromU8(inflateSync(fromBase64Url(hash.slice(SHARE_PREFIX.length))));
  } catch {
    throw new Error('This share link is damaged or incomplete: the notebook in it cannot be read.');
  }
  return importNotebook(text);
}
