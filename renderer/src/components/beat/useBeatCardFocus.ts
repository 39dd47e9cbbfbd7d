import { useLayoutEffect } from 'react';
import type { RefObject } from 'react';

/**
 * Focuses the text field when a beat opens for editing, with the caret where the click landed
 * (`caretRef`, null: at the end). The refs are stable, so only `editing` re-runs it. A layout effect: the field has the focus before the next
 * keystroke is handled.
 */
export function useFocusTextOnEdit(
  editing: boolean,
  textRef: RefObject<HTMLTextAreaElement | null>,
  caretRef: RefObject<number | null>,
): void {
  useLayoutEffect(() => {
    if (!editing) return;
    const el = textRef.current;
    if (!el) return;
    el.focus();
    const caret = Math.min(caretRef.current ?? el.value.length, el.value.length);
    caretRef.current = null;
    el.setSelectionRange(caret, caret);
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [editing, textRef, caretRef]);
}

/** A beat picked up with the keyboard keeps focus while it moves between columns. */
export function useFocusLiftedCard(
  cardRef: RefObject<HTMLElement | null>,
  lifted: boolean,
  eventId: string,
  index: number,
): void {
  useLayoutEffect(() => {
    if (!lifted) return;
    const el = cardRef.current;
    if (!el) return;
    if (document.activeElement !== el) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [lifted, eventId, index, cardRef]);
}
