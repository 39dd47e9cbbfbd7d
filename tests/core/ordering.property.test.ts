import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { must, seedStory, tempLibrary } from '../helpers/library';

/** The plain model: event id -> beat ids in order. */
type Model = Map<string, string[]>;

type Op =
  | { kind: 'create'; event: number; at: number | null; text: string }
  | { kind: 'move'; pick: number; toEvent: number; at: number }
  | { kind: 'moveBefore'; pick: number; before: number }
  | { kind: 'update'; pick: number; text: string }
  | { kind: 'delete'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    event: fc.nat(2),
    at: fc.option(fc.nat(40)),
    text: fc.string({ maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('move' as const),
    pick: fc.nat(),
    toEvent: fc.nat(2),
    at: fc.nat(40),
  }),
  fc.record({ kind: fc.constant('moveBefore' as const), pick: fc.nat(), before: fc.nat() }),
  fc.record({
    kind: fc.constant('update' as const),
    pick: fc.nat(),
    text: fc.string({ maxLength: 12 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
);

function allBeats(model: Model): Array<[string, string]> {
  return [...model].flatMap(([eventId, ids]) => ids.map((id) => [eventId, id] as [string, string]));
}

/** Applies one op to the database and the model; both must agree afterwards. */
function apply(d: Dispatcher, model: Model, eventIds: string[], op: Op): void {
  const beats = allBeats(model);
  const pick = (n: number) => beats[n % beats.length]!;
  const without = (eventId: string, id: string) => model.get(eventId)!.filter((x) => x !== id);
  switch (op.kind) {
    case 'create': {
      const eventId = eventIds[op.event]!;
      const list = model.get(eventId)!;
      const at = op.at === null ? list.length : Math.min(op.at, list.length);
      const beforeMomentId = list[at] ?? null;
      const m = must(d.call('moments:create', { eventId, description: op.text, beforeMomentId }));
      list.splice(at, 0, m.id);
      return;
    }
    case 'move': {
      if (beats.length === 0) return;
      const [fromEvent, id] = pick(op.pick);
      const toEvent = eventIds[op.toEvent]!;
      const target = fromEvent === toEvent ? without(fromEvent, id) : [...model.get(toEvent)!];
      const at = Math.min(op.at, target.length);
      const beforeMomentId = target[at] ?? null;
      const m = must(d.call('moments:move', { momentId: id, toEventId: toEvent, beforeMomentId }));
      expect(m.eventId).toBe(toEvent);
      model.set(fromEvent, without(fromEvent, id));
      target.splice(at, 0, id);
      model.set(toEvent, target);
      return;
    }
    case 'moveBefore': {
      if (beats.length < 2) return;
      const [fromEvent, id] = pick(op.pick);
      const [toEvent, beforeId] = pick(op.before);
      if (beforeId === id) return;
      const m = must(
        d.call('moments:move', { momentId: id, toEventId: toEvent, beforeMomentId: beforeId }),
      );
      model.set(fromEvent, without(fromEvent, id));
      const target = model.get(toEvent)!;
      target.splice(target.indexOf(beforeId), 0, id);
      expect(m.eventId).toBe(toEvent);
      return;
    }
    case 'update': {
      if (beats.length === 0) return;
      const [, id] = pick(op.pick);
      must(d.call('moments:update', { momentId: id, description: op.text }));
      return;
    }
    case 'delete': {
      if (beats.length === 0) return;
      const [eventId, id] = pick(op.pick);
      must(d.call('moments:delete', { momentId: id }));
      model.set(eventId, without(eventId, id));
      return;
    }
  }
}

function expectSameOrder(d: Dispatcher, model: Model): void {
  for (const [eventId, ids] of model) {
    const moments = must(d.call('moments:list', { eventId }));
    expect(moments.map((m) => m.id)).toEqual(ids);
    const keys = moments.map((m) => m.orderKey);
    expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
  }
}

describe('beat order against a plain list model', () => {
  it('matches after every create, move, update and delete', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 40 }), async (ops) => {
        const lib = await tempLibrary();
        const d = lib.dispatcher;
        const { events } = seedStory(d, { A: ['a1', 'a2', 'a3'], B: [], C: ['c1'] });
        const eventIds = events.map((e) => e.event.id);
        const model: Model = new Map(events.map((e) => [e.event.id, e.moments.map((m) => m.id)]));
        for (const op of ops) {
          apply(d, model, eventIds, op);
          expectSameOrder(d, model);
        }
        lib.close();
      }),
      { numRuns: 40 },
    );
  });

  it('stays correct when every insert lands in the same gap (forcing relabels)', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { events } = seedStory(d, { A: ['first', 'last'] });
    const eventId = events[0]!.event.id;
    const model = events[0]!.moments.map((m) => m.id);
    lib.db.transaction(() => {
      for (let i = 0; i < 600; i++) {
        // Always just after the first beat, then always just before the last one.
        const at = i < 300 ? 1 : model.length - 1;
        const beforeMomentId = model[at]!;
        const m = must(d.call('moments:create', { eventId, description: `n${i}`, beforeMomentId }));
        model.splice(at, 0, m.id);
      }
    })();
    expect(must(d.call('moments:list', { eventId })).map((m) => m.id)).toEqual(model);
  });
});
