import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { buildRenderer, builtRendererDir, repoRoot, rendererIsFresh } from '../renderer-build';

/**
 * Builds the renderer when out/renderer is missing or older than its sources. Workers take a
 * directory lock so only one builds while the others wait.
 */
function ensureRendererBuilt(): void {
  if (rendererIsFresh()) return;
  const lockDir = join(repoRoot, '.test-output', 'renderer-build.lock');
  mkdirSync(join(repoRoot, '.test-output'), { recursive: true });
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir}`);
      if (Date.now() - statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs > 120_000) {
        rmSync(lockDir, { recursive: true, force: true });
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
  }
  try {
    if (rendererIsFresh()) return;
    buildRenderer({ quiet: true });
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** True when a copy of the built renderer has its page and every asset the page names. */
function completeBuild(dir: string): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  const assets = [...readFileSync(index, 'utf8').matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)];
  return assets.length > 0 && assets.every((m) => existsSync(join(dir, m[1]!)));
}

/**
 * A private copy of the built renderer for this worker, so that a rebuild of out/ by another
 * process (npm test, a developer) cannot pull files away from under a running test.
 */
function copyRenderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-renderer-'));
  for (let attempt = 0; attempt < 20; attempt += 1) {
    rmSync(dir, { recursive: true, force: true });
    try {
      cpSync(builtRendererDir, dir, { recursive: true });
      if (completeBuild(dir)) return dir;
    } catch {
      // out/renderer is being rewritten; try again shortly.
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    ensureRendererBuilt();
  }
  throw new Error('Could not copy a complete renderer build from out/renderer.');
}

export interface BeatlineHost extends WebHost {
  /** The SQLite file this test's host serves. */
  dbPath: string;
}

interface Fixtures {
  /** Console errors a test expects (a refused request logs one); anything else fails it. */
  expectedConsoleErrors: RegExp[];
  /** A browser host on a fresh database, started in this process. */
  host: BeatlineHost;
  /** The page, opened on the host's address (with its token). */
  app: Page;
}

export const test = base.extend<Fixtures, { rendererDir: string }>({
  rendererDir: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      ensureRendererBuilt();
      const dir = copyRenderer();
      await use(dir);
      rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],

  expectedConsoleErrors: [[], { option: true }],

  host: async ({ rendererDir }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'beatline-e2e-'));
    const dbPath = join(dir, 'library.db');
    const host = await startWebHost({ dbPath, rendererDir });
    try {
      await use({ ...host, dbPath });
    } finally {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },

  app: async ({ page, host, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      if (expectedConsoleErrors.some((re) => re.test(msg.text()))) return;
      problems.push(`console error: ${msg.text()}`);
    });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: 'Your stories' })).toBeVisible();
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
});

export { expect };
