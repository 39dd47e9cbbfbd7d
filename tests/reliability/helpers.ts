import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { openLibrary } from '../../electron/core/library';
import { must, seedStory } from '../helpers/library';

/** Creates a closed library file holding `stories` stories of 3 events with `beats` beats each. */
export async function seededLibraryFile(
  path: string,
  options: { stories?: number; beats?: number } = {},
): Promise<void> {
  const lib = await openLibrary(path, { logError: () => {} });
  try {
    for (let s = 0; s < (options.stories ?? 2); s++) {
      const shape: Record<string, string[]> = {};
      for (const event of ['Opening', 'Turn', 'Ending']) {
        shape[event] = Array.from({ length: options.beats ?? 4 }, (_, i) => `${event} beat ${i}`);
      }
      seedStory(lib.dispatcher, shape, `Story ${s + 1}`);
    }
  } finally {
    lib.close();
  }
}

/** Story titles and beat count, read straight from the file. */
export function contentsOf(path: string): { titles: string[]; beats: number } {
  const db = new Database(path, { fileMustExist: true });
  try {
    const titles = (
      db.prepare('SELECT title FROM stories ORDER BY title').all() as Array<{
        title: string;
      }>
    ).map((r) => r.title);
    const beats = (db.prepare('SELECT count(*) AS n FROM event_moments').get() as { n: number }).n;
    return { titles, beats };
  } finally {
    db.close();
  }
}

/** Every file in a folder with its bytes, to prove nothing was written, added or removed. */
export function snapshotDir(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isFile()) files.set(name, readFileSync(path));
  }
  return files;
}

export type Damage =
  'truncated_mid_page' | 'truncated_whole_pages' | 'flipped' | 'header' | 'empty';

/** The kind the health check must report for each damage. */
export const EXPECTED_KIND = {
  truncated_mid_page: 'truncated',
  truncated_whole_pages: 'truncated',
  flipped: 'corrupt',
  header: 'not_a_database',
  empty: 'empty',
} as const;

/**
 * Writes a damaged copy of a closed library file:
 * - `truncated_*`: cut in the middle of a page, or after the first half of its pages;
 * - `flipped`: every byte of the b-tree page header and cell pointers of page 2 inverted
 *   (inside a page, not the 100-byte file header);
 * - `header`: the "SQLite format 3" magic overwritten;
 * - `empty`: zero bytes.
 */
export function writeDamagedCopy(source: string, target: string, damage: Damage): void {
  const bytes = Buffer.from(readFileSync(source));
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  const pages = bytes.length / pageSize;
  switch (damage) {
    case 'truncated_mid_page':
      writeFileSync(target, bytes.subarray(0, Math.floor(pages / 2) * pageSize + 1000));
      return;
    case 'truncated_whole_pages':
      writeFileSync(target, bytes.subarray(0, Math.max(1, Math.floor(pages / 2)) * pageSize));
      return;
    case 'flipped':
      for (let i = pageSize; i < pageSize + 24; i++) bytes[i] = bytes[i]! ^ 0xff;
      writeFileSync(target, bytes);
      return;
    case 'header':
      bytes.write('NotSQLite fmt 9\0', 0, 'latin1');
      writeFileSync(target, bytes);
      return;
    case 'empty':
      writeFileSync(target, Buffer.alloc(0));
      return;
  }
}

/** Beat ids per event, in order, for every story. */
export function orderOf(dispatcher: Dispatcher): Record<string, string[][]> {
  const out: Record<string, string[][]> = {};
  for (const story of must(dispatcher.call('stories:list', {}))) {
    const timeline = must(dispatcher.call('stories:load', { storyId: story.id }));
    out[story.title] = timeline.events.map((e) => e.moments.map((m) => m.id));
  }
  return out;
}

const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');

/** Runs the real `beatline` command without blocking, so several can run at once. */
export function runCliAsync(
  args: string[],
  home: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    APPDATA: join(home, 'AppData'),
    BEATLINE_DB: '',
  };
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
