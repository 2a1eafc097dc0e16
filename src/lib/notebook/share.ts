import { deflateSync, Inflate, strFromU8, strToU8 } from 'fflate';
import { exportNotebook, importNotebook } from './format';
import type { Cell, NotebookDoc } from './types';

/**
 * Longest share code a link may carry (characters after `#nb=`). The hash never reaches a server, so request-line
 * limits (~8 KB) do not apply; browsers take megabytes. 32 KB keeps links pasteable into chats and issue trackers
 * and holds the whole tutorial (~9 KB compressed).
 */
export const MAX_SHARE_CHARS = 32 * 1024;
/**
 * The most a link may carry once base64-decoded, checked before inflating, and the most its notebook may inflate
 * to (checked while inflating, so a small "zip bomb" link stops at this size instead of filling the memory).
 */
export const MAX_SHARE_BYTES = 2 * 1024 * 1024;
/** Compressed bytes fed to the inflater at a time: one chunk can grow at most ~1,000-fold, so the bound holds within ~1 MB. */
const INFLATE_CHUNK = 1024;

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

/** The notebook in a link is larger than MAX_SHARE_BYTES (compressed or not). */
export class ShareTooLargeError extends Error {
  override name = 'ShareTooLargeError';
  constructor() {
    super(`This share link holds more than ${MAX_SHARE_BYTES / 1024 / 1024} MB: it was not opened. Ask for the notebook as a file (Export) instead.`);
  }
}

/** Inflates at most `max` bytes (throws ShareTooLargeError past it), feeding the input in small chunks. */
export function boundedInflate(bytes: Uint8Array, max = MAX_SHARE_BYTES): Uint8Array {
  const parts: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > max) throw new ShareTooLargeError();
    parts.push(chunk);
  });
  for (let i = 0; i < bytes.length; i += INFLATE_CHUNK) inflater.push(bytes.subarray(i, i + INFLATE_CHUNK), i + INFLATE_CHUNK >= bytes.length);
  if (!bytes.length) inflater.push(bytes, true);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
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

/**
 * The notebook in a share hash (`#nb=…`), null when the hash is not a share link. Throws, saying what is wrong, when
 * the link is too large (over MAX_SHARE_BYTES before or after inflating), damaged, or holds cells whose settings do
 * not fit their kind's schema (`importNotebook`).
 */
export function decodeShare(hash: string): { title: string; cells: Cell[] } | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  const code = hash.slice(SHARE_PREFIX.length);
  // base64 holds 3 bytes per 4 characters: refuse before decoding anything
  if ((code.length * 3) / 4 > MAX_SHARE_BYTES) throw new ShareTooLargeError();
  let text: string;
  try {
    text = strFromU8(boundedInflate(fromBase64Url(code)));
  } catch (e) {
    if (e instanceof ShareTooLargeError) throw e;
    throw new Error('This share link is damaged or incomplete: the notebook in it cannot be read.');
  }
  try {
    return importNotebook(text);
  } catch (e) {
    throw new Error(`This share link's notebook was not opened: ${e instanceof Error ? e.message : String(e)}`);
  }
}
