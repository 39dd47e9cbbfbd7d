import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The built renderer (out/renderer) the e2e fixtures and `npm run bench:ui` serve. */
export const repoRoot = resolve(import.meta.dirname, '..');
export const builtRendererDir = join(repoRoot, 'out', 'renderer');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when out/renderer exists and is newer than the renderer's sources and the contract. */
export function rendererIsFresh(): boolean {
  const index = join(builtRendererDir, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(
    newestMtime(join(repoRoot, 'renderer')),
    newestMtime(join(repoRoot, 'electron', 'core', 'contract')),
  );
  return statSync(index).mtimeMs >= sources;
}

/** Runs `electron-vite build`; throws with its output when it fails. */
export function buildRenderer(options: { quiet?: boolean } = {}): void {
  const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: options.quiet ? 'pipe' : 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) {
    throw new Error(`electron-vite build failed:\n${build.stdout ?? ''}\n${build.stderr ?? ''}`);
  }
}
