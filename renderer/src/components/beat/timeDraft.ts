import type { RefObject } from 'react';
import { useStore } from '../../store';
import { forgetDraft } from '../../store/draftPlace';
import type { DraftTarget } from '../../store/keptDrafts';
import type { DraftBase, SaveProblem } from '../../store/saveText';
import { offsetText } from '../../store/timelineText';

/** A beat's typed time, as its field (`useOffsetDraft`) keeps it, and its save. */

/** What the time field's save steps share: the beat, the field, its typed text and its timer. */
export interface DraftCell {
  momentId: string;
  fieldKey: string;
  onError: (message: string | null) => void;
  /** The typed time (null: none). The blur that follows Escape runs before React re-renders. */
  draftRef: RefObject<string | null>;
  autosave: RefObject<{ timer?: ReturnType<typeof setTimeout>; since: number | null }>;
  /** The beat's time and stamp when the typing began (null: nothing typed). */
  baseRef: RefObject<DraftBase | null>;
  /** The typed time sent and not answered yet (the library may hold it when the page closes). */
  sendingRef: RefObject<string | null>;
  /** The save of `sendingRef`'s time: a save of the same time waits for it (see `sendTyped`). */
  inflightRef: RefObject<Promise<SaveProblem | null> | null>;
  /** The typed time; the save status says "Saving…" while one is not sent, or why not. */
  setDraft: (value: string | null, problem?: string | null) => void;
  setInvalid: (invalid: boolean) => void;
}

export const timeTarget = (momentId: string): DraftTarget => ({ kind: 'beatTime', id: momentId });

/** What the typed time goes over: where its typing began, or the beat as the store has it. */
export const typedOver = (cell: DraftCell): DraftBase =>
  cell.baseRef.current ?? beatTimeNow(cell.momentId);

/** The beat's time and stamp as the store has them: what a run of typing starts from. */
export function beatTimeNow(momentId: string): DraftBase {
  const moment = useStore.getState().timeline?.moments[momentId];
  return { text: offsetText(moment?.timestampOffset ?? null), stamp: moment?.updatedAt ?? '' };
}

/**
 * Sends `typed` over what the typing began from; resolves to why it was refused, or null. A
 * time already on its way is not sent again: an Undo pressed before its answer is queued after
 * it, and a second copy would come after that Undo and write the time back (h75).
 */
export function sendTyped(
  cell: DraftCell,
  typed: string,
  seconds: number | null,
): Promise<SaveProblem | null> {
  const inflight = cell.inflightRef.current;
  if (cell.sendingRef.current === typed && inflight) return inflight;
  const base = (cell.baseRef.current ??= typedOver(cell));
  cell.sendingRef.current = typed;
  const sent = useStore
    .getState()
    .setMomentOffset(cell.momentId, seconds, base)
    .then((problem) => {
      if (cell.sendingRef.current === typed) cell.sendingRef.current = null;
      if (problem === null) forgetDraft(timeTarget(cell.momentId), typed);
      return problem;
    });
  cell.inflightRef.current = sent;
  return sent;
}
