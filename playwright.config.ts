import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the real renderer in Debian's Chromium against the real core through the loopback
 * test host (started by e2e/global-setup.ts on a fresh temporary data folder). Never `npx playwright install`:
 * the browser comes from Debian (`apt-get install chromium`).
 */
export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  // The register spec meets first-run setup on the shared host's empty data folder, so it runs before every other
  // spec that signs in there (those set the school up themselves if they ever run alone).
  projects: [
    { name: 'first-run', testMatch: /register\.spec\.ts$/ },
    { name: 'app', testIgnore: /register\.spec\.ts$/, dependencies: ['first-run'] },
  ],
  outputDir: 'test-results',
  use: {
    viewport: { width: 1366, height: 850 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
