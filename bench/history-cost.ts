/**
 * `npx tsx bench/history-cost.ts`: what recording undo history adds to an edit. On a real
 * library file with the production pragmas (synchronous=FULL), each edit kind is timed three
 * ways, interleaved call by call so the VM's fsync drift hits all three alike: a bare one-row
 * commit, the edit's data-layer call in its own transaction without history, and the channel
 * (with its history step in the same transaction). Not part of `npm test`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary } from '../electron/core/library';
import { createMoment, moveMoment, updateMoment } from '../electron/core/moments';
import { generateStory } from './generate';
import { fmt, prng, summarize, turn } from './stats';

const REPS = Number(process.env.BENCH_REPS ?? 300);
const WARMUP = 50;

const dir = mkdtempSync(join(tmpdir(), 'beatline-history-cost-'));
const lib = await openLibrary(join(dir, 'beatline.db'));
const { db, dispatcher } = lib;
const gen = generateStory(db, 2000, 'History cost');
lib.checkpoint();
// HISTORY_COST_SYNC=OFF: no fsync, so the figures show the CPU cost of recording alone.
if (process.env.HISTORY_COST_SYNC) db.pragma(`synchronous = ${process.env.HISTORY_COST_SYNC}`);
const rand = prng(7);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const beats = gen.smallEvents.flatMap(
  (eventId) =>
    db
      .prepare('SELECT moment_uuid FROM event_moments WHERE event_uuid = ?')
      .pluck()
      .all(eventId) as string[],
);
const firstEvent = gen.smallEvents[0]!;
const firstBeats = db
  .prepare('SELECT moment_uuid FROM event_moments WHERE event_uuid = ?')
  .pluck()
  .all(firstEvent) as string[];
/** A beat of the first event moved before another of its beats (or to its end). */
function moveWithin(): [string, { toEventId: string; beforeMomentId: string | null }] {
  const momentId = pick(firstBeats);
  const before = pick(firstBeats);
  return [momentId, { toEventId: firstEvent, beforeMomentId: before === momentId ? null : before }];
}

db.exec('CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, n INTEGER)');
db.prepare('INSERT OR REPLACE INTO bench_floor VALUES (1, 0)').run();
const bump = db.prepare('UPDATE bench_floor SET n = n + 1 WHERE id = 1');
const bare = () => bump.run();

function call(channel: string, input: unknown): void {
  const r = dispatcher.invoke(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
}

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

async function compare(name: string, plain: (i: number) => void, recorded: (i: number) => void) {
  const samples = { bare: [] as number[], plain: [] as number[], recorded: [] as number[] };
  for (let i = -WARMUP; i < REPS; i++) {
    for (const [kind, fn] of [
      ['bare', bare],
      ['plain', () => db.transaction(() => plain(i)).immediate()],
      ['recorded', () => recorded(i)],
    ] as const) {
      const t = process.hrtime.bigint();
      fn();
      const ms = since(t);
      await turn();
      if (i >= 0) samples[kind].push(ms);
    }
  }
  const [b, p, r] = [
    summarize(samples.bare),
    summarize(samples.plain),
    summarize(samples.recorded),
  ];
  console.log(
    `${name.padEnd(28)} bare ${fmt(b.p50)}  no history ${fmt(p.p50)}  with history ${fmt(r.p50)} ms p50` +
      `  (x bare ${(r.p50 / b.p50).toFixed(2)}, x no-history ${(r.p50 / p.p50).toFixed(2)}; p99 ${fmt(r.p99)})`,
  );
}

await compare(
  'edit beat text (new step)',
  (i) => updateMoment(db, pick(beats), { description: `Plain ${i}` }),
  (i) => call('moments:update', { momentId: pick(beats), description: `Recorded ${i}` }),
);
const typed = pick(beats);
await compare(
  'typing in one beat (merges)',
  (i) => updateMoment(db, typed, { description: `Plain typing ${i}` }),
  (i) => call('moments:update', { momentId: typed, description: `Recorded typing ${i}` }),
);
await compare(
  'add beat',
  () => createMoment(db, { eventId: pick(gen.smallEvents), description: 'A new beat' }),
  () => call('moments:create', { eventId: pick(gen.smallEvents), description: 'A new beat' }),
);
await compare(
  'move beat within event',
  () => moveMoment(db, ...moveWithin()),
  () => {
    const [momentId, target] = moveWithin();
    call('moments:move', { momentId, ...target });
  },
);
const rows = db
  .prepare('SELECT count(*) AS n, sum(length(undo_ops)) AS bytes FROM history_steps')
  .get() as {
  n: number;
  bytes: number;
};
console.log(
  `history: ${rows.n} steps, ${Math.round(rows.bytes / rows.n)} bytes of undo ops per step on average`,
);
lib.close();
rmSync(dir, { recursive: true, force: true });
