import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

/**
 * Where the screenshot tests write their pictures: docs/screenshots/ only under
 * `npm run screenshots` (BEATLINE_SCREENSHOTS=1), so `npm test` never changes a tracked file;
 * otherwise .test-output/screenshots/, which git ignores.
 */
export function screenshotsDir(): string {
  const dir =
    process.env.BEATLINE_SCREENSHOTS === '1'
      ? resolve(repo, 'docs', 'screenshots')
      : resolve(repo, '.test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  return dir;
}
