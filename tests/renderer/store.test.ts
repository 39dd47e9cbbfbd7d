// The renderer's store (zustand, no DOM) on a real library: window.beatline is the channel
// table over the real dispatcher of a temp SQLite file, as the hosts build it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { storeOnLibrary } from './store-on-library';
import { must } from '../helpers/library';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let lib: Library;
let store: { getState(): Store };

/** A fresh store module on a fresh library, with `window.beatline` over its dispatcher. */
beforeEach(async () => {
  ({ lib, store } = await storeOnLibrary());
});

/** Waits until every queued call has been answered and the state holds `check`. */
async function until(check: (s: Store) => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check(store.getState()) || store.getState().pending > 0) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 10 },
  );
}

const beatRows = () =>
  lib.db.prepare('SELECT moment_uuid AS id, beat_description AS text FROM event_moments').all();

describe('the renderer store on a real library', () => {
  it('creates with its own UUIDv7 ids, and undo/redo (the library’s) keep them', async () => {
    const storyId = await store.getState().createStory('Tide');
    expect(storyId).toMatch(UUID_V7);
    await until((s) => s.timelineStatus === 'ready');
    const eventId = (await store.getState().addEvent())!;
    const momentId = (await store.getState().addMoment(eventId))!;
    expect(eventId).toMatch(UUID_V7);
    expect(momentId).toMatch(UUID_V7);
    await until((s) => s.undoLabel === 'add beat');
    expect(beatRows()).toEqual([{ id: momentId, text: '' }]);

    await store.getState().undo();
    await until((s) => s.redoLabel === 'add beat');
    expect(beatRows()).toEqual([]);
    expect(store.getState().timeline?.moments[momentId]).toBeUndefined();

    await store.getState().redo();
    await until((s) => s.timeline?.moments[momentId] !== undefined);
    expect(beatRows()).toEqual([{ id: momentId, text: '' }]);
  });

  it('Undo in a story never reaches another story', async () => {
    const other = must(lib.dispatcher.call('stories:create', { title: 'Other' }));
    must(lib.dispatcher.call('events:create', { storyId: other.id, title: 'Kept' }));
    await store.getState().createStory('Mine');
    await until((s) => s.timelineStatus === 'ready');
    await store.getState().addEvent();
    await until((s) => s.undoLabel === 'add event');
    for (let i = 0; i < 5; i += 1) await store.getState().undo();
    await until((s) => s.undoLabel === null);
    const titles = lib.db.prepare('SELECT title FROM events').all();
    expect(titles).toEqual([{ title: 'Kept' }]);
  });

  it('typed text over a change made elsewhere is a conflict; a move in between is not', async () => {
    await store.getState().createStory('Tide');
    await until((s) => s.timelineStatus === 'ready');
    const eventId = (await store.getState().addEvent())!;
    const a = (await store.getState().addMoment(eventId))!;
    const b = (await store.getState().addMoment(eventId))!;
    await until((s) => s.pending === 0 && s.timeline?.moments[b]?.updatedAt !== undefined);
    const base = () => {
      const m = store.getState().timeline!.moments[a]!;
      return { text: m.description, stamp: m.updatedAt };
    };

    // The row moved elsewhere (its text did not change): the save goes through.
    const beforeMove = base();
    must(
      lib.dispatcher.call('moments:move', {
        momentId: a,
        toEventId: eventId,
        beforeMomentId: null,
      }),
    );
    expect(await store.getState().saveMomentText(a, 'Mine', beforeMove)).toBeNull();

    // Its text changed elsewhere: refused as a conflict, and the library keeps theirs.
    const beforeTheirs = base();
    must(lib.dispatcher.call('moments:update', { momentId: a, description: 'Theirs' }));
    const problem = await store.getState().saveMomentText(a, 'Mine, more', beforeTheirs);
    expect(problem?.code).toBe('conflict');
    expect(beatRows()).toContainEqual({ id: a, text: 'Theirs' });
  });

  it('a change notice brings in what another writer did', async () => {
    const storyId = (await store.getState().createStory('Tide'))!;
    await until((s) => s.timelineStatus === 'ready');
    const event = must(lib.dispatcher.call('events:create', { storyId, title: 'From the CLI' }));
    store.getState().libraryChanged();
    await until((s) => s.timeline?.events[event.id]?.title === 'From the CLI');
  });
});
