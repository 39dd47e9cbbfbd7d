/**
 * `npx tsx bench/edits-ab.ts <other checkout> [kinds] [rounds] [block]`: CPU time and WAL pages
 * per edit of this checkout's code against another's (e.g. `git worktree add /tmp/base main`,
 * its node_modules linked), in one process: blocks of `block` edits alternate between the two
 * libraries, so a busy machine slows both alike. Prints medians of the blocks' CPU per edit and
 * the median of their ratios. Kinds: bare, create, update, move (default: all but bare).
 * synchronous=OFF unless AB_SYNC is set: the CPU is the edit's own, without fsync's.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type * as LibraryModule from '../electron/core/library';
import type { Library } from '../electron/core/library';
import type * as GenerateModule from './generate';
import { prng } from './stats';

const other = process.argv[2];
if (!other)
  throw new Error('usage: npx tsx bench/edits-ab.ts <other checkout> [kinds] [rounds] [block]');
const KINDS = (process.argv[3] ?? 'create,update,move').split(',');
const ROUNDS = Number(process.argv[4] ?? 40);
const BLOCK = Number(process.argv[5] ?? 64); // the count prune runs every 64 steps

interface Side {
  lib: Library;
  dir: string;
  edits: Record<string, (i: number) => void>;
}

async function side(root: string): Promise<Side> {
  const { openLibrary } = (await import(
    join(root, 'electron/core/library.ts')
  )) as typeof LibraryModule;
  const { generateStory } = (await import(
    join(root, 'bench/generate.ts')
  )) as typeof GenerateModule;
  const dir = mkdtempSync(join(tmpdir(), 'beatline-edits-ab-'));
  const lib = await openLibrary(join(dir, 'ab.db'), { logError: () => {} });
  const gen = generateStory(lib.db, 10_000, 'A/B');
  lib.checkpoint();
  lib.db.pragma(`synchronous = ${process.env.AB_SYNC ?? 'OFF'}`);
  const call = (channel: string, input: unknown) => {
    const r = lib.dispatcher.invoke(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.value as Array<{ id: string }>;
  };
  const event = gen.smallEvents[0]!;
  const beats = call('moments:list', { eventId: event }).map((m) => m.id);
  const rand = prng(7); // both sides make the same calls
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  lib.db.exec('CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, n INTEGER)');
  lib.db.exec('INSERT INTO bench_floor VALUES (1, 0)');
  const bump = lib.db.prepare('UPDATE bench_floor SET n = n + 1 WHERE id = 1');
  const edits: Side['edits'] = {
    bare: () => bump.run(),
    create: () =>
      call('moments:create', { eventId: pick(gen.smallEvents), description: 'A new beat' }),
    update: (i) => call('moments:update', { momentId: pick(beats), description: `Revised ${i}` }),
    move: () => {
      const [momentId, before] = [pick(beats), pick(beats)];
      call('moments:move', {
        momentId,
        toEventId: event,
        beforeMomentId: before === momentId ? null : before,
      });
    },
  };
  return { lib, dir, edits };
}

const sides = [await side(resolve(import.meta.dirname, '..')), await side(resolve(other))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
let n = 0;
/** One block of edits on one side: CPU µs and WAL pages per edit (the log emptied first). */
function block(s: Side, kind: string): { cpu: number; pages: number } {
  const checkpoint = () => s.lib.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>;
  checkpoint();
  const cpu = process.cpuUsage();
  for (let i = 0; i < BLOCK; i++) s.edits[kind]!(n++);
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / BLOCK, pages: checkpoint()[0]!.log / BLOCK };
}
for (const kind of KINDS) {
  for (let i = 0; i < 3; i++) for (const s of sides) block(s, kind);
  const runs = sides.map(() => [] as Array<{ cpu: number; pages: number }>);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) runs[i]!.push(block(sides[i]!, kind));
  }
  const [self, base] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const cpu = (r: typeof self) => median(r.map((b) => b.cpu)).toFixed(1);
  const pages = (r: typeof self) => (r.reduce((a, b) => a + b.pages, 0) / r.length).toFixed(2);
  const ratio = median(self.map((b, i) => b.cpu / base[i]!.cpu)).toFixed(3);
  console.log(
    `${kind.padEnd(7)} CPU µs/edit: other ${cpu(base)}, this ${cpu(self)} (median ratio ${ratio}); ` +
      `WAL pages/edit: other ${pages(base)}, this ${pages(self)}`,
  );
}
for (const s of sides) {
  s.lib.close();
  rmSync(s.dir, { recursive: true, force: true });
}
