import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COLUMN_GAP,
  columnLeft,
  columnRange,
  columnsBefore,
  columnWidth,
  setColumnWidth,
  setColumnWidths,
  TRACK_PAD_X,
} from '../../renderer/src/virtual/layout';

/**
 * The board's layout with single columns resized (issue 16): every column's place, the columns
 * in view and a dragged event's slot agree with laying the columns out one by one.
 */
describe('column layout with widths of their own', () => {
  const BASE = 288;

  /** Left edges of `count` columns placed one after another. */
  function placed(count: number, own: Map<number, number>): number[] {
    const lefts: number[] = [];
    let x = TRACK_PAD_X;
    for (let i = 0; i < count; i++) {
      lefts.push(x);
      x += (own.get(i) ?? BASE) + COLUMN_GAP;
    }
    return lefts;
  }

  it('agrees with placing the columns one by one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.array(fc.tuple(fc.nat(59), fc.integer({ min: 200, max: 640 })), { maxLength: 8 }),
        fc.integer({ min: 0, max: 30_000 }),
        fc.integer({ min: 300, max: 2_000 }),
        (count, pairs, scroll, view) => {
          const own = new Map(pairs.filter(([i]) => i < count));
          setColumnWidth(BASE);
          setColumnWidths(own);
          const lefts = placed(count, own);
          for (let i = 0; i < count; i++) {
            expect(columnLeft(i)).toBe(lefts[i]);
            expect(columnWidth(i)).toBe(own.get(i) ?? BASE);
          }
          // In view: the last column starting at or before each edge.
          const at = (x: number) => Math.max(0, lefts.filter((l) => l <= x).length - 1);
          expect(columnRange(scroll, view, count)).toEqual({
            first: at(scroll),
            last: Math.max(at(scroll), at(scroll + view)),
          });
          // A drop at x passes the columns whose middle is left of it.
          const x = scroll + view / 2;
          const middles = lefts.map((l, i) => l + (own.get(i) ?? BASE) / 2);
          expect(columnsBefore(x, count)).toBe(middles.filter((m) => m < x).length);
        },
      ),
    );
    setColumnWidths(null);
  });
});
