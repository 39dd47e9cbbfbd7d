// The virtualized board's state lives in the store, not in module variables: the mounted lists'
// layouts (drag hit-testing), the arrow-key focus goal, and the column width the board shows.
// A fresh store on a real library, as in store.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { seedStory } from '../helpers/library';
import { storeOnLibrary } from './store-on-library';

let lib: Library;
let store: { getState(): Store };

beforeEach(async () => {
  ({ lib, store } = await storeOnLibrary());
});
afterEach(() => {
  vi.unstubAllGlobals();
  lib.close();
});

/** The renderer modules bound to this test's store module. */
const registry = () => import('../../renderer/src/virtual/registry');
const focusGoal = () => import('../../renderer/src/virtual/focusGoal');
const layout = () => import('../../renderer/src/virtual/layout');
const boardNav = () => import('../../renderer/src/components/board/boardNav');

async function until(check: (s: Store) => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check(store.getState()) || store.getState().pending > 0) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 10 },
  );
}

/** Opens a story of two events (the first with `beats` beats) in the store. */
async function openStory(beats: number) {
  const seeded = seedStory(lib.dispatcher, {
    Harbour: Array.from({ length: beats }, (_, i) => `beat ${i + 1}`),
    Lighthouse: ['the lamp'],
  });
  store.getState().openStory(seeded.story.id);
  await until((s) => s.timeline?.story.id === seeded.story.id);
  return seeded;
}

describe('the virtualized board keeps its state in the store', () => {
  it('a list layout is read while its list is registered; a stale unregister keeps the newer one', async () => {
    const { registerRows, rowSlotAt, rowTop } = await registry();
    expect(rowSlotAt('e1', 100, 'b1')).toBeNull();
    const first = { slotAt: () => 1, top: (i: number) => i * 10 };
    const second = { slotAt: () => 2, top: (i: number) => i * 20 };
    const dropFirst = registerRows('e1', first);
    expect(rowSlotAt('e1', 100, 'b1')).toBe(1);
    // A remounted list registers before the old one unregisters.
    const dropSecond = registerRows('e1', second);
    dropFirst();
    expect(rowSlotAt('e1', 100, 'b1')).toBe(2);
    expect(rowTop('e1', 3)).toBe(60);
    dropSecond();
    expect(rowSlotAt('e1', 100, 'b1')).toBeNull();
    expect(rowTop('e1', 3)).toBeNull();
  });

  it('an arrow press toward a beat not loaded yet keeps its goal in the store and asks for it', async () => {
    const { focusBeatAt, focusGoalFrom } = await focusGoal();
    const { events } = await openStory(130);
    const eventId = events[0]!.event.id;
    const from = events[0]!.moments[0]!.id;
    const far = store.getState().timeline!.momentIds[eventId]!;
    expect(far[120]).toBeNull();

    focusBeatAt(from, eventId, 120);
    expect(store.getState().focusGoal).toEqual({ from, eventId, index: 120 });
    // The next press from the same beat starts at the goal; from another beat it does not.
    expect(focusGoalFrom(from)).toMatchObject({ eventId, index: 120 });
    expect(focusGoalFrom(events[0]!.moments[1]!.id)).toBeNull();
    await until((s) => s.timeline?.momentIds[eventId]?.[120] === events[0]!.moments[120]!.id);

    // A loaded beat takes the focus at once and the goal is dropped.
    focusBeatAt(from, eventId, 2);
    expect(store.getState().focusGoal).toBeNull();
    expect(store.getState().focusRequest).toBe(`beat:${events[0]!.moments[2]!.id}`);
  });

  it("the column width is the open story's, or the overview's, read afresh each time", async () => {
    const { columnWidth } = await layout();
    const { useBoardNav } = await boardNav();
    expect(columnWidth()).toBe(288);
    const { story } = await openStory(3);
    useBoardNav.getState().setWidth(story.id, 200);
    expect(columnWidth()).toBe(200);
    useBoardNav.getState().setOverview(true);
    expect(columnWidth()).toBe(124);
    useBoardNav.getState().setOverview(false);
    expect(columnWidth()).toBe(200);
  });
});
