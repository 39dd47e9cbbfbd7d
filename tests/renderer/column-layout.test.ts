import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { seedStory } from '../helpers/library';
import { storeOnLibrary } from './store-on-library';

/**
 * The board's layout with single columns resized (issue 16): every column's place, the columns
 * in view and a dragged event's slot agree with laying the columns out one by one. The widths
 * are read from the stores (the board's and each event's own), as the open board reads them.
 */
let lib: Library;
let store: { getState(): Store; setState(partial: Partial<Store>): void };

beforeEach(async () => {
  const opened = await storeOnLibrary();
  lib = opened.lib;
  store = opened.store as typeof store;
});
afterEach(() => {
  vi.unstubAllGlobals();
  lib.close();
});

const layout = () => import('../../renderer/src/virtual/layout');
const boardNav = () => import('../../renderer/src/components/board/boardNav');

/** Opens a one-event story in the store; its event order is then replaced by the test's. */
async function openStory(): Promise<string> {
  const { story } = seedStory(lib.dispatcher, { Harbour: ['beat'] });
  store.getState().openStory(story.id);
  await vi.waitFor(
    () => {
      if (store.getState().timeline?.story.id !== story.id || store.getState().pending > 0)
        throw new Error('not yet');
    },
    { timeout: 10_000, interval: 10 },
  );
  return story.id;
}

describe('column layout with widths of their own', () => {
  const BASE = 288;

  /** Left edges of `count` columns placed one after another from `pad`, `gap` apart. */
  function placed(count: number, own: Map<number, number>, pad: number, gap: number): number[] {
    const lefts: number[] = [];
    let x = pad;
    for (let i = 0; i < count; i++) {
      lefts.push(x);
      x += (own.get(i) ?? BASE) + gap;
    }
    return lefts;
  }

  it('agrees with placing the columns one by one', async () => {
    const l = await layout();
    const { useBoardNav } = await boardNav();
    const storyId = await openStory();
    const model = store.getState().timeline!;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(59), fc.integer({ min: 200, max: 640 })), { maxLength: 8 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 300, max: 2_000 }),
        (count, pairs, scroll, view) => {
          const own = new Map(pairs.filter(([i]) => i < count));
          const eventOrder = Array.from({ length: count }, (_, i) => `e${i}`);
          // Widths by event id, as the resize handles keep them.
          const byId = Object.fromEntries([...own].map(([i, px]) => [`e${i}`, px]));
          useBoardNav.setState({ widths: { [storyId]: BASE }, ownWidths: { [storyId]: byId } });
          store.setState({ timeline: { ...model, eventOrder } });
          const lefts = placed(count, own, l.TRACK_PAD_X, l.COLUMN_GAP);
          for (let i = 0; i < count; i++) {
            expect(l.columnLeft(i)).toBe(lefts[i]);
            expect(l.columnWidth(i)).toBe(own.get(i) ?? BASE);
          }
          expect(l.columnWidth()).toBe(BASE);
          // In view: the last column starting at or before each edge.
          const at = (x: number) => Math.max(0, lefts.filter((left) => left <= x).length - 1);
          expect(l.columnRange(scroll, view, count)).toEqual({
            first: at(scroll),
            last: Math.max(at(scroll), at(scroll + view)),
          });
          // A drop at x passes the columns whose middle is left of it.
          const x = scroll + view / 2;
          const middles = lefts.map((left, i) => left + (own.get(i) ?? BASE) / 2);
          expect(l.columnsBefore(x, count)).toBe(middles.filter((m) => m < x).length);
        },
      ),
    );
  });

  it('a width follows its event when the events are reordered, and the overview ignores it', async () => {
    const l = await layout();
    const { useBoardNav } = await boardNav();
    const storyId = await openStory();
    const model = store.getState().timeline!;
    useBoardNav.setState({ widths: { [storyId]: BASE }, ownWidths: { [storyId]: { b: 400 } } });
    store.setState({ timeline: { ...model, eventOrder: ['a', 'b', 'c'] } });
    expect(l.columnWidth(1)).toBe(400);
    expect(l.columnLeft(2)).toBe(l.TRACK_PAD_X + BASE + 400 + 2 * l.COLUMN_GAP);
    store.setState({ timeline: { ...model, eventOrder: ['b', 'a', 'c'] } });
    expect(l.columnWidth(0)).toBe(400);
    expect(l.columnWidth(1)).toBe(BASE);
    // A keyboard move shows the moving event at its new place, with its width.
    store.setState({
      drag: {
        kind: 'event',
        id: 'b',
        mode: 'keyboard',
        origin: { index: 0 },
        target: { index: 2 },
      },
    });
    expect(l.columnWidth(2)).toBe(400);
    expect(l.columnWidth(0)).toBe(BASE);
    store.setState({ drag: null });
    useBoardNav.setState({ overview: true });
    expect(l.columnWidth(0)).toBe(124);
    expect(l.ownColumnWidths()).toBeNull();
    useBoardNav.setState({ overview: false });
    expect(l.ownColumnWidths()).toEqual(new Map([[0, 400]]));

    // How many columns fit a window, asked with no end to the columns (useColumnsInView):
    // the search over the resized layout ends, with the widened first column counted.
    const inView = l.columnRange(0, 1280, Number.MAX_SAFE_INTEGER);
    expect(inView).toEqual({ first: 0, last: 3 });
  });
});
