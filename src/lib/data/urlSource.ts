import { PlaygroundError } from '../errors';
import type { ByteSource } from './ByteSource';

/** A ByteSource over HTTP(S) that also says how much it has fetched. */
export interface UrlSource extends ByteSource {
  url: string;
  /** Bytes received so far (all requests). */
  bytesFetched: number;
}

export interface UrlSourceOptions {
  /** Called after each response with the bytes fetched so far and the file size. */
  onFetch?: (bytesFetched: number, fileBytes: number) => void;
  /** The fetch to use (tests, or a worker's). */
  fetch?: typeof fetch;
}

/** Bytes read from the end of the file with the first request: a parquet footer usually fits, saving a round trip. */
const TAIL = 1 << 16;

/**
 * Opens a file on a web server for ranged reads, as hyparquet's asyncBufferFromUrl does, but without a HEAD request
 * (a signed download URL is often valid for GET only): the first request asks for the last 64 KiB
 * (`Range: bytes=-65536`), which gives the file size (Content-Range) and usually the whole parquet footer; every later
 * read asks for just its range. A server that ignores Range sends the whole file once, which is then kept in memory.
 * Errors say what the server answered.
 */
export async function openUrlSource(url: string, options: UrlSourceOptions = {}): Promise<UrlSource> {
  const get = options.fetch ?? globalThis.fetch.bind(globalThis);
  const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || url);
  const request = async (range: string) => {
    let res: Response;
    try {
      res = await get(url, { headers: { Range: range } });
    } catch (cause) {
      throw new PlaygroundError(`Cannot fetch ${url}: ${(cause as Error).message}`, {
        hints: ['Check the address and your connection; in the app, the server must also be one the page may connect to (its Content-Security-Policy).'],
        cause
      });
    }
    if (res.status !== 200 && res.status !== 206) {
      throw new PlaygroundError(`${url} answered ${res.status} ${res.statusText}`.trim(), {
        hints: [res.status === 403 ? 'A signed download link may have expired: ask for a new one.' : 'Check the address.']
      });
    }
    return res;
  };

  const first = await request(`bytes=-${TAIL}`);
  const body = new Uint8Array(await first.arrayBuffer());
  let size: number, tailStart: number, whole: Uint8Array | null = null;
  if (first.status === 206) {
    const total = /\/(\d+)\s*$/.exec(first.headers.get('content-range') ?? '');
    if (!total) throw new PlaygroundError(`${url} sent a partial answer without the file size (no Content-Range)`);
    size = Number(total[1]);
    tailStart = size - body.length;
  } else {
    whole = body;
    size = body.length;
    tailStart = 0;
  }
  const source: UrlSource = {
    url,
    name,
    byteLength: size,
    bytesFetched: body.length,
    async slice(start: number, end = size) {
      end = Math.min(end, size);
      if (start >= end) return new ArrayBuffer(0);
      if (whole) return whole.slice(start, end).buffer as ArrayBuffer;
      if (start >= tailStart) return body.slice(start - tailStart, end - tailStart).buffer as ArrayBuffer;
      const res = await request(`bytes=${start}-${end - 1}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      source.bytesFetched += bytes.length;
      options.onFetch?.(source.bytesFetched, size);
      // A server that ignores Range on this request sent everything: take the range from it.
      const part = res.status === 200 ? bytes.subarray(start, end) : bytes;
      if (part.length !== end - start) throw new PlaygroundError(`${url} sent ${part.length} bytes for a range of ${end - start}: the file may have changed on the server`);
      return part.slice().buffer as ArrayBuffer;
    }
  };
  options.onFetch?.(source.bytesFetched, size);
  return source;
}

/** Whether `text` is an http(s) URL (and not a local path). */
export const isUrl = (text: string) => /^https?:\/\//i.test(text);
