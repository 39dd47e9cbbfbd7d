import { memo, useCallback, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { startKeyboardDrag } from '../drag/keyboardInput';
import { useAutosaveText, type DraftBase } from '../hooks/useAutosaveText';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { LIMITS } from '../../../electron/core/contract/limits';
import { textOffsetAt } from '../lib/caret';
import { formatOffset } from '../lib/offset';
import { backwardsTimeReason } from '../lib/timeOrder';
import { lengthProblem } from '../lib/text';
import { FieldProblemNote } from './FieldProblem';
import { useStore } from '../store';
import { focusBeatAt, focusGoalFrom } from '../virtual/focusGoal';
import { TrashIcon } from './icons';
import { OffsetField } from './OffsetField';
import { BeatLinks, useBeatLogicClass } from './logic/BeatLinks';

// Board navigation (issue 16): long beats clamped with Show more / Show less.
import { ShowMore } from './board/ShowMore';
import { useClamp } from './board/useClamp';

/** Why a beat's text cannot be saved as typed (too long), or null. */
const checkBeatText = (text: string) => lengthProblem(text, LIMITS.beatDescription);

/** Store actions, read when used: a card subscribes only to the data it shows. */
const actions = () => useStore.getState();

/** One element for every card: React skips it when a card re-renders (each keystroke). */
const trashIcon = <TrashIcon size={13} />;

interface Props {
  momentId: string;
  eventId: string;
  /** 0-based place in the event as shown (during a keyboard move, where it would land). */
  index: number;
  /** Stable across the temporary → database id swap of a new beat. */
  reactKey: string;
}

/**
 * Moves focus between beats with the arrow keys (when not moving one), through the model: the
 * neighbour may not be rendered or loaded yet (see `focusBeatAt`).
 */
function focusNeighbour(momentId: string, eventId: string, key: string): void {
  const model = useStore.getState().timeline;
  if (!model) return;
  const start = focusGoalFrom(momentId) ?? {
    eventId,
    index: model.momentIds[eventId]?.indexOf(momentId) ?? -1,
  };
  if (start.index < 0) return;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const at = start.index + (key === 'ArrowUp' ? -1 : 1);
    const count = model.momentIds[start.eventId]?.length ?? 0;
    if (at >= 0 && at < count) focusBeatAt(momentId, start.eventId, at);
    return;
  }
  const order = model.eventOrder;
  const next = order[order.indexOf(start.eventId) + (key === 'ArrowLeft' ? -1 : 1)];
  if (next) focusBeatAt(momentId, next, start.index);
}

export const BeatCard = memo(function BeatCard({ momentId, eventId, index, reactKey }: Props) {
  const moment = useStore((s) => s.timeline?.moments[momentId]);
  const editing = useStore((s) => s.editingMomentId === momentId);
  const dragMode = useStore((s) => (s.drag?.id === momentId ? s.drag.mode : null));
  const backwards = useStore((s) => backwardsTimeReason(s.timeline, eventId, momentId));
  // Where the click that opened the text landed (null: at the end).
  const caretRef = useRef<number | null>(null);
  const [offsetError, setOffsetError] = useState<string | null>(null);
  const logicClass = useBeatLogicClass(momentId);
  const cardRef = useRef<HTMLElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const labelId = useId();
  const textId = useId();
  const number = index + 1;
  useFocusRequest('beat', reactKey, cardRef);

  const save = useCallback(
    (text: string, base: DraftBase) => actions().saveMomentText(momentId, text, base),
    [momentId],
  );
  const text = useAutosaveText({
    value: moment?.description ?? '',
    updatedAt: moment?.updatedAt ?? '',
    save,
    sendNow: (typed) => actions().sendMomentTextNow(momentId, typed),
    check: checkBeatText,
    goneMessage: 'this beat was deleted elsewhere. Copy the text to keep it.',
  });
  const clamp = useClamp(text.text, editing);

  // Layout effect: the text field has the focus before the next keystroke is handled.
  useLayoutEffect(() => {
    if (!editing) return;
    const el = textRef.current;
    if (!el) return;
    el.focus();
    const caret = Math.min(caretRef.current ?? el.value.length, el.value.length);
    caretRef.current = null;
    el.setSelectionRange(caret, caret);
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [editing]);

  // A beat picked up with the keyboard keeps focus while it moves between columns.
  useLayoutEffect(() => {
    if (dragMode !== 'keyboard') return;
    const el = cardRef.current;
    if (!el) return;
    if (document.activeElement !== el) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [dragMode, eventId, index]);

  if (!moment) return null;

  const startEditing = () => actions().setEditingMoment(momentId);

  const finishEditing = async (refocus: boolean) => {
    if (actions().editingMomentId === momentId) actions().setEditingMoment(null);
    if (refocus) actions().requestFocus('beat', momentId);
    await text.end();
  };

  const onCardKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.target !== e.currentTarget || e.altKey || e.ctrlKey || e.metaKey) return;
    switch (e.key) {
      case ' ':
        e.preventDefault();
        if (!e.repeat) startKeyboardDrag('moment', momentId);
        break;
      case 'Enter':
      case 'F2':
        e.preventDefault();
        startEditing();
        break;
      case 'l':
      case 'L':
        e.preventDefault();
        actions().openLinkPicker(momentId);
        break;
      case 'Delete':
      case 'Backspace': {
        e.preventDefault();
        // The focus moves on to the next beat (or the previous, or Add beat).
        const siblings = useStore.getState().timeline?.momentIds[eventId] ?? [];
        const at = siblings.indexOf(momentId);
        const next = siblings[at + 1] ?? siblings[at - 1];
        actions().deleteMoment(momentId);
        if (next) actions().requestFocus('beat', next);
        else actions().requestFocus('add-beat', eventId);
        break;
      }
      case 'ArrowUp':
      case 'ArrowDown':
      case 'ArrowLeft':
      case 'ArrowRight':
        e.preventDefault();
        focusNeighbour(momentId, eventId, e.key);
        break;
    }
  };

  const onTextKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    if (e.key === 'Escape') {
      // Escape leaves the text as it is, saved: it never throws typing away. A beat just added
      // (Enter, Add beat) and left empty is removed instead, as an undoable delete.
      e.preventDefault();
      e.stopPropagation();
      const fresh = useStore.getState().takeFreshBeat(momentId);
      if (fresh && el.value.trim() === '') {
        const siblings = useStore.getState().timeline?.momentIds[eventId] ?? [];
        const at = siblings.indexOf(momentId);
        const back = siblings[at - 1] ?? siblings[at + 1];
        void finishEditing(false);
        actions().deleteMoment(momentId);
        if (back) actions().requestFocus('beat', back);
        else actions().requestFocus('add-beat', eventId);
        return;
      }
      void finishEditing(true);
      return;
    }
    // Enter, wherever the caret is, ends this beat and starts the next; Shift+Enter is a new line.
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      // Both are queued in order: this beat's text is saved, then the next beat is created.
      void finishEditing(false);
      void actions().addMoment(eventId, index + 1);
    }
  };

  const error = text.problem ?? offsetError;
  const lifted = dragMode === 'keyboard';
  const className = [
    'beat',
    editing && 'is-editing',
    dragMode === 'pointer' && 'is-drag-source',
    lifted && 'is-lifted',
    error && 'has-error',
    logicClass,
  ]
    .filter(Boolean)
    .join(' ');
  const offsetLabel =
    (moment.timestampOffset === null ? '' : `, at ${formatOffset(moment.timestampOffset)}`) +
    (backwards ? ` (${backwards.toLowerCase()})` : '');

  return (
    <article
      ref={cardRef}
      className={className}
      data-beat-id={momentId}
      tabIndex={0}
      aria-roledescription="beat"
      aria-labelledby={`${labelId} ${textId}`}
      aria-describedby="beat-instructions"
      onKeyDown={onCardKeyDown}
      data-drag-kind={editing ? undefined : 'moment'}
      data-drag-id={editing ? undefined : momentId}
    >
      <span className="beat-number" aria-hidden="true">
        {number}
      </span>
      {/* Named through aria-labelledby only: no box to lay out, paint or hit-test per card. */}
      <span id={labelId} hidden>
        {`Beat ${number}${offsetLabel}:`}
      </span>
      {/* A form of their own (no box, no role): Chromium's autofill re-reads every field outside
          a form on each keystroke (all the board's fields, a few ms a key), in one only these. */}
      <form className="beat-fields" role="none" onSubmit={(e) => e.preventDefault()}>
        {editing ? (
          <textarea
            ref={textRef}
            id={textId}
            className="beat-textarea"
            value={text.text}
            placeholder="What happens in this beat?"
            aria-label={`Beat ${number} description`}
            rows={1}
            dir="auto"
            onChange={(e) => text.change(e.target.value)}
            onKeyDown={onTextKeyDown}
            onBlur={() => void finishEditing(false)}
          />
        ) : (
          <p
            ref={clamp.ref}
            id={textId}
            className={`beat-text ${text.text ? '' : 'is-placeholder'} ${clamp.className}`}
            data-testid="beat-text"
            dir="auto"
            onClick={(e) => {
              caretRef.current = text.text
                ? textOffsetAt(e.currentTarget, e.clientX, e.clientY)
                : null;
              startEditing();
            }}
          >
            {text.text || 'Empty beat. Click to write.'}
          </p>
        )}
        {!editing && clamp.toggles && (
          <ShowMore expanded={clamp.expanded} onToggle={clamp.toggle} textId={textId} />
        )}
        <div className="beat-time">
          <OffsetField
            momentId={momentId}
            offset={moment.timestampOffset}
            number={number}
            onError={setOffsetError}
          />
          {backwards && (
            <span className="time-backwards" data-testid="time-backwards">
              <span aria-hidden="true">↑ </span>
              {backwards}
            </span>
          )}
        </div>
      </form>
      <BeatLinks momentId={momentId} number={number} />
      <button
        type="button"
        className="beat-delete"
        aria-label={`Delete beat ${number}`}
        title="Delete beat (Delete)"
        onClick={() => actions().deleteMoment(momentId)}
      >
        {trashIcon}
      </button>
      {text.problem ? (
        <FieldProblemNote
          className="beat-error"
          problem={text.problem}
          text={text.text}
          onRetry={() => void text.retry()}
          onKeepBoth={() => {
            // Theirs stays in this beat; the writer's text becomes the beat right after it.
            actions().addMomentAfter(momentId, text.text);
            text.discard();
            actions().setEditingMoment(null);
          }}
        />
      ) : (
        offsetError && (
          <p className="beat-error" role="alert">
            {offsetError}
          </p>
        )
      )}
    </article>
  );
});
