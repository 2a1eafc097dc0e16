// Finds the fastest way to run the TypeScript CLI with no build step: an ES bundle cached in
// node_modules/.cache/numerai-playground, made by esbuild on first use and made again whenever any file it was built
// from changes (its manifest records every input's size and mtime); tsx when the bundle cannot be made or stored.
// The bundle starts in ~0.1 s of CPU; tsx compiles and resolves every module through its loader thread (~0.6 s).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Whether every input recorded in the manifest still has its size and mtime.
 * @param {{ inputs: Record<string, [number, number]> }} manifest
 * @param {string} base
 */
function fresh(manifest, base) {
  for (const [file, [size, mtime]] of Object.entries(manifest.inputs)) {
    const st = statSync(resolve(base, file), { throwIfNoEntry: false });
    if (!st || st.size !== size || st.mtimeMs !== mtime) return false;
  }
  return true;
}

/**
 * The URL to import for `entry` (a .ts file): its cached bundle when fresh, a new bundle otherwise, or the .ts itself
 * with tsx registered. `cacheDir` and `base` are for tests.
 * @returns {Promise<string>}
 */
export async function cliEntry(entry = join(root, 'src/cli/main.ts'), cacheDir = join(root, 'node_modules/.cache/numerai-playground'), base = root) {
  const bundle = join(cacheDir, 'cli.mjs');
  const manifestPath = join(cacheDir, 'cli.json');
  try {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.entry === entry && fresh(manifest, base)) return pathToFileURL(bundle).href;
  } catch {
    // no bundle yet, or an unreadable manifest: build one
  }
  try {
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [entry],
      absWorkingDir: base,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
      // CommonJS dependencies may require() Node built-ins from inside the ES bundle
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" }
    });
    /** @type {Record<string, [number, number]>} */
    const inputs = {};
    for (const file of Object.keys(result.metafile.inputs)) {
      const st = statSync(resolve(base, file));
      inputs[file] = [st.size, st.mtimeMs];
    }
    mkdirSync(cacheDir, { recursive: true });
    // write-then-rename: a CLI started meanwhile sees the old bundle or the new one, never half of one
    const tmp = `${bundle}.${process.pid}.tmp`;
    writeFileSync(tmp, result.outputFiles[0].contents);
    renameSync(tmp, bundle);
    writeFileSync(`${manifestPath}.${process.pid}.tmp`, JSON.stringify({ entry, inputs }));
    renameSync(`${manifestPath}.${process.pid}.tmp`, manifestPath);
    return pathToFileURL(bundle).href;
  } catch {
    const { register } = await import('tsx/esm/api');
    register();
    return pathToFileURL(entry).href;
  }
}

