import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { E2EWalletConfig } from './shim';

let bundled: Promise<string> | undefined;

/** The wallet shim (./shim.ts) bundled with viem into one IIFE, once per test process (~230 KB, ~0.3 s). */
export function shimBundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [fileURLToPath(new URL('./shim.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent'
  }).then((result) => result.outputFiles[0].text);
  return bundled;
}

/** The init script: the config line, then the shim. */
export async function walletInitScript(config: E2EWalletConfig): Promise<string> {
  return `window.__E2E_WALLET__ = ${JSON.stringify(config)};\n${await shimBundle()}`;
}
