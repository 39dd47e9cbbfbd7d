import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../../electron/web/server';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const builtIndex = join(repoRoot, 'out', 'renderer', 'index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function rendererIsFresh(): boolean {
  if (!existsSync(builtIndex)) return false;
  const sources = Math.max(
    newestMtime(join(repoRoot, 'renderer')),
    newestMtime(join(repoRoot, 'electron', 'core', 'contract')),
  );
  return statSync(builtIndex).mtimeMs >= sources;
}

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
    const build = spawnSync('npx', ['electron-vite', 'build'], {
      cwd: repoRoot,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (build.status !== 0) {
      throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
    }
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
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

export const test = base.extend<Fixtures, { rendererBuild: void }>({
  rendererBuild: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      ensureRendererBuilt();
      await use();
    },
    { scope: 'worker', auto: true },
  ],

  expectedConsoleErrors: [[], { option: true }],

  // eslint-disable-next-line no-empty-pattern
  host: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'beatline-e2e-'));
    const dbPath = join(dir, 'library.db');
    const host = await startWebHost({ dbPath });
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
