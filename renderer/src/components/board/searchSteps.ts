import { useBoardNav } from './boardNav';
import { revealBeat } from './reveal';

/**
 * What one open search box remembers between keystrokes. The box holds it (a new one each time
 * it opens), so nothing outlives the box and two boards would not share it.
 */
export interface SearchMemory {
  /** Searches asked so far: an answer to an older one than the latest is dropped. */
  asked: number;
  /**
   * The last query found nowhere in a story: typing on after it cannot find anything either, so
   * it is not asked (a change to the story asks again anyway).
   */
  nowhere: { storyId: string; query: string } | null;
  /**
   * Steps (Enter / Shift+Enter) asked for while the answer to the text in the box has not
   * arrived yet, taken when it comes: Enter typed straight after a word lands on the first
   * match, not nowhere, and never steps through the answer to an older query.
   */
  queued: number;
  /** The scroll to the current match under way: a newer one stops it. */
  reveal: AbortController | null;
}

/** A search box's memory when it opens. */
export function newSearchMemory(): SearchMemory {
  return { asked: 0, nowhere: null, queued: 0, reveal: null };
}

/** True while the box's text has no answer yet (none, or one for older text). */
function waiting(): boolean {
  const { query, result } = useBoardNav.getState();
  return query.trim() !== '' && result?.query !== query;
}

/** Forgets the steps counted for the text before (the writer typed on). */
export function forgetQueuedSteps(memory: SearchMemory): void {
  memory.queued = 0;
}

/**
 * Where the first answer to a text starts among `n` hits: the first match, or where the steps
 * counted while it was awaited lead (Enter: the first, Enter Enter: the second, Shift+Enter:
 * the last). Forgets the steps.
 */
export function takeQueuedSteps(memory: SearchMemory, n: number, otherwise: number): number {
  const steps = memory.queued;
  memory.queued = 0;
  if (steps === 0 || n === 0) return otherwise;
  const at = steps > 0 ? steps - 1 : steps;
  return ((at % n) + n) % n;
}

/** Scrolls the board to a match's card; a reveal still under way stops where it is. */
export function revealMatch(memory: SearchMemory, momentId: string, eventId: string): void {
  memory.reveal?.abort();
  const reveal = new AbortController();
  memory.reveal = reveal;
  void revealBeat(momentId, eventId, reveal.signal);
}

/** Makes match `index` the current one and brings it into view. */
export function goToMatch(memory: SearchMemory, index: number): void {
  const { result, current, setCurrent } = useBoardNav.getState();
  const hit = result?.hits[index];
  if (!hit) return;
  setCurrent(index);
  // The same match again: the current match does not change, so bring it back into view here.
  if (index === current) revealMatch(memory, hit.momentId, hit.eventId);
}

/** Moves to the next (`+1`) or previous (`-1`) match, round the end; counted while waiting. */
export function step(memory: SearchMemory, by: number): void {
  if (waiting()) {
    memory.queued += by;
    return;
  }
  const { result, current } = useBoardNav.getState();
  const n = result?.hits.length ?? 0;
  if (n === 0) return;
  goToMatch(memory, (current + by + n) % n);
}
