/**
 * One story export in a fresh process, for `npm run bench`: the time and the process's peak
 * memory (max RSS) of exporting through the real `stories:export` handler, apart from
 * everything else the benchmark holds. Prints one JSON line.
 *
 *   tsx bench/export-child.ts DB STORY_ID FORMAT
 */
import { openLibrary } from '../electron/core/library';

const [dbPath, storyId, format] = process.argv.slice(2);
if (!dbPath || !storyId || !format) {
  console.error('usage: tsx bench/export-child.ts DB STORY_ID FORMAT|idle');
  process.exit(2);
}
const lib = await openLibrary(dbPath, { mustExist: true, logError: () => {} });
let ms = 0;
let bytes = 0;
if (format !== 'idle') {
  const started = process.hrtime.bigint();
  const result = lib.dispatcher.invoke('stories:export', { storyId, format });
  ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!result.ok) throw new Error(`stories:export: ${result.error.message}`);
  bytes = (result.value as { content: string }).content.length;
}
lib.close();
console.log(
  JSON.stringify({ ms, bytes, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }),
);
