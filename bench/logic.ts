// The logic layer's speed (issue 14): a beat move with its incremental story check, in a
// 100,000-beat story with and without 10,000 links, and the whole-story check. Part of
// `npm run bench`; `npm run bench -- logic` runs only this part (bench/run.ts), and
// `npx tsx bench/logic.ts [beats] [links]` runs it at another size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkKind } from '../electron/core/contract/types';
import { openLibrary, type Library } from '../electron/core/library';
import { createLink } from '../electron/core/links';
import { problemsInScope } from '../electron/core/logic/incremental';
import { generateStory, type GeneratedStory } from './generate';
import { countBeatRowWrites } from './row-writes';
import { fmt, prng, summarize, timeAsync, time, type Summary } from './stats';
import { printTargets, type TargetRow } from './targets';

export interface LogicFigures {
  beats: number;
  links: number;
  /** Beat moves (dispatcher, synchronous=FULL) in a story of the same shape without links. */
  moveWithoutLinks: Summary;
  /** Beat moves in the story with the links, alternating with the ones above. */
  moveWithLinks: Summary;
  /** Moves of beats that have a link, so the check reads and compares links every time. */
  moveLinkedBeat: Summary;
  /** Beat rows those moves wrote, per move (the check reads; it writes nothing). */
  rowsPerLinkedMove: number;
  /** The incremental check's reads alone (one beat's links, before or after a move). */
  scopeUnlinkedBeat: Summary;
  scopeLinkedBeat: Summary;
  /** `stories:check` on the whole story, wall clock and this process's CPU time. */
  wholeCheck: Summary;
  wholeCheckCpu: Summary;
  /** A fixed loop of 10^7 additions: how busy the machine was (about 10 ms when idle). */
  calibrationMs: number;
}

export const LOGIC_TARGETS = { moveOverheadP50Ms: 0.1, wholeCheckP50Ms: 100 } as const;

/** Moves per story: a 0.1 ms difference of medians of fsync-bound moves needs thousands. */
const MOVES = 4_000;

/** The ids of every beat in the story's small events. */
export function smallEventBeats(lib: Library, gen: GeneratedStory): string[] {
  const q = lib.db
    .prepare('SELECT moment_uuid FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index')
    .pluck();
  return gen.smallEvents.flatMap((e) => q.all(e) as string[]);
}

/** One random beat move to the end of a random small event. */
function move(lib: Library, gen: GeneratedStory, momentId: string, rand: () => number): void {
  const eventId = gen.smallEvents[Math.floor(rand() * gen.smallEvents.length)]!;
  const result = lib.dispatcher.invoke('moments:move', {
    momentId,
    toEventId: eventId,
    beforeMomentId: null,
  });
  if (!result.ok) throw new Error(result.error.message);
}

/**
 * Links `count` random pairs of beats. `causes` and `precedes` links point forward in reading
 * order (story time starts equal to it), so they never close a loop.
 */
export function addLinks(lib: Library, all: string[], count: number, seed: number): string[] {
  const rand = prng(seed);
  const kinds: LinkKind[] = ['causes', 'sets_up', 'precedes'];
  const linked = new Set<string>();
  lib.db.transaction(() => {
    let made = 0;
    while (made < count) {
      const a = Math.floor(rand() * all.length);
      const b = Math.floor(rand() * all.length);
      if (a === b) continue;
      const [from, to] = a < b ? [all[a]!, all[b]!] : [all[b]!, all[a]!];
      try {
        createLink(lib.db, {
          fromMomentId: from,
          toMomentId: to,
          kind: kinds[made % 3]!,
          strength: rand() < 0.5 ? 'hard' : 'soft',
        });
      } catch {
        continue; // a duplicate: pick again
      }
      linked.add(from).add(to);
      made++;
    }
  })();
  return [...linked];
}

function calibrate(): number {
  const t = performance.now();
  let x = 0;
  for (let i = 0; i < 1e7; i++) x += i % 7;
  return x > 0 ? performance.now() - t : 0;
}

/**
 * Builds two stories of `beats` beats in `dir`, links one of them, and measures: moves in the
 * two alternate, so the machine's load and the disk's flushes weigh on both alike.
 */
export async function runLogicBench(
  dir: string,
  beats = 100_000,
  links = 10_000,
): Promise<LogicFigures> {
  const lib = await openLibrary(join(dir, 'bench-logic.db'), {});
  try {
    const linkedStory = generateStory(lib.db, beats, 'Logic bench, linked');
    const plainStory = generateStory(lib.db, beats, 'Logic bench, no links');
    const linkedBeats = smallEventBeats(lib, linkedStory);
    const plainBeats = smallEventBeats(lib, plainStory);
    const linked = addLinks(lib, linkedBeats, links, 2);
    const rand = prng(1);
    const pick = (ids: string[]) => ids[Math.floor(rand() * ids.length)]!;
    const withLinks: number[] = [];
    const without: number[] = [];
    // The two stories take turns; which one goes first swaps halfway, so neither is always
    // the one that follows the other's write (and its checkpoint).
    await timeAsync(MOVES, (i) => {
      const linkedTurn = (i % 2 === 0) === i < MOVES / 2;
      const t = process.hrtime.bigint();
      if (linkedTurn) move(lib, linkedStory, pick(linkedBeats), rand);
      else move(lib, plainStory, pick(plainBeats), rand);
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (i >= 0) (linkedTurn ? withLinks : without).push(ms);
    });
    const rowsWritten = countBeatRowWrites(lib);
    const moveLinkedBeat = summarize(
      await timeAsync(MOVES / 2, () => move(lib, linkedStory, pick(linked), rand)),
    );
    const rowsPerLinkedMove = rowsWritten() / (MOVES / 2 + 3); // timeAsync warms up with 3
    const scope = (ids: string[]) =>
      summarize(
        lib.db.transaction(() =>
          time(MOVES, () => problemsInScope(lib.db, { momentIds: [pick(ids)] }), 50),
        )(),
      );
    const linkedSet = new Set(linked);
    const scopeUnlinkedBeat = scope(linkedBeats.filter((id) => !linkedSet.has(id)));
    const scopeLinkedBeat = scope(linked);
    const cpu: number[] = [];
    const wholeCheck = summarize(
      time(15, () => {
        const before = process.cpuUsage();
        const r = lib.dispatcher.invoke('stories:check', { storyId: linkedStory.storyId });
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
        if (!r.ok) throw new Error(r.error.message);
      }),
    );
    return {
      beats: linkedStory.beats,
      links,
      moveWithoutLinks: summarize(without),
      moveWithLinks: summarize(withLinks),
      moveLinkedBeat,
      rowsPerLinkedMove,
      scopeUnlinkedBeat,
      scopeLinkedBeat,
      wholeCheck,
      wholeCheckCpu: summarize(cpu.slice(3)),
      calibrationMs: calibrate(),
    };
  } finally {
    lib.close();
  }
}

/** Prints the figures (the targets are in `logicTargets`). */
export function printLogicFigures(f: LogicFigures): void {
  const row = (name: string, s: Summary) =>
    console.log(`  ${name.padEnd(34)} p50 ${fmt(s.p50)} ms  p99 ${fmt(s.p99)} ms`);
  console.log(`Logic layer: ${f.beats} beats, ${f.links} links (synchronous=FULL)`);
  row('beat move, no links in the story', f.moveWithoutLinks);
  row('beat move, with the links', f.moveWithLinks);
  row('move of a linked beat', f.moveLinkedBeat);
  row('check reads, beat without links', f.scopeUnlinkedBeat);
  row('check reads, beat with links', f.scopeLinkedBeat);
  row('whole story check', f.wholeCheck);
  row('whole story check, CPU time', f.wholeCheckCpu);
  console.log(`  beat rows written per move of a linked beat: ${f.rowsPerLinkedMove.toFixed(3)}`);
  console.log(`  calibration loop: ${fmt(f.calibrationMs)} ms (about 10 ms on an idle machine)`);
}

/** The logic-layer targets against one run (none when the part did not run). */
export function logicTargets(f: LogicFigures | undefined): TargetRow[] {
  if (!f) return [];
  const overhead = f.moveWithLinks.p50 - f.moveWithoutLinks.p50;
  const at = `${f.links.toLocaleString('en')} links, ${f.beats.toLocaleString('en')} beats`;
  return [
    {
      measure: `beat move with its check, cost of ${at} (p50)`,
      target: `<= ${LOGIC_TARGETS.moveOverheadP50Ms} ms`,
      result: `${fmt(overhead)} ms`,
      met: overhead <= LOGIC_TARGETS.moveOverheadP50Ms,
    },
    {
      measure: 'beat rows written per move of a linked beat',
      target: '1',
      result: f.rowsPerLinkedMove.toFixed(3),
      met: f.rowsPerLinkedMove <= 1.001,
    },
    {
      measure: `whole story check, ${at} (p50)`,
      target: `<= ${LOGIC_TARGETS.wholeCheckP50Ms} ms`,
      result: `${fmt(f.wholeCheck.p50)} ms`,
      met: f.wholeCheck.p50 <= LOGIC_TARGETS.wholeCheckP50Ms,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-bench-logic-'));
  try {
    const [beats, links] = process.argv.slice(2).map(Number);
    const figures = await runLogicBench(dir, beats || undefined, links || undefined);
    printLogicFigures(figures);
    const targets = logicTargets(figures);
    printTargets(targets);
    process.exitCode = targets.every((t) => t.met) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
