import type { Slot } from '../store/timelineModel';

/**
 * Measured heights of beat cards (by beat id), for placing the rows that are not rendered.
 * Beats never measured count as the average of those measured so far (frozen once it is
 * well known, so estimates do not drift while the writer scrolls).
 */
const heights = new Map<string, number>();
const FIRST_ESTIMATE = 84;
const SAMPLES = 200;
let sampleSum = 0;
let samples = 0;

function estimate(): number {
  return samples === 0 ? FIRST_ESTIMATE : sampleSum / samples;
}

/** The height a row takes: measured, or estimated. */
export function rowHeight(id: Slot): number {
  return (id === null ? undefined : heights.get(id)) ?? estimate();
}

/**
 * Records a card's height; true when the layout should be computed again: the card's first
 * measurement (it was placed by an estimate, perhaps an older one) or a change of height.
 */
export function recordHeight(id: string, height: number): boolean {
  const before = heights.get(id);
  if (before === undefined && samples < SAMPLES) {
    sampleSum += height;
    samples += 1;
  }
  heights.set(id, height);
  return before === undefined || Math.abs(before - height) > 0.5;
}
