/**
 * `npx tsx bench/edits.ts [beats]`: only the edit rows of `npm run bench` (timed the same way,
 * each call after a bare one-row commit on the same file) plus the WAL pages each edit kind
 * writes, for one story size (default 10,000 beats: the long-event edits need 10,000). Quick
 * enough to run two versions of the code one after the other on a busy machine.
 */
import { statSync } from 'node:fs';
import { openEditBench } from './edit-library';
import { fmt, summarize, timeInterleaved } from './stats';

const BEATS = Number(process.argv[2] ?? 10_000);
const REPS = Number(process.env.BENCH_REPS ?? 300);
const WARMUP = 50;
const FRAME_COUNT_REPS = 200;

// EDITS_SYNC=OFF: no fsync, so the figures show each edit's CPU cost alone.
const { lib, gen, pick, call, beatIds, bump, close } = await openEditBench(
  BEATS,
  `Edits ${BEATS}`,
  process.env.EDITS_SYNC,
);
const { db } = lib;
/**
 * WAL frames one call of `fn` appends, on average (no checkpoint runs: no turn between), and
 * the process's CPU time per call (user + system): steadier than the clock on a busy machine.
 */
function framesPerCall(fn: (i: number) => void): { frames: number; cpuUs: number } {
  db.pragma('wal_checkpoint(TRUNCATE)');
  const cpu = process.cpuUsage();
  for (let i = 0; i < FRAME_COUNT_REPS; i++) fn(REPS + i);
  const used = process.cpuUsage(cpu);
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const frames = (statSync(`${lib.path}-wal`).size - 32) / (pageSize + 24);
  return { frames: frames / FRAME_COUNT_REPS, cpuUs: (used.user + used.system) / FRAME_COUNT_REPS };
}

const rows: Array<Record<string, string>> = [];
/** Times `fn` with a bare commit before each call, as bench/run.ts does; then counts frames. */
async function edit(name: string, fn: (i: number) => void): Promise<void> {
  const { op, bare } = await timeInterleaved(REPS, WARMUP, bump, fn);
  const o = summarize(op);
  const b = summarize(bare);
  const { frames, cpuUs } = framesPerCall(fn);
  rows.push({
    edit: name,
    'p50 ms': fmt(o.p50),
    'bare p50 ms': fmt(b.p50),
    'x bare': (o.p50 / b.p50).toFixed(2),
    'p99 ms': fmt(o.p99),
    'WAL pages': frames.toFixed(2),
    'CPU us': cpuUs.toFixed(0),
  });
}

const created: string[] = [];
const create = (eventId: string, beforeMomentId?: string) => {
  const m = call('moments:create', { eventId, description: 'A new beat', beforeMomentId }) as {
    id: string;
  };
  created.push(m.id);
};
await edit('create', () => create(pick(gen.smallEvents)));
const all = gen.smallEvents.slice(0, 50).flatMap(beatIds);
await edit('update', (i) =>
  call('moments:update', { momentId: pick(all), description: `Revised beat ${i}` }),
);
const moveWithin = (eventId: string, beats: readonly string[]) => {
  const momentId = pick(beats);
  const before = pick(beats);
  return { momentId, toEventId: eventId, beforeMomentId: before === momentId ? null : before };
};
const small = gen.smallEvents[0]!;
const smallBeats = beatIds(small);
await edit('move within event', () => call('moments:move', moveWithin(small, smallBeats)));
await edit('move across events', () =>
  call('moments:move', {
    momentId: pick(created),
    toEventId: pick(gen.smallEvents),
    beforeMomentId: null,
  }),
);
if (gen.bigEvent) {
  const bigBeats = beatIds(gen.bigEvent);
  await edit('create in long event', () => create(gen.bigEvent!, pick(bigBeats)));
  await edit('move within long event', () =>
    call('moments:move', moveWithin(gen.bigEvent!, bigBeats)),
  );
}
let next = 0;
await edit('delete', () => call('moments:delete', { momentId: created[next++]! }));

console.log(`${gen.beats.toLocaleString('en')} beats, ${REPS} timed calls per edit`);
console.table(rows);
close();
