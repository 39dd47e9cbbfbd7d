/**
 * Child process for tests/formats/hostile-import.test.ts: imports one file into a library the
 * way the hosts do (read the file, then the `stories:import` channel, or the async import with
 * its worker) and prints one JSON line: the result, the time it took (wall and CPU: the CPU
 * time is what it costs on an idle machine), the peak memory it
 * added, and the library's story and beat counts before and after.
 */
import { basename } from 'node:path';
import { openLibrary } from '../../../electron/core/library';
import { readStoryFile } from '../../../electron/core/formats/story-files';
import { importStoryFileAsync } from '../../../electron/core/formats/import-async';

const [dbPath, filePath, mode] = process.argv.slice(2) as [string, string, 'channel' | 'async'];

const lib = await openLibrary(dbPath, { logError: () => {} });
const counts = () =>
  lib.db
    .prepare(
      'SELECT (SELECT count(*) FROM stories) AS stories, (SELECT count(*) FROM event_moments) AS beats',
    )
    .get() as { stories: number; beats: number };
const before = counts();
const rssBefore = process.resourceUsage().maxRSS;
const cpuBefore = process.cpuUsage();
const started = performance.now();
let result: { ok: boolean; code?: string; message?: string };
try {
  if (mode === 'async') {
    const story = await importStoryFileAsync(lib.db, { path: filePath });
    result = { ok: true, message: `${story.beatCount} beats` };
  } else {
    const file = await readStoryFile(filePath);
    const answer = lib.dispatcher.invoke('stories:import', {
      format: file.format,
      content: file.text,
      fileName: basename(filePath),
    });
    result = answer.ok
      ? { ok: true, message: JSON.stringify(answer.value).slice(0, 200) }
      : { ok: false, code: answer.error.code, message: answer.error.message };
  }
} catch (error) {
  const e = error as { code?: string; message?: string };
  result = { ok: false, code: e.code ?? 'thrown', message: e.message };
}
const ms = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const extraMb = (process.resourceUsage().maxRSS - rssBefore) / 1024;
const after = counts();
lib.close();
process.stdout.write(JSON.stringify({ ...result, ms, cpuMs, extraMb, before, after }) + '\n');
