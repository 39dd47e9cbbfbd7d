// The whole story check (`stories:check`) against an oracle written apart from it: the story
// as a writer sees it (stories:load's reading order, events:chronology's order, links:list,
// each beat's offset and text), checked rule by rule with dense places. Random sequences of
// link writes, moves in both orders, mode and offset changes, new beats placed before others,
// text edits, deletes, undo and redo run through the dispatcher on a real library file; after
// each, the check must list exactly the problems the oracle finds, with the same sentences
// (beat numbers and texts as they are now), in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK_KINDS, TIME_MODES, type BeatLink } from '../../electron/core/contract/types';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { must, tempLibrary } from '../helpers/library';

interface Place {
  id: string;
  event: number;
  chrono: number;
  beat: number;
  offset: number | null;
  mode: string;
  name: string;
}

function oracle(d: Dispatcher, storyId: string) {
  const { events } = must(d.call('stories:load', { storyId }));
  const chrono = must(d.call('events:chronology', { storyId })).map((t) => t.eventId);
  const modes = new Map(must(d.call('events:chronology', { storyId })).map((t) => [t.eventId, t]));
  const places = new Map<string, Place>();
  events.forEach((e, ei) =>
    e.moments.forEach((m, mi) => {
      const line = m.description.trim().split('\n')[0]!;
      const quoted = line === '' ? 'Empty beat' : `'${line}'`;
      // As the board names it (h71: the check said "event 4" for the board's "Untitled event").
      const title = e.title.trim() === '' ? 'Untitled event' : e.title.trim();
      places.set(m.id, {
        id: m.id,
        event: ei,
        chrono: chrono.indexOf(e.id),
        beat: mi,
        offset: m.timestampOffset,
        mode: modes.get(e.id)!.mode,
        name: `${quoted} (${title}, beat ${mi + 1})`,
      });
    }),
  );
  const reading = (a: Place, b: Place) => a.event - b.event || a.beat - b.beat;
  const time = (a: Place, b: Place) =>
    a.event !== b.event
      ? a.chrono - b.chrono
      : a.offset !== null && b.offset !== null
        ? a.offset - b.offset
        : a.beat - b.beat;
  const verb = { causes: 'causes', precedes: 'must happen before', sets_up: 'sets up' };
  const found: Array<{ from: Place; id: string; severity: string; message: string; i: boolean }> =
    [];
  for (const l of must(d.call('links:list', { storyId })) as BeatLink[]) {
    const from = places.get(l.fromMomentId)!;
    const to = places.get(l.toMomentId)!;
    const severity = l.strength === 'hard' ? 'error' : 'warning';
    const add = (code: string, sev: string, message: string) =>
      found.push({ from, id: `${code}:${l.id}`, severity: sev, message, i: l.intentional });
    if (l.kind === 'sets_up') {
      if (reading(to, from) < 0) {
        add(
          'payoff_before_setup',
          severity,
          `${from.name} sets up ${to.name}, but the payoff is now read first.`,
        );
      }
      continue;
    }
    if (time(to, from) < 0) {
      add(
        l.kind === 'causes' ? 'effect_before_cause' : 'precedes_violated',
        severity,
        `${from.name} ${verb[l.kind]} ${to.name}, but now happens after it.`,
      );
    }
    if (l.kind === 'causes' && from.mode === 'dream' && to.mode !== 'dream') {
      add(
        'dream_causes_real',
        'warning',
        `${from.name} is in a dream but causes ${to.name}: a dream causes a real event. ` +
          'Mark the link intentional if the dream is meant to.',
      );
    }
  }
  found.sort((a, b) => reading(a.from, b.from) || (a.id < b.id ? -1 : 1));
  return found.map((f) => ({
    id: f.id,
    severity: f.severity,
    message: f.message,
    intentional: f.i,
  }));
}

type Op =
  | { op: 'link'; from: number; to: number; kind: (typeof LINK_KINDS)[number]; hard: boolean }
  | { op: 'unlink' | 'intentional'; link: number }
  | { op: 'moveBeat'; beat: number; event: number; position: number }
  | { op: 'moveEvent' | 'moveChrono'; event: number; position: number }
  | { op: 'mode'; event: number; mode: (typeof TIME_MODES)[number] }
  | { op: 'offset'; beat: number; offset: number | null }
  | { op: 'text'; beat: number; text: string }
  | { op: 'title'; event: number; title: string }
  | { op: 'createBeat'; event: number; position: number }
  | { op: 'deleteBeat'; beat: number }
  | { op: 'undo' | 'redo' };

const n = fc.nat(40);
const w = (weight: number, arbitrary: fc.Arbitrary<Op>) => ({ weight, arbitrary });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  w(
    8,
    fc.record({
      op: fc.constant('link' as const),
      from: n,
      to: n,
      kind: fc.constantFrom(...LINK_KINDS),
      hard: fc.boolean(),
    }),
  ),
  w(2, fc.record({ op: fc.constantFrom('unlink' as const, 'intentional' as const), link: n })),
  w(5, fc.record({ op: fc.constant('moveBeat' as const), beat: n, event: n, position: n })),
  w(
    5,
    fc.record({
      op: fc.constantFrom('moveEvent' as const, 'moveChrono' as const),
      event: n,
      position: n,
    }),
  ),
  w(
    2,
    fc.record({ op: fc.constant('mode' as const), event: n, mode: fc.constantFrom(...TIME_MODES) }),
  ),
  w(
    2,
    fc.record({
      op: fc.constant('offset' as const),
      beat: n,
      offset: fc.option(fc.constantFrom(0, 10, 20), { nil: null }) as fc.Arbitrary<number | null>,
    }),
  ),
  w(1, fc.record({ op: fc.constant('text' as const), beat: n, text: fc.constantFrom('x', 'y z') })),
  w(1, fc.record({ op: fc.constant('title' as const), event: n, title: fc.constantFrom('', 'T') })),
  w(2, fc.record({ op: fc.constant('createBeat' as const), event: n, position: n })),
  w(1, fc.record({ op: fc.constant('deleteBeat' as const), beat: n })),
  w(3, fc.constant({ op: 'undo' as const })),
  w(2, fc.constant({ op: 'redo' as const })),
);

const nth = <T>(items: readonly T[], i: number): T | undefined =>
  items.length === 0 ? undefined : items[i % items.length];

function apply(d: Dispatcher, storyId: string, op: Op): void {
  const { events } = must(d.call('stories:load', { storyId }));
  const beats = events.flatMap((e) => e.moments);
  const links = must(d.call('links:list', { storyId }));
  const chrono = must(d.call('events:chronology', { storyId }));
  const beat = 'beat' in op ? nth(beats, op.beat) : undefined;
  const event = 'event' in op ? nth(events, op.event) : undefined;
  const link = 'link' in op ? nth(links, op.link) : undefined;
  switch (op.op) {
    case 'link':
      d.call('links:create', {
        fromMomentId: nth(beats, op.from)?.id ?? 'x',
        toMomentId: nth(beats, op.to)?.id ?? 'x',
        kind: op.kind,
        strength: op.hard ? 'hard' : 'soft',
      });
      return;
    case 'unlink':
      if (link) must(d.call('links:delete', { linkId: link.id }));
      return;
    case 'intentional':
      if (link) must(d.call('links:update', { linkId: link.id, intentional: !link.intentional }));
      return;
    case 'moveBeat': {
      if (!beat || !event) return;
      const others = event.moments.filter((m) => m.id !== beat.id);
      const before = others[op.position % (others.length + 1)]?.id ?? null;
      must(
        d.call('moments:move', { momentId: beat.id, toEventId: event.id, beforeMomentId: before }),
      );
      return;
    }
    case 'moveEvent': {
      const others = events.filter((e) => e.id !== event!.id);
      const before = others[op.position % events.length]?.id ?? null;
      must(d.call('events:move', { eventId: event!.id, beforeEventId: before }));
      return;
    }
    case 'moveChrono': {
      const others = chrono.filter((t) => t.eventId !== event!.id);
      const before = others[op.position % chrono.length]?.eventId ?? null;
      must(d.call('events:moveInChronology', { eventId: event!.id, beforeEventId: before }));
      return;
    }
    case 'mode':
      must(d.call('events:setStoryTime', { eventId: event!.id, mode: op.mode }));
      return;
    case 'offset':
      if (beat) must(d.call('moments:update', { momentId: beat.id, timestampOffset: op.offset }));
      return;
    case 'text':
      if (beat) must(d.call('moments:update', { momentId: beat.id, description: op.text }));
      return;
    case 'title':
      must(d.call('events:update', { eventId: event!.id, title: op.title }));
      return;
    case 'createBeat': {
      const before = event!.moments[op.position % (event!.moments.length + 1)]?.id ?? null;
      must(
        d.call('moments:create', {
          eventId: event!.id,
          description: 'new',
          beforeMomentId: before,
        }),
      );
      return;
    }
    case 'deleteBeat':
      if (beat) must(d.call('moments:delete', { momentId: beat.id }));
      return;
    case 'undo':
    case 'redo':
      must(d.call(`history:${op.op}`, { storyId }));
  }
}

describe('the whole story check, against an oracle of the story as it reads', () => {
  it('lists exactly the problems of the stored story, with its places and texts, after any writes, undo and redo', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }),
        async (ops) => {
          const story = must(d.call('stories:create', { title: 'Oracle' }));
          for (const title of ['One', 'Two', 'Three']) {
            const event = must(d.call('events:create', { storyId: story.id, title }));
            for (const text of ['a', 'b']) {
              must(
                d.call('moments:create', { eventId: event.id, description: `${title} ${text}` }),
              );
            }
          }
          for (const op of ops) {
            apply(d, story.id, op);
            const report = must(d.call('stories:check', { storyId: story.id }));
            const got = report.problems.map((p) => ({
              id: p.id,
              severity: p.severity,
              message: p.message,
              intentional: p.intentional,
            }));
            expect(got, `after ${JSON.stringify(op)}`).toEqual(oracle(d, story.id));
          }
          must(d.call('stories:delete', { storyId: story.id }));
        },
      ),
      { numRuns: 40 },
    );
  });
});
