import { DATA_HOSTS, LOOPBACK } from '../csp.js';

/**
 * Whether the page may open a data file at `url`: the same origin, this computer (LOOPBACK) or a data host of the
 * app's Content-Security-Policy (DATA_HOSTS in src/lib/csp.js). Files are fetched by the scoring worker, which the
 * page's policy does not cover, so the page checks the policy's list itself before handing a URL over.
 */
export function urlAllowed(url: string, pageOrigin = globalThis.location?.origin ?? ''): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return false;
  if (u.origin === pageOrigin) return true;
  return [...LOOPBACK, ...DATA_HOSTS].some((pattern) => {
    const p = String(pattern);
    // "http://127.0.0.1:*": any port of that scheme and host; otherwise the exact origin
    return p.endsWith(':*') ? `${u.protocol}//${u.hostname}` === p.slice(0, -2) : u.origin === p.replace(/\/$/, '');
  });
}

/** Why a URL was refused, and what to do instead. */
export function urlRefusal(url: string): string {
  const hosts = DATA_HOSTS.length ? DATA_HOSTS.join(', ') : 'none yet';
  return `This app may open files only from its own address, this computer (localhost / 127.0.0.1) and the data hosts its Content-Security-Policy allows (${hosts}), so it will not fetch ${url}. Download the file and open it from disk, or add the origin to DATA_HOSTS in src/lib/csp.js and rebuild.`;
}
