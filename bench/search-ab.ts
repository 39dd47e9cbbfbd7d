/**
 * `npx tsx bench/search-ab.ts <other checkout> [languages] [rounds]`: search at 100,000 beats
 * with this checkout's code against another's (e.g. `git worktree add /tmp/base main`, its
 * node_modules linked), on the same library file in one process, each query run by the two in
 * turn (the order swapped every round), so a busy machine slows both alike. Per language (default
 * all: english, french, russian, greek, german): each keystroke of its typed query (p99) and
 * its query found nowhere (p50), as `npm run bench` measures them, but in CPU time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openLibrary } from '../electron/core/library';
import type * as SearchModule from '../electron/core/search';
import { english, french, generateStory, german, greek, russian } from './generate';
import { fmt, summarize } from './stats';

const other = process.argv[2];
if (!other) throw new Error('usage: npx tsx bench/search-ab.ts <other checkout> [languages]');
const LANGUAGES = (process.argv[3] ?? 'english,french,russian,greek,german').split(',');
const ROUNDS = Number(process.argv[4] ?? 5);

/** Each language's beat, typed query (its prefixes are the keystrokes) and query found nowhere. */
const CASES: Record<string, { sentence: (i: number) => string; typed: string; miss: string }> = {
  english: { sentence: english, typed: 'gate at dawn', miss: 'no such words' },
  french: { sentence: french, typed: "porte à l'aube", miss: 'Élodie à minuit' },
  russian: { sentence: russian, typed: 'ворот на рассвете', miss: 'Элоди в полночь' },
  greek: { sentence: greek, typed: 'πύλη την αυγή', miss: 'Ελοντί τα μεσάνυχτα' },
  german: { sentence: german, typed: 'große Tor bei Tagesanbruch', miss: 'süß' },
};

type Search = typeof SearchModule.searchMoments;
const load = async (root: string) =>
  ((await import(join(root, 'electron/core/search.ts'))) as typeof SearchModule).searchMoments;
const sides: Search[] = [
  await load(resolve(import.meta.dirname, '..')),
  await load(resolve(other)),
];

const dir = mkdtempSync(join(tmpdir(), 'beatline-search-ab-'));
const lib = await openLibrary(join(dir, 'ab.db'), { logError: () => {} });
/** The CPU time of `fn` in ms: on a shared machine, wall time counts the other processes too. */
const ms = (fn: () => void) => {
  const t = process.cpuUsage();
  fn();
  const used = process.cpuUsage(t);
  return (used.user + used.system) / 1000;
};
for (const name of LANGUAGES) {
  const c = CASES[name]!;
  const story = generateStory(lib.db, 100_000, name, c.sentence).storyId;
  lib.checkpoint();
  const queries = [...c.typed].map((_, i) => c.typed.slice(0, i + 1));
  const keys: number[][] = [[], []];
  const miss: number[][] = [[], []];
  for (let round = -1; round < ROUNDS; round++) {
    for (const s of round % 2 === 0 ? [0, 1] : [1, 0]) {
      const run = (q: string) => ms(() => sides[s]!(lib.db, story, q, 200));
      const k = queries.map(run);
      const m = [0, 1, 2].map(() => run(c.miss));
      if (round < 0) continue; // warm-up
      keys[s]!.push(...k);
      miss[s]!.push(...m);
    }
  }
  const line = (s: number) =>
    `keystrokes p99 ${fmt(summarize(keys[s]!).p99)} ms, miss p50 ${fmt(summarize(miss[s]!).p50)} ms`;
  console.log(`${name.padEnd(8)} this: ${line(0)} | other: ${line(1)}`);
}
lib.close();
rmSync(dir, { recursive: true, force: true });
