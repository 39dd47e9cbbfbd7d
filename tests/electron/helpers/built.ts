import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
export const builtMain = join(repoRoot, 'out', 'main', 'index.js');
export const builtPreload = join(repoRoot, 'out', 'preload', 'index.cjs');
export const builtRenderer = join(repoRoot, 'out', 'renderer', 'index.html');

/** The newest modification time of any file under `dir` (0 when it does not exist). */
function newestMtime(dir: string): { mtimeMs: number; file: string } {
  let newest = { mtimeMs: 0, file: '' };
  if (!existsSync(dir)) return newest;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { mtimeMs, file };
  }
  return newest;
}

/**
 * Fails with a clear message when a bundle is missing or older than the sources it is built
 * from. `npm test` builds first; run `npx electron-vite build` before a bare `npx vitest`.
 */
export function assertBuilt(bundle: string, sourceDirs: string[]): void {
  const name = relative(repoRoot, bundle);
  if (!existsSync(bundle)) {
    throw new Error(
      `${name} is missing: build first with \`npx electron-vite build\` (npm test does this).`,
    );
  }
  const built = statSync(bundle).mtimeMs;
  for (const dir of sourceDirs) {
    const newest = newestMtime(join(repoRoot, dir));
    if (newest.mtimeMs > built) {
      throw new Error(
        `${name} is older than ${relative(repoRoot, newest.file)}: rebuild with \`npx electron-vite build\` (npm test does this).`,
      );
    }
  }
}
