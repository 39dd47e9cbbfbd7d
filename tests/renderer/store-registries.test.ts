// What used to be module-level in the store (issue 15) now belongs to each store: the beats a
// window added, the text fields with unsent typing, and what the view says it shows. Two stores
// built by the same modules (`createAppStore`) share none of it. On a real library.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../renderer/src/store/types';
import type { createAppStore } from '../../renderer/src/store';
import { seedStory } from '../helpers/library';
import { storeOnLibrary } from './store-on-library';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Waits until every queued call has been answered and the state holds `check`. */
async function until(store: { getState(): Store }, check: (s: Store) => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check(store.getState()) || store.getState().pending > 0) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 10 },
  );
}

/** A store on a real library and a second one built by the same module instances. */
async function twoStores() {
  const { lib, store } = await storeOnLibrary();
  const build = (await import('../../renderer/src/store')).createAppStore as typeof createAppStore;
  return { lib, first: store, second: build() };
}

describe('each store keeps its own registries', () => {
  it('a story opens with the first beats of as many columns as the view says it shows', async () => {
    const { lib, store } = await storeOnLibrary();
    const shape = { One: ['1a', '1b'], Two: ['2a'], Three: ['3a', '3b'], Four: ['4a'] };
    const { story, events } = seedStory(lib.dispatcher, shape);
    store.getState().setColumnsAtOpen(() => 2);
    store.getState().openStory(story.id);
    await until(store, (s) => s.timelineStatus === 'ready');
    const slots = events.map(({ event }) => store.getState().timeline!.momentIds[event.id]);
    expect(slots).toEqual([
      events[0]!.moments.map((m) => m.id),
      events[1]!.moments.map((m) => m.id),
      [null, null],
      [null],
    ]);
  });

  it('a beat added here is "fresh" once, in this store only', async () => {
    const { first, second } = await twoStores();
    await first.getState().createStory('Tide');
    await until(first, (s) => s.timelineStatus === 'ready');
    const eventId = (await first.getState().addEvent())!;
    const beat = (await first.getState().addMoment(eventId))!;
    expect(second.getState().takeFreshBeat(beat)).toBe(false);
    expect(first.getState().takeFreshBeat(beat)).toBe(true);
    expect(first.getState().takeFreshBeat(beat)).toBe(false);
  });

  it('draft fields register with one store: it commits and flushes them, another does not', async () => {
    const { first, second } = await twoStores();
    const calls: string[] = [];
    const unregister = first.getState().registerDraftField({
      commit: async () => void calls.push('commit'),
      sendNow: () => void calls.push('sendNow'),
      keep: () => false,
    });
    await second.getState().commitAllDrafts();
    second.getState().sendAllDraftsNow();
    expect(calls).toEqual([]);
    await first.getState().commitAllDrafts();
    first.getState().sendAllDraftsNow();
    expect(calls).toEqual(['commit', 'sendNow']);
    unregister();
    await first.getState().commitAllDrafts();
    expect(calls).toEqual(['commit', 'sendNow']);
  });
});
