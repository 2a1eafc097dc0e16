// The app's Content-Security-Policy: what the browser lets the app's own pages load and connect to.
// svelte.config.js passes it to SvelteKit (`kit.csp`), which writes it as a <meta http-equiv> tag into every
// prerendered page (so any static host serves it, no headers needed) and adds the hashes of its own inline scripts.
// It covers the pages, not workers started from a URL (a static host sends them no policy header). Code cells never
// run under it: they run in the sandboxed runner (static/notebook-runner.html), whose own policy allows no request.
// Plain JavaScript so that svelte.config.js (Node) can import it.

/** @typedef {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>} CspDirectives */
/** @typedef {NonNullable<CspDirectives['connect-src']>[number]} CspSource */

/**
 * Origins the app may fetch data files from ("open a Numerai parquet from a URL"), e.g.
 * 'https://numerai-public-datasets.s3-us-west-2.amazonaws.com'. Empty: the app reads data only from disk.
 * Every origin added here can be reached by the app's pages (never by code cells).
 * @type {readonly CspSource[]}
 */
export const DATA_HOSTS = [];

/**
 * A local anvil on any loopback port (http or https, 127.0.0.1 or localhost): `npm run chain`
 * (127.0.0.1:8545), and the local-chain override of the Stake page (staking/deploymentFor.ts), which accepts
 * loopback URLs only. Requests to these stay on the user's own machine.
 * @type {readonly CspSource[]}
 */
export const LOOPBACK = ['http://127.0.0.1:*', 'http://localhost:*', 'https://127.0.0.1:*', 'https://localhost:*'];

/**
 * The origins of the JSON-RPC endpoints configured at build time (staking/publicEnv.ts):
 * PUBLIC_SEPOLIA_RPC_URL and PUBLIC_LOCAL_RPC_URL. WalletConnect is not bundled (the page only says it would need
 * `@walletconnect/ethereum-provider`), so none of its relays are allowed; add them here if it ever ships.
 * @param {Record<string, string | undefined>} env
 * @returns {CspSource[]}
 */
export function rpcOrigins(env) {
  /** @type {CspSource[]} */
  const origins = [];
  for (const name of ['PUBLIC_SEPOLIA_RPC_URL', 'PUBLIC_LOCAL_RPC_URL']) {
    const value = env[name];
    if (!value) continue;
    let url;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`${name} is not a URL: ${JSON.stringify(value)}. Set it to the JSON-RPC endpoint, e.g. https://…`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name} must be an http(s) URL, not ${url.protocol}`);
    origins.push(/** @type {CspSource} */ (url.origin));
  }
  return origins;
}

/**
 * The directives of the app's policy (SvelteKit's format: keywords and hashes without quotes).
 * - scripts only from the app (plus the hashes of inline scripts: SvelteKit adds its own, `scriptHashes` covers
 *   src/app.html's theme script) and `wasm-unsafe-eval` for the practice chain's WebAssembly;
 * - styles from the app and inline (Svelte, CodeMirror and D3 set styles; no style can fetch anything the other
 *   directives refuse);
 * - images only from the app, data: and blob: (chart PNG export): remote images in markdown are shown as links;
 * - connect-src: the app, loopback (local anvil), the configured RPC endpoints and DATA_HOSTS;
 * - workers from the app (the scoring worker); frames from the app (the code-cell sandbox page);
 * - no plugins, no <base>, forms post nowhere.
 * @param {{ scriptHashes: string[], env: Record<string, string | undefined> }} options
 * @returns {CspDirectives}
 */
export function appDirectives({ scriptHashes, env }) {
  return {
    'default-src': ['self'],
    'script-src': ['self', 'wasm-unsafe-eval', ...scriptHashes.map((h) => /** @type {const} */ (`sha256-${h}`))],
    'style-src': ['self', 'unsafe-inline'],
    'img-src': ['self', 'data:', 'blob:'],
    'font-src': ['self'],
    'connect-src': ['self', ...LOOPBACK, ...rpcOrigins(env), ...DATA_HOSTS],
    'worker-src': ['self'],
    'frame-src': ['self'],
    'object-src': ['none'],
    'base-uri': ['self'],
    'form-action': ['none']
  };
}
