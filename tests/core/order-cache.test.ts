import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { newId } from '../../electron/core/ids';
import { appendMoments } from '../../electron/core/moments';
import { peekList } from '../../electron/core/order-cache';
import { must, seedStory, tempLibrary } from '../helpers/library';

describe('order cache', () => {
  it('answers a list’s first use from SQLite and holds the list from its second use on', async () => {
    const lib = await tempLibrary();
    const { events } = seedStory(lib.dispatcher, { A: [], B: ['b0'] });
    const a = events[0]!.event.id;
    const first = must(lib.dispatcher.call('moments:create', { eventId: a, description: 'a0' }));
    expect(first.sequenceIndex).toBe(0);
    expect(peekList(lib.db, 'event_moments', a)).toBeNull();
    const second = must(lib.dispatcher.call('moments:create', { eventId: a, description: 'a1' }));
    expect(second.sequenceIndex).toBe(1);
    const held = peekList(lib.db, 'event_moments', a);
    const inDb = must(lib.dispatcher.call('moments:list', { eventId: a }));
    expect(held?.ids).toEqual(inDb.map((m) => m.id));
    expect(inDb.map((m) => m.description)).toEqual(['a0', 'a1']);
  });

  it('does not count a bulk append (seeding, imports) as a use of the list', async () => {
    const lib = await tempLibrary();
    const { events } = seedStory(lib.dispatcher, { A: [] });
    const a = events[0]!.event.id;
    lib.db.transaction(() =>
      appendMoments(lib.db, a, [{ description: 'b0' }, { description: 'b1' }]),
    )();
    const made = must(lib.dispatcher.call('moments:create', { eventId: a, description: 'b2' }));
    expect(made.sequenceIndex).toBe(2);
    expect(peekList(lib.db, 'event_moments', a)).toBeNull(); // still its first use
  });

  it('forgets the story of an event once it is deleted, here or by another connection', async () => {
    const lib = await tempLibrary();
    const { events } = seedStory(lib.dispatcher, { A: ['a0'], B: [], C: [] });
    const beat = events[0]!.moments[0]!.id;
    const [b, c] = [events[1]!.event.id, events[2]!.event.id];
    must(lib.dispatcher.call('events:delete', { eventId: b }));
    expect(
      lib.dispatcher.call('moments:move', { momentId: beat, toEventId: b, position: 0 }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Reading the story notes its events' story again; then another connection deletes C.
    must(lib.dispatcher.call('stories:outline', { storyId: events[0]!.event.storyId }));
    const other = openDatabase(lib.path, { mustExist: true });
    other.pragma('foreign_keys = ON');
    other.prepare('DELETE FROM events WHERE event_uuid = ?').run(c);
    other.close();
    expect(
      lib.dispatcher.call('moments:move', { momentId: beat, toEventId: c, position: 0 }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('drops what it holds when another connection writes, so positions stay true', async () => {
    const lib = await tempLibrary();
    const { events } = seedStory(lib.dispatcher, { A: ['a0', 'a1'] });
    const a = events[0]!.event.id;
    for (const d of ['a2', 'a3']) {
      must(lib.dispatcher.call('moments:create', { eventId: a, description: d }));
    }
    expect(peekList(lib.db, 'event_moments', a)?.ids).toHaveLength(4);

    const other = openDatabase(lib.path, { mustExist: true });
    const now = new Date().toISOString();
    other
      .prepare(
        `INSERT INTO event_moments (moment_uuid, event_uuid, sequence_index, beat_description,
          timestamp_offset, created_at, updated_at) VALUES (?, ?, ?, ?, NULL, ?, ?)`,
      )
      .run(newId(), a, 2 ** 40, 'from elsewhere', now, now);
    other.close();

    const next = must(lib.dispatcher.call('moments:create', { eventId: a, description: 'a5' }));
    expect(next.sequenceIndex).toBe(5);
    const all = must(lib.dispatcher.call('moments:list', { eventId: a }));
    expect(all.map((m) => m.description)).toEqual(['a0', 'a1', 'a2', 'a3', 'from elsewhere', 'a5']);
  });
});
