import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, systemChromium } from './e2e/chromium';

export default defineConfig({
  testDir: 'e2e',
  outputDir: '.test-output/playwright',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright-results.json' }]],
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: systemChromium,
          args: CHROMIUM_ARGS,
        },
      },
    },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
});
