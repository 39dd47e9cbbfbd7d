// The cost of the file-identity check a library makes around each write (issue 13): one
// statSync of the library path compared with the device and inode taken at open. Run with
// `npx tsx bench/file-identity.ts`; it prints wall and CPU microseconds per check and, for
// scale, the wall time of a one-row edit through the dispatcher (synchronous=FULL).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileIdAt } from '../electron/core/db/open';
import { openLibrary } from '../electron/core/library';

const dir = mkdtempSync(join(tmpdir(), 'beatline-file-identity-'));
const path = join(dir, 'lib.db');
const lib = await openLibrary(path, { logError: () => {} });
try {
  const opened = fileIdAt(path)!;
  const check = () => {
    const now = fileIdAt(path);
    return now !== null && now.dev === opened.dev && now.ino === opened.ino;
  };
  for (let i = 0; i < 20_000; i++) check();
  const n = 200_000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < n; i++) if (!check()) throw new Error('the file moved');
  const wallUs = ((performance.now() - started) * 1000) / n;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / n;
  const story = lib.dispatcher.call('stories:create', { title: 'Bench' });
  if (!story.ok) throw new Error(story.error.message);
  const edits = 200;
  const editStart = performance.now();
  for (let i = 0; i < edits; i++) {
    lib.dispatcher.call('stories:update', { storyId: story.value.id, title: `Bench ${i}` });
  }
  const editUs = ((performance.now() - editStart) * 1000) / edits;
  console.log(
    `file identity check: ${wallUs.toFixed(2)} µs wall, ${cpuUs.toFixed(2)} µs CPU per check ` +
      `(2 per write); a one-row edit: ${editUs.toFixed(0)} µs wall`,
  );
} finally {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
}
