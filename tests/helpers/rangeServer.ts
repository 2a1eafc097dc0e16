// Test helper: a local static file server that honours HTTP Range (206 + Content-Range), and answers Numerai's
// GraphQL `dataset(filename:)` query with a "signed" URL to its own files, on a free port. It records every request
// and can cut a download short once, to test resuming.
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RangeServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** The URL of a served file. */
  url(name: string): string;
  /** The GraphQL endpoint (POST). */
  api: string;
  requests: { method: string; path: string; range: string | null; body?: string }[];
  /** Bytes sent in file bodies. */
  bytesSent: number;
  close(): Promise<void>;
}

/**
 * Serves `files` (name → local path) under /files/<name>. `cutOnce`: the first GET of that file name stops after that
 * many body bytes (the socket is destroyed), as a dropped connection would.
 */
export async function startRangeServer(files: Record<string, string>, options: { cutOnce?: { name: string; after: number } } = {}): Promise<RangeServer> {
  let cut = options.cutOnce ?? null;
  const state = { bytesSent: 0 };
  const requests: RangeServer['requests'] = [];
  const readBody = (req: IncomingMessage) => new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => resolve(body));
  });
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    // CORS, as a data host must send for the app's worker to read it (Range needs a preflight in some browsers)
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-expose-headers', 'content-range, content-length, accept-ranges');
    if (req.method === 'OPTIONS') {
      res.setHeader('access-control-allow-headers', 'range, content-type');
      res.setHeader('access-control-allow-methods', 'GET, HEAD, POST');
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.method === 'POST' && path === '/graphql') {
      const body = await readBody(req);
      requests.push({ method: 'POST', path, range: null, body });
      const m = /dataset\(\s*filename:\s*"([^"]+)"\s*\)/.exec(JSON.parse(body).query ?? '');
      const name = m?.[1].split('/').pop();
      res.setHeader('content-type', 'application/json');
      if (!m || !name || !files[name]) {
        res.end(JSON.stringify({ data: { dataset: null }, errors: [{ message: `dataset ${m?.[1] ?? '?'} not found` }] }));
        return;
      }
      res.end(JSON.stringify({ data: { dataset: `${origin}/files/${name}?X-Amz-Signature=test&X-Amz-Expires=3600` } }));
      return;
    }
    const name = decodeURIComponent(path.replace(/^\/files\//, ''));
    const range = req.headers.range ?? null;
    requests.push({ method: req.method ?? 'GET', path, range });
    const file = files[name];
    if (!path.startsWith('/files/') || !file) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const size = statSync(file).size;
    let start = 0, end = size - 1;
    if (range) {
      const r = /^bytes=(\d*)-(\d*)$/.exec(range);
      if (!r) {
        res.statusCode = 416;
        res.end();
        return;
      }
      if (r[1] === '') start = Math.max(0, size - Number(r[2]));
      else {
        start = Number(r[1]);
        if (r[2] !== '') end = Math.min(size - 1, Number(r[2]));
      }
      if (start >= size) {
        res.statusCode = 416;
        res.setHeader('content-range', `bytes */${size}`);
        res.end();
        return;
      }
      res.statusCode = 206;
      res.setHeader('content-range', `bytes ${start}-${end}/${size}`);
    }
    res.setHeader('accept-ranges', 'bytes');
    res.setHeader('content-length', String(end - start + 1));
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file, { start, end });
    let sent = 0;
    const limit = cut && cut.name === name ? cut.after : Infinity;
    if (limit !== Infinity) cut = null;
    stream.on('data', (chunk) => {
      const c = chunk as Buffer;
      if (sent + c.length > limit) {
        res.write(c.subarray(0, limit - sent));
        state.bytesSent += limit - sent;
        stream.destroy();
        res.socket?.destroy();
        return;
      }
      sent += c.length;
      state.bytesSent += c.length;
      res.write(c);
    });
    stream.on('end', () => res.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (name) => `${origin}/files/${encodeURIComponent(name)}`,
    api: `${origin}/graphql`,
    requests,
    get bytesSent() {
      return state.bytesSent;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}
