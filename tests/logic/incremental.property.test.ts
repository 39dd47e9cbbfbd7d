// Model-based property test of the story check's incremental form: random sequences of link,
// unlink, link updates, beat moves, event moves in reading order and in story time, mode and
// offset changes, creates and deletes, undo and redo run through the dispatcher on a real
// library file. The
// problems each write reports (created, resolved), accumulated from an empty story, must
// always equal a brute-force check of the whole story (`stories:check`). Some stories start
// with loops of sets_up links written as a library made before h71 may hold them (h73).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LINK_KINDS,
  TIME_MODES,
  type Result,
  type StoryProblem,
} from '../../electron/core/contract/types';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import type { Library } from '../../electron/core/library';
import { must, tempLibrary } from '../helpers/library';

type Op =
  | { op: 'link'; from: number; to: number; kind: (typeof LINK_KINDS)[number]; hard: boolean }
  | { op: 'unlink'; link: number }
  | { op: 'updateLink'; link: number; hard?: boolean; intentional?: boolean }
  | { op: 'moveBeat'; beat: number; event: number; position: number }
  | { op: 'moveEvent'; event: number; position: number }
  | { op: 'moveChrono'; event: number; before: number | null }
  | { op: 'mode'; event: number; mode: (typeof TIME_MODES)[number] }
  | { op: 'offset'; beat: number; offset: number | null }
  | { op: 'deleteBeat'; beat: number }
  | { op: 'deleteEvent'; event: number }
  | { op: 'createBeat'; event: number }
  | { op: 'createEvent'; position: number }
  | { op: 'undo' }
  | { op: 'redo' };

const n = fc.nat(50);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('link' as const),
      from: n,
      to: n,
      kind: fc.constantFrom(...LINK_KINDS),
      hard: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unlink' as const), link: n }) },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        op: fc.constant('updateLink' as const),
        link: n,
        hard: fc.boolean(),
        intentional: fc.boolean(),
      },
      { requiredKeys: ['op', 'link'] },
    ),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('moveBeat' as const),
      beat: n,
      event: n,
      position: n,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('moveEvent' as const), event: n, position: n }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('moveChrono' as const),
      event: n,
      before: fc.option(n),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('mode' as const),
      event: n,
      mode: fc.constantFrom(...TIME_MODES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('offset' as const),
      beat: n,
      offset: fc.option(fc.integer({ min: 0, max: 4 }).map((x) => x * 10)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteBeat' as const), beat: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteEvent' as const), event: n }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('createBeat' as const), event: n }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('createEvent' as const), position: n }) },
  { weight: 4, arbitrary: fc.constant({ op: 'undo' as const }) },
  { weight: 2, arbitrary: fc.constant({ op: 'redo' as const }) },
);

const nth = <T>(items: readonly T[], i: number): T | undefined =>
  items.length === 0 ? undefined : items[i % items.length];

/** Runs one op against the story; returns the Result, or null when there was nothing to do. */
function apply(d: Dispatcher, storyId: string, op: Op): Result<unknown> | null {
  const { events } = must(d.call('stories:load', { storyId }));
  const beats = events.flatMap((e) => e.moments);
  const links = must(d.call('links:list', { storyId }));
  const chrono = must(d.call('events:chronology', { storyId }));
  switch (op.op) {
    case 'link': {
      const from = nth(beats, op.from);
      const to = nth(beats, op.to);
      if (!from || !to) return null;
      return d.call('links:create', {
        fromMomentId: from.id,
        toMomentId: to.id,
        kind: op.kind,
        strength: op.hard ? 'hard' : 'soft',
      });
    }
    case 'unlink': {
      const link = nth(links, op.link);
      return link ? d.call('links:delete', { linkId: link.id }) : null;
    }
    case 'updateLink': {
      const link = nth(links, op.link);
      if (!link) return null;
      if (op.hard === undefined && op.intentional === undefined) return null;
      return d.call('links:update', {
        linkId: link.id,
        ...(op.hard !== undefined ? { strength: op.hard ? 'hard' : 'soft' } : {}),
        ...(op.intentional !== undefined ? { intentional: op.intentional } : {}),
      });
    }
    case 'moveBeat': {
      const beat = nth(beats, op.beat);
      const event = nth(events, op.event);
      if (!beat || !event) return null;
      const others = event.moments.filter((m) => m.id !== beat.id);
      return d.call('moments:move', {
        momentId: beat.id,
        toEventId: event.id,
        beforeMomentId: others[op.position % (others.length + 1)]?.id ?? null,
      });
    }
    case 'moveEvent': {
      const event = nth(events, op.event);
      if (!event) return null;
      const others = events.filter((e) => e.id !== event.id);
      return d.call('events:move', {
        eventId: event.id,
        beforeEventId: others[op.position % events.length]?.id ?? null,
      });
    }
    case 'moveChrono': {
      const event = nth(chrono, op.event);
      if (!event) return null;
      const before = op.before === null ? null : nth(chrono, op.before)!;
      if (before?.eventId === event.eventId) return null;
      return d.call('events:moveInChronology', {
        eventId: event.eventId,
        beforeEventId: before?.eventId ?? null,
      });
    }
    case 'mode': {
      const event = nth(events, op.event);
      return event ? d.call('events:setStoryTime', { eventId: event.id, mode: op.mode }) : null;
    }
    case 'offset': {
      const beat = nth(beats, op.beat);
      return beat
        ? d.call('moments:update', { momentId: beat.id, timestampOffset: op.offset })
        : null;
    }
    case 'deleteBeat': {
      const beat = nth(beats, op.beat);
      return beat ? d.call('moments:delete', { momentId: beat.id }) : null;
    }
    case 'deleteEvent': {
      const event = nth(events, op.event);
      return event && events.length > 2 ? d.call('events:delete', { eventId: event.id }) : null;
    }
    case 'createBeat': {
      const event = nth(events, op.event);
      return event ? d.call('moments:create', { eventId: event.id, description: 'new' }) : null;
    }
    case 'createEvent':
      return d.call('events:create', {
        storyId,
        title: 'New',
        beforeEventId: events[op.position % (events.length + 1)]?.id ?? null,
      });
    case 'undo':
    case 'redo': {
      const result = d.call(`history:${op.op}`, { storyId });
      // Nothing left to undo (the story's first steps are its seed): nothing happened.
      return result.ok && result.value.label === null ? null : result;
    }
  }
}

const stateOf = (p: StoryProblem) => ({ severity: p.severity, intentional: p.intentional });

const opsArb = fc.array(opArb, { minLength: 1, maxLength: 40 });
/** Loops of sets_up links to write straight into the library: each a list of beats, by index. */
const loopsArb = fc.array(fc.array(fc.nat(8), { minLength: 2, maxLength: 4 }), { maxLength: 2 });

/** Writes each loop's links (beat i sets up beat i + 1, the last the first) as SQL rows. */
function legacyLoops(lib: Library, storyId: string, loops: number[][]): void {
  const beats = lib.db
    .prepare(
      `SELECT m.moment_uuid FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
      WHERE e.story_uuid = ? ORDER BY e.position, m.sequence_index`,
    )
    .pluck()
    .all(storyId) as string[];
  const insert = lib.db.prepare(
    `INSERT OR IGNORE INTO beat_links (link_uuid, story_uuid, from_moment_uuid, to_moment_uuid,
      kind, strength, note, intentional, created_at, updated_at)
    VALUES (?, ?, ?, ?, 'sets_up', ?, '', ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
  );
  for (const loop of loops) {
    const ids = [...new Set(loop.map((i) => beats[i]!))];
    if (ids.length < 2) continue;
    ids.forEach((from, i) => {
      const hard = (i + loop.length) % 3 !== 0 ? 'hard' : 'soft';
      insert.run(randomUUID(), storyId, from, ids[(i + 1) % ids.length], hard, i === 1 ? 1 : 0);
    });
  }
}

describe('the incremental story check', () => {
  it('reports created and resolved problems that add up to a check of the whole story', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    await fc.assert(
      fc.asyncProperty(opsArb, loopsArb, async (ops, loops) => {
        const story = must(d.call('stories:create', { title: 'Logic' }));
        for (const title of ['One', 'Two', 'Three']) {
          const event = must(d.call('events:create', { storyId: story.id, title }));
          for (const text of ['a', 'b', 'c']) {
            must(d.call('moments:create', { eventId: event.id, description: `${title} ${text}` }));
          }
        }
        // Loops of sets_up links a library made before h71 may hold (h73), written as it held
        // them: the problems start from a check of the whole story.
        legacyLoops(lib, story.id, loops);
        const known = new Map<string, ReturnType<typeof stateOf>>(
          must(d.call('stories:check', { storyId: story.id })).problems.map((p) => [
            p.id,
            stateOf(p),
          ]),
        );
        for (const op of ops) {
          const result = apply(d, story.id, op);
          if (result === null) continue;
          if (!result.ok) {
            // Refusals the model allows: a self link, a duplicate, a loop.
            expect(result.error.code, JSON.stringify(op)).toBe('conflict');
            expect('check' in result).toBe(false);
            continue;
          }
          for (const p of result.check?.resolved ?? []) {
            expect(known.get(p.id), `resolved ${p.id} after ${op.op}`).toEqual(stateOf(p));
            known.delete(p.id);
          }
          const whole = must(d.call('stories:check', { storyId: story.id })).problems;
          const byId = new Map(whole.map((p) => [p.id, p]));
          for (const p of result.check?.created ?? []) {
            expect(known.has(p.id), `created ${p.id} twice after ${op.op}`).toBe(false);
            known.set(p.id, stateOf(p));
            // Made from the same rows in the same transaction: the same sentence.
            expect(byId.get(p.id)?.message).toBe(p.message);
          }
          const expected = new Map(whole.map((p) => [p.id, stateOf(p)]));
          expect(known, `after ${JSON.stringify(op)}`).toEqual(expected);
        }
        must(d.call('stories:delete', { storyId: story.id }));
      }),
      { numRuns: 80 },
    );
  });
});
