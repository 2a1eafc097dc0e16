#!/usr/bin/env node
// Runs every test suite (Vitest: unit, integration, contracts on anvil; Playwright: end to end in
// Debian's Chromium) and ends with one plain line: "N passed, N failed".
// Usage: npm test            (all suites)
//        npm test -- types | unit | e2e   (only svelte-check, only Vitest, only Playwright)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { CHROMIUM } from '../chromium.js';

const only = process.argv[2];
const out = '.cache/test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

if (!only || only === 'types') {
  // The type check counts as one test: svelte-check over the app, the worker and the engine (TypeScript strict).
  const code = run('npx', ['svelte-kit', 'sync']) || run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']);
  if (code === 0) passed += 1;
  else {
    console.error('svelte-check found type errors (see above).');
    failed += 1;
  }
}

if (!only || only === 'unit') {
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}/vitest.json`]);
  if (existsSync(`${out}/vitest.json`)) {
    const r = JSON.parse(readFileSync(`${out}/vitest.json`, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    // a suite that fails to load has no tests to count: count it as a failure
    failed += r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  } else if (code !== 0) failed += 1;
}

if (!only || only === 'e2e') {
  if (!existsSync(CHROMIUM)) {
    console.error(`\nEnd-to-end tests need Chromium at ${CHROMIUM}. On Debian: sudo apt-get install -y chromium` +
      ` (or set CHROMIUM_PATH).`);
    failed += 1;
  } else {
    const code = run('npx', ['playwright', 'test', '--reporter=list,json'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`
    });
    if (existsSync(`${out}/playwright.json`)) {
      const r = JSON.parse(readFileSync(`${out}/playwright.json`, 'utf8'));
      passed += r.stats.expected + r.stats.flaky;
      failed += r.stats.unexpected;
      skipped += r.stats.skipped;
      if (r.errors?.length && r.stats.unexpected === 0) failed += r.errors.length;
    } else if (code !== 0) failed += 1;
  }
}

if (skipped) console.log(`${skipped} skipped`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
