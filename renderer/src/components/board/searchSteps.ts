import { useBoardNav } from './boardNav';
import { revealBeat } from './reveal';

/**
 * Walking the matches (Enter / Shift+Enter). Steps asked for while the answer to the text in the
 * box has not arrived yet are counted and taken when it comes: Enter typed straight after a word
 * lands on the first match, not nowhere, and never steps through the answer to an older query.
 */
let queued = 0;

/** True while the box's text has no answer yet (none, or one for older text). */
function waiting(): boolean {
  const { query, result } = useBoardNav.getState();
  return query.trim() !== '' && result?.query !== query;
}

/** Forgets the steps counted for the text before (the writer typed on). */
export function forgetQueuedSteps(): void {
  queued = 0;
}

/**
 * Where the first answer to a text starts among `n` hits: the first match, or where the steps
 * counted while it was awaited lead (Enter: the first, Enter Enter: the second, Shift+Enter:
 * the last). Forgets the steps.
 */
export function takeQueuedSteps(n: number, otherwise: number): number {
  const steps = queued;
  queued = 0;
  if (steps === 0 || n === 0) return otherwise;
  const at = steps > 0 ? steps - 1 : steps;
  return ((at % n) + n) % n;
}

/** Makes match `index` the current one and brings it into view. */
export function goToMatch(index: number): void {
  const { result, current, setCurrent } = useBoardNav.getState();
  const hit = result?.hits[index];
  if (!hit) return;
  setCurrent(index);
  // The same match again: the current match does not change, so bring it back into view here.
  if (index === current) void revealBeat(hit.momentId, hit.eventId);
}

/** Moves to the next (`+1`) or previous (`-1`) match, round the end; counted while waiting. */
export function step(by: number): void {
  if (waiting()) {
    queued += by;
    return;
  }
  const { result, current } = useBoardNav.getState();
  const n = result?.hits.length ?? 0;
  if (n === 0) return;
  goToMatch((current + by + n) % n);
}
