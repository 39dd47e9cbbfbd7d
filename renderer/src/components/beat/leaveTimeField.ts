import { parseOffset } from '../../lib/offset';
import { useStore } from '../../store';
import { draftToKeep, noticeUnsaved } from '../../store/draftPlace';
import type { HandedDraft } from '../../store/draftsSlice';
import { draftKey, keepDraft } from '../../store/keptDrafts';
import type { DraftBase, SaveProblem } from '../../store/saveText';
import { sendTyped, timeTarget, typedOver, type DraftCell } from './timeDraft';

/**
 * A beat's time field leaving the page with a time typed in it: its beat moved to another
 * event in another window (its card drawn again there, h75), or it, its event or its story
 * deleted there (h77), or the story left. The typed time is handed to the field drawn next
 * for the beat, and a valid one is saved (queued, as always); when the library refuses it, or
 * a time not yet valid finds its beat gone, and no field took it over, one notice holds it
 * with Copy text (the status says Not saved until it is closed). It used to wait unseen.
 */

/** Why the library did not take a typed time whose field is gone, as the notice says it. */
function reasonFor(problem: SaveProblem): string {
  if (problem.code === 'not_found') return 'the beat was deleted elsewhere.';
  if (problem.code === 'conflict') return 'it was changed in another window while you typed.';
  return problem.message;
}

/** Keeps `typed` for the next open and offers it in one notice. */
function offer(momentId: string, typed: string, base: DraftBase, reason: string): void {
  const target = timeTarget(momentId);
  keepDraft(draftToKeep(target, typed, base, null));
  noticeUnsaved(`the time "${typed}" typed in a beat: ${reason}`, typed, target);
}

/**
 * A time not yet valid (`2:`) cannot be sent: it waits for the field drawn next for its beat,
 * and is offered once the beat is no longer in the story on screen (deleted, or the story left).
 */
function watchHalfTyped(momentId: string, draft: HandedDraft): void {
  const key = draftKey(timeTarget(momentId));
  // Why not, or null while the beat is in the story on screen (a deleted story's stays in the
  // store, the library shown).
  const gone = (): string | null => {
    const { view, timeline } = useStore.getState();
    if (view.name !== 'story' || timeline?.story.id !== view.storyId) {
      return 'its story is no longer open.';
    }
    return timeline.moments[momentId] ? null : 'the beat was deleted elsewhere.';
  };
  let stop = () => {};
  const lose = (why: string) => {
    stop();
    useStore.getState().dropHandedDraft(key, draft);
    offer(momentId, draft.text, draft.base, why);
  };
  const why = gone();
  if (why !== null) {
    lose(why);
    return;
  }
  stop = useStore.subscribe(() => {
    const why = gone();
    if (why !== null) lose(why);
  });
  draft.adopted = () => stop();
}

/** The field leaves the page: its typed time, if any, is handed over and saved (see above). */
export function leaveTimeField(cell: DraftCell): void {
  const typed = cell.draftRef.current;
  if (typed === null) return;
  // The field is gone: the answers below no longer settle it (nor its entry in the status).
  cell.draftRef.current = null;
  const base = (cell.baseRef.current ??= typedOver(cell));
  const key = draftKey(timeTarget(cell.momentId));
  const inFlight = cell.sendingRef.current === typed && cell.inflightRef.current !== null;
  let adopted = false;
  const draft: HandedDraft = { text: typed, base, adopted: () => (adopted = true) };
  // A time on its way: the field drawn next shows the library's once it lands.
  if (!inFlight) useStore.getState().handOverDraft(key, draft);
  const parsed = parseOffset(typed);
  if (!parsed.ok) {
    watchHalfTyped(cell.momentId, draft);
    return;
  }
  void sendTyped(cell, typed, parsed.seconds).then((problem) => {
    useStore.getState().dropHandedDraft(key, draft);
    if (problem && !adopted) offer(cell.momentId, typed, base, reasonFor(problem));
  });
}
