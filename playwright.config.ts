import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.js';

// End-to-end tests run against the production build (`vite preview`); PW_SERVER=dev uses `vite dev`.
const dev = process.env.PW_SERVER === 'dev';
// PW_PORT lets a second checkout run its own server beside another one
const port = Number(process.env.PW_PORT ?? (dev ? 5173 : 4173));

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS }
  },
  webServer: {
    command: dev
      ? `npx vite dev --host 127.0.0.1 --port ${port} --strictPort`
      : `npm run build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 300_000
  }
});
