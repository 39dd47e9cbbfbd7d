// Issue 16: a story opens with the first beats of the columns in view at ITS widths (the
// story's column width and its single columns' own widths), counted when it opens. A store on
// a real library, the real dispatcher, the board's own count (main.tsx installs it).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { seedStory } from '../helpers/library';
import { storeOnLibrary } from './store-on-library';

let lib: Library | undefined;
afterEach(() => {
  vi.unstubAllGlobals();
  lib?.close();
  lib = undefined;
});

/** `count` events of two beats each: enough columns for any width at 1280 px. */
const shape = (count: number, tag: string) =>
  Object.fromEntries(Array.from({ length: count }, (_, i) => [`${tag} ${i}`, ['a', 'b']]));

async function until(store: { getState(): Store }, check: (s: Store) => boolean) {
  await vi.waitFor(
    () => {
      const s = store.getState();
      if (!check(s) || s.pending > 0) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 10 },
  );
}

/** Opens a story and says how many of its columns came with their beats, from the left. */
async function openAndCount(store: { getState(): Store }, storyId: string): Promise<number> {
  store.getState().openLibrary();
  store.getState().openStory(storyId);
  await until(store, (s) => s.timeline?.story.id === storyId && s.timelineStatus === 'ready');
  const model = store.getState().timeline!;
  const loaded = model.eventOrder.map((id) => model.momentIds[id]!.every((m) => m !== null));
  const count = loaded.indexOf(false);
  // The loaded ones are the first, with nothing loaded beyond them.
  expect(loaded.slice(count).some(Boolean)).toBe(false);
  return count;
}

/** The channels the dispatcher was asked, in order. */
function callsOf(dispatcher: Dispatcher): () => string[] {
  const spy = vi.spyOn(dispatcher, 'call');
  return () => spy.mock.calls.map(([channel]) => channel as string);
}

describe('the first beats a story opens with', () => {
  it("counts the columns in view at each story's widths, as they are when it opens", async () => {
    const opened = await storeOnLibrary();
    lib = opened.lib;
    const { store } = opened;
    const { useBoardNav } = await import('../../renderer/src/components/board/boardNav');
    const narrow = seedStory(lib.dispatcher, shape(20, 'N'), 'Narrow');
    const wide = seedStory(lib.dispatcher, shape(20, 'W'), 'Wide');
    useBoardNav.getState().setWidth(narrow.story.id, 200);
    useBoardNav.getState().setWidth(wide.story.id, 600);

    // 1280 px: (1280 - 24) / (200 + 14) → 6 columns begin in view; at 600 px, 3.
    expect(await openAndCount(store, narrow.story.id)).toBe(6);
    expect(await openAndCount(store, wide.story.id)).toBe(3);
    expect(await openAndCount(store, narrow.story.id)).toBe(6);

    // A width changed since: the next open counts at the new one.
    useBoardNav.getState().setWidth(narrow.story.id, 288);
    expect(await openAndCount(store, narrow.story.id)).toBe(5);

    // Single columns resized alone: the first two at 640 px leave room for those two only.
    const [first, second] = narrow.events;
    useBoardNav.getState().setOwnWidth(narrow.story.id, first!.event.id, 640);
    useBoardNav.getState().setOwnWidth(narrow.story.id, second!.event.id, 640);
    expect(await openAndCount(store, narrow.story.id)).toBe(2);
    // Narrower single columns let more in: four at 200 px, then two of 288 px begin in view.
    for (const { event } of narrow.events.slice(0, 4)) {
      useBoardNav.getState().setOwnWidth(narrow.story.id, event.id, 200);
    }
    expect(await openAndCount(store, narrow.story.id)).toBe(6);

    // The overview's columns (124 px, own widths ignored): ten begin in view.
    useBoardNav.getState().setOverview(true);
    expect(await openAndCount(store, narrow.story.id)).toBe(10);
  });

  it('a reload that comes back to a story reads its outline once, with the first beats at its remembered width', async () => {
    let storyId = '';
    let calls: () => string[] = () => [];
    const opened = await storeOnLibrary({
      beforeStore: (library) => {
        storyId = seedStory(library.dispatcher, shape(20, 'R'), 'Reloaded').story.id;
        // What a reload finds in this browser's storage: the open story and its column width.
        const local = new Map([[`beatline.columnWidth.${storyId}`, '200']]);
        vi.stubGlobal('localStorage', { getItem: (k: string) => local.get(k) ?? null });
        const view = JSON.stringify({ name: 'story', storyId });
        vi.stubGlobal('sessionStorage', { getItem: () => view, setItem: () => {} });
        calls = callsOf(library.dispatcher);
      },
    });
    lib = opened.lib;
    const { store } = opened;
    // As main.tsx does before the first render.
    store.getState().resumeStory();
    await until(store, (s) => s.timeline?.story.id === storyId && s.timelineStatus === 'ready');
    const model = store.getState().timeline!;
    const loaded = model.eventOrder.filter((id) => model.momentIds[id]!.every((m) => m !== null));
    expect(loaded).toEqual(model.eventOrder.slice(0, 6));
    const reads = calls().filter((c) => c.startsWith('stories:outline') || c === 'moments:range');
    expect(reads).toEqual(['stories:outline', ...Array<string>(6).fill('moments:range')]);
  });
});
