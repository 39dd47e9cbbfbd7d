// The logic layer's speed (issue 14): a beat move with its incremental story check, in a
// 100,000-beat story with and without 10,000 links, and the whole-story check. Run alone with
// `npx tsx bench/logic.ts [beats] [links]`; `runLogicBench` is what bench/run.ts can call.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LinkKind } from '../electron/core/contract/types';
import { openLibrary, type Library } from '../electron/core/library';
import { createLink } from '../electron/core/links';
import { generateStory, type GeneratedStory } from './generate';
import { fmt, prng, summarize, timeAsync, time, type Summary } from './stats';

export interface LogicFigures {
  beats: number;
  links: number;
  /** A beat move (dispatcher, synchronous=FULL) in the story before any link exists. */
  moveWithoutLinks: Summary;
  /** The same moves once the story has its links (most moved beats have none). */
  moveWithLinks: Summary;
  /** Moves of beats that have a link, so the check reads and compares links every time. */
  moveLinkedBeat: Summary;
  /** `stories:check` on the whole story. */
  wholeCheck: Summary;
}

export const LOGIC_TARGETS = { moveOverheadP50Ms: 0.1, wholeCheckP50Ms: 100 } as const;

const MOVES = 2_000;

/** The ids of every beat in the story's small events, by event. */
function beatsByEvent(lib: Library, gen: GeneratedStory): string[][] {
  const q = lib.db.prepare(
    'SELECT moment_uuid FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index',
  );
  return gen.smallEvents.map((e) => q.pluck().all(e) as string[]);
}

/** `count` random beat moves inside small events, the same ones for the same seed. */
async function timeMoves(
  lib: Library,
  gen: GeneratedStory,
  seed: number,
  pickBeat: (rand: () => number) => string,
): Promise<Summary> {
  const rand = prng(seed);
  const samples = await timeAsync(MOVES, () => {
    const momentId = pickBeat(rand);
    const eventId = gen.smallEvents[Math.floor(rand() * gen.smallEvents.length)]!;
    const result = lib.dispatcher.invoke('moments:move', {
      momentId,
      toEventId: eventId,
      beforeMomentId: null,
    });
    if (!result.ok) throw new Error(result.error.message);
  });
  return summarize(samples);
}

/**
 * Links `count` random pairs of beats. `causes` and `precedes` links point forward in reading
 * order (story time starts equal to it), so they never close a loop.
 */
function addLinks(lib: Library, all: string[], count: number, seed: number): string[] {
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

/** Builds the story in `dir`, measures, and closes the library. */
export async function runLogicBench(
  dir: string,
  beats = 100_000,
  links = 10_000,
): Promise<LogicFigures> {
  const lib = await openLibrary(join(dir, 'bench-logic.db'), {});
  try {
    const gen = generateStory(lib.db, beats, 'Logic bench');
    const all = beatsByEvent(lib, gen).flat();
    const anyBeat = (rand: () => number) => all[Math.floor(rand() * all.length)]!;
    const moveWithoutLinks = await timeMoves(lib, gen, 1, anyBeat);
    const linked = addLinks(lib, all, links, 2);
    const moveWithLinks = await timeMoves(lib, gen, 1, anyBeat);
    const moveLinkedBeat = await timeMoves(
      lib,
      gen,
      3,
      (rand) => linked[Math.floor(rand() * linked.length)]!,
    );
    const wholeCheck = summarize(
      time(15, () => {
        const r = lib.dispatcher.invoke('stories:check', { storyId: gen.storyId });
        if (!r.ok) throw new Error(r.error.message);
      }),
    );
    return { beats: gen.beats, links, moveWithoutLinks, moveWithLinks, moveLinkedBeat, wholeCheck };
  } finally {
    lib.close();
  }
}

/** Prints the figures and whether they meet the targets. */
export function printLogicFigures(f: LogicFigures): boolean {
  const overhead = f.moveWithLinks.p50 - f.moveWithoutLinks.p50;
  const row = (name: string, s: Summary) =>
    console.log(`  ${name.padEnd(34)} p50 ${fmt(s.p50)} ms  p99 ${fmt(s.p99)} ms`);
  console.log(`Logic layer: ${f.beats} beats, ${f.links} links (synchronous=FULL)`);
  row('beat move, no links in the story', f.moveWithoutLinks);
  row('beat move, with the links', f.moveWithLinks);
  row('move of a linked beat', f.moveLinkedBeat);
  row('whole story check', f.wholeCheck);
  const moveOk = overhead <= LOGIC_TARGETS.moveOverheadP50Ms;
  const checkOk = f.wholeCheck.p50 <= LOGIC_TARGETS.wholeCheckP50Ms;
  console.log(
    `  move overhead of the links (p50): ${fmt(overhead)} ms ` +
      `(target <= ${LOGIC_TARGETS.moveOverheadP50Ms}) ${moveOk ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `  whole check (p50): ${fmt(f.wholeCheck.p50)} ms ` +
      `(target <= ${LOGIC_TARGETS.wholeCheckP50Ms}) ${checkOk ? 'ok' : 'MISSED'}`,
  );
  return moveOk && checkOk;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-bench-logic-'));
  try {
    const [beats, links] = process.argv.slice(2).map(Number);
    const figures = await runLogicBench(dir, beats || undefined, links || undefined);
    process.exitCode = printLogicFigures(figures) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
