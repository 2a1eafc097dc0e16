// A Vite plugin giving the page the notebook's code runner as source text, bundled into one self-contained
// script, in `vite dev` and in the build alike. The sandboxed runner page (static/notebook-runner.html) has an
// opaque origin and a policy that fetches nothing, so it cannot load the runner's modules by URL: the page hands
// it the code, which it starts as a worker from a blob: URL.
//   virtual:notebook-runner           → src/lib/notebook/runner.worker.ts and what it imports
//   virtual:notebook-runner-arquero   → src/lib/notebook/runnerArquero.ts (sent only when a cell uses `aq`)
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** @param {string} file */
const source = (file) => fileURLToPath(new URL(`../src/lib/notebook/${file}`, import.meta.url));
/**
 * The runner is a classic script (Chromium does not start a module worker from a blob: URL in an opaque-origin
 * frame); Arquero is an ES module, which the runner imports from a blob: URL it makes itself.
 * @type {Record<string, { file: string, format: 'iife' | 'es' }>}
 */
const entries = {
  'virtual:notebook-runner': { file: source('runner.worker.ts'), format: 'iife' },
  'virtual:notebook-runner-arquero': { file: source('runnerArquero.ts'), format: 'es' }
};

/** @typedef {{ code: string, files: string[] }} Bundle */

/**
 * One minified file with no imports left (dynamic ones inlined); readable with an inline source map in dev.
 * @param {{ file: string, format: 'iife' | 'es' }} entry
 * @param {string} root
 * @param {boolean} dev
 * @returns {Promise<Bundle>}
 */
async function bundle({ file, format }, root, dev) {
  const out = /** @type {import('vite').Rolldown.RolldownOutput | import('vite').Rolldown.RolldownOutput[]} */ (
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      mode: dev ? 'development' : 'production',
      publicDir: false,
      build: {
        write: false,
        sourcemap: dev ? 'inline' : false,
        target: 'es2022',
        lib: { entry: file, formats: [format], name: 'notebookRunner', fileName: 'runner' },
        rolldownOptions: { output: { codeSplitting: false, minify: !dev } }
      }
    })
  );
  const chunks = (Array.isArray(out) ? out : [out]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  if (chunks.length !== 1) throw new Error(`notebook runner: expected one chunk for ${file}, got ${chunks.length}`);
  return { code: chunks[0].code, files: chunks[0].moduleIds.filter((id) => !id.startsWith('\0')) };
}

/** @returns {import('vite').Plugin} */
export function notebookRunner() {
  let root = process.cwd();
  let dev = false;
  /** Bundles by virtual id; `files` is known once the bundle is done. @type {Map<string, { pending: Promise<Bundle>, files: string[] | null }>} */
  const cache = new Map();
  return {
    name: 'notebook-runner',
    configResolved(config) {
      root = config.root;
      dev = config.command === 'serve';
    },
    resolveId(id) {
      return id in entries ? `\0${id}` : undefined;
    },
    async load(id) {
      const name = id.startsWith('\0') ? id.slice(1) : '';
      if (!(name in entries)) return undefined;
      let entry = cache.get(name);
      if (!entry) {
        const made = { pending: bundle(entries[name], root, dev), files: /** @type {string[] | null} */ (null) };
        made.pending.then(
          (b) => (made.files = b.files),
          () => cache.delete(name)
        );
        cache.set(name, (entry = made));
      }
      const { code, files } = await entry.pending;
      for (const file of files) this.addWatchFile(file);
      return `export default ${JSON.stringify(code)};`;
    },
    watchChange(file) {
      // a source of the runner changed (or a bundle is still being made): bundle again on the next load
      for (const [name, entry] of cache) if (!entry.files || entry.files.includes(file)) cache.delete(name);
    }
  };
}
