import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../electron/core/db/open';
import {
  appendMoments,
  createMoment,
  getMomentsByEvent,
  moveMoment,
} from '../../electron/core/moments';
import { createEvent } from '../../electron/core/events';
import { createStory } from '../../electron/core/stories';
import { tempLibrary } from '../helpers/library';

/** A small deterministic PRNG (mulberry32), so the figure below is the same on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const totalChanges = (db: DatabaseHandle) =>
  (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

describe('rows written per reorder', () => {
  it('averages at most 2 rows per move over 10,000 random moves in a 10,000-beat event', async () => {
    const { db } = await tempLibrary();
    const rand = random(20261126);
    const story = createStory(db, { title: 'Big' });
    const event = createEvent(db, { storyId: story.id, title: 'Long scene' });
    const ids = db.transaction(() =>
      appendMoments(
        db,
        event.id,
        Array.from({ length: 10_000 }, (_, i) => ({ description: `b${i}` })),
      ),
    )();
    const before = totalChanges(db);
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++) {
        const id = ids[Math.floor(rand() * ids.length)]!;
        const before = ids[Math.floor(rand() * ids.length)]!;
        const beforeMomentId = before === id ? null : before;
        moveMoment(db, id, { toEventId: event.id, beforeMomentId });
      }
    })();
    const rowsPerMove = (totalChanges(db) - before) / 10_000;
    expect(rowsPerMove).toBeLessThanOrEqual(2);
    const order = getMomentsByEvent(db, event.id);
    expect(order).toHaveLength(10_000);
    expect(new Set(order.map((m) => m.id)).size).toBe(10_000);
  });

  it('writes exactly one row for a move between two beats that have room', async () => {
    const { db } = await tempLibrary();
    const story = createStory(db, { title: 'S' });
    const a = createEvent(db, { storyId: story.id, title: 'A' });
    const b = createEvent(db, { storyId: story.id, title: 'B' });
    const beats = ['1', '2', '3', '4'].map((t) =>
      createMoment(db, { eventId: a.id, description: t }),
    );
    createMoment(db, { eventId: b.id, description: 'x' });
    let before = totalChanges(db);
    moveMoment(db, beats[3]!.id, { toEventId: a.id, beforeMomentId: beats[1]!.id });
    expect(totalChanges(db) - before).toBe(1);
    before = totalChanges(db);
    moveMoment(db, beats[0]!.id, { toEventId: b.id, beforeMomentId: null });
    expect(totalChanges(db) - before).toBe(1);
  });
});
