import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadEnv } from 'vite';
import { appDirectives } from './src/lib/csp.js';

// The inline scripts of src/app.html (the theme script), hashed for the Content-Security-Policy.
const appHtml = readFileSync(new URL('./src/app.html', import.meta.url), 'utf8');
const scriptHashes = [...appHtml.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => createHash('sha256').update(m[1]).digest('base64'));
// PUBLIC_* variables as Vite will inline them (process env, then .env files of the mode), for connect-src.
const env = loadEnv(process.env.NODE_ENV === 'production' ? 'production' : 'development', process.cwd(), 'PUBLIC_');

/** @type {import('@sveltejs/kit').Config} */
export default {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ fallback: '200.html' }),
    // src/lib/csp.js: written into every page as a <meta> tag (prerendered), with hashes of the inline scripts
    csp: { mode: 'hash', directives: appDirectives({ scriptHashes, env }) }
  }
};
