import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { notebookRunner } from './scripts/notebookRunnerPlugin.js';

export default defineConfig({
  plugins: [sveltekit(), notebookRunner()],
  worker: { format: 'es' },
  build: { rolldownOptions: { checks: { bundlerTimings: false } } },
  // Dependencies reached only through workers or dynamic import(): pre-bundle them so `vite dev`
  // does not reload the page the first time they are used.
  optimizeDeps: {
    include: [
      'comlink', 'arquero', 'd3', 'hyparquet', 'hyparquet-compressors', 'hyparquet/src/column.js', 'hyparquet/src/datapage.js', 'hyparquet/src/plain.js',
      // Notebook (lazy): code analysis, TypeScript stripping, markdown, the editor, share links.
      'acorn', 'acorn-walk', 'sucrase', 'marked', 'dompurify', 'fflate', 'codemirror', '@codemirror/lang-javascript',
      '@codemirror/lang-markdown', '@codemirror/state', '@codemirror/view', '@codemirror/language', '@codemirror/commands', '@lezer/highlight',
      // Stake page (lazy): wagmi, viem, and tevm for the practice chain, which needs the npm `events` and `buffer`.
      '@wagmi/core', 'viem', 'viem/accounts', 'viem/chains', '@tevm/memory-client', 'events', 'buffer']
  },
  // PUBLIC_* variables (PUBLIC_SEPOLIA_RPC_URL, PUBLIC_WC_PROJECT_ID…) are inlined into import.meta.env at build time.
  envPrefix: ['VITE_', 'PUBLIC_'],
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/charts/**/*.test.ts', 'contracts/**/*.test.ts'],
    testTimeout: 60_000
  }
});
