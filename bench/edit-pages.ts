/**
 * `npx tsx bench/edit-pages.ts [beats] [edits]`: where an edit's WAL pages go. For each edit kind,
 * runs `edits` calls through the real channels after a checkpoint, then reads the -wal file:
 * pages written per call, split by the B-tree (table or index) each page belongs to, and the
 * process's CPU time per call (with fsync's unless EDIT_PAGES_SYNC=OFF). The story's history is
 * first filled to its bound, as in a long session. Pages are deterministic but for the ids'
 * randomness; no timing, so it runs on a busy VM.
 */
import { openEditBench } from './edit-library';
import { walPages } from './wal-pages';

const BEATS = Number(process.argv[2] ?? 10_000);
const EDITS = Number(process.argv[3] ?? 500);

// EDIT_PAGES_SYNC=OFF: no fsync, so the CPU figures show each edit's own work.
const { lib, gen, pick, call, beatIds, bump, close } = await openEditBench(
  BEATS,
  `Edit pages ${BEATS}`,
  process.env.EDIT_PAGES_SYNC,
);
const { db } = lib;

const report: Array<Record<string, string | number>> = [];
function measure(name: string, fn: (i: number) => void): void {
  for (let i = 0; i < 20; i++) fn(-1 - i); // warm statements and the capture's triggers
  db.pragma('wal_checkpoint(TRUNCATE)');
  const cpu = process.cpuUsage();
  for (let i = 0; i < EDITS; i++) fn(i);
  const used = process.cpuUsage(cpu);
  const { frames, commits, byTree } = walPages(db, `${lib.path}-wal`);
  const row: Record<string, string | number> = {
    edit: name,
    'pages/edit': (frames / EDITS).toFixed(2),
    'CPU us/edit': ((used.user + used.system) / EDITS).toFixed(0),
    commits,
  };
  for (const [tree, n] of [...byTree].sort((a, b) => b[1] - a[1]))
    row[tree] = (n / EDITS).toFixed(2);
  report.push(row);
}

const created: string[] = [];
const create = (eventId: string, beforeMomentId?: string) => {
  const m = call('moments:create', { eventId, description: 'A new beat', beforeMomentId }) as {
    id: string;
  };
  created.push(m.id);
};
// Long sessions: the story's history is at its bound (1,000 steps), so each step also prunes.
const warmBeats = beatIds(gen.smallEvents[0]!);
for (let i = 0; i < 1100; i++) {
  call('moments:update', { momentId: pick(warmBeats), description: `Warm ${i}` });
}
measure('bare commit', bump);
measure('create', () => create(pick(gen.smallEvents)));
const all = gen.smallEvents.slice(0, 50).flatMap(beatIds);
measure('update', (i) =>
  call('moments:update', { momentId: pick(all), description: `Revised beat ${i}` }),
);
const small = gen.smallEvents[0]!;
const smallBeats = beatIds(small);
measure('move within event', () => {
  const momentId = pick(smallBeats);
  const before = pick(smallBeats);
  call('moments:move', {
    momentId,
    toEventId: small,
    beforeMomentId: before === momentId ? null : before,
  });
});
measure('move across events', () =>
  call('moments:move', {
    momentId: pick(created),
    toEventId: pick(gen.smallEvents),
    beforeMomentId: null,
  }),
);
let next = 0;
measure('delete', () => call('moments:delete', { momentId: created[next++]! }));

console.log(`${gen.beats.toLocaleString('en')} beats, ${EDITS} calls per edit kind`);
for (const r of report) console.log(JSON.stringify(r));
close();
