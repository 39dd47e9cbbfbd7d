import { memo, useCallback, useId, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { Moment } from '../../../electron/core/contract/types';
import { useAutosaveText, type AutosaveField, type DraftBase } from '../hooks/useAutosaveText';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { LIMITS } from '../../../electron/core/contract/limits';
import { EMPTY_BEAT } from '../../../electron/core/names';
import { textOffsetAt } from '../lib/caret';
import { formatOffset } from '../lib/offset';
import { backwardsTimeReason } from '../lib/timeOrder';
import { lengthProblem } from '../lib/text';
import { FieldProblemNote } from './FieldProblem';
import { useStore } from '../store';
import { TrashIcon } from './icons';
import { OffsetField } from './OffsetField';
import { BeatLinks, beatDescribedBy, useBeatLogicClass } from './logic/BeatLinks';
import { onBeatCardKey, onBeatTextKey, type BeatTextPlace } from './beat/beatCardKeys';
import { useFocusLiftedCard, useFocusTextOnEdit } from './beat/useBeatCardFocus';

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
}

/** The beat's text, saved as it is typed (see `useAutosaveText`). */
function useBeatText(momentId: string, moment: Moment | undefined): AutosaveField {
  const save = useCallback(
    (text: string, base: DraftBase) => actions().saveMomentText(momentId, text, base),
    [momentId],
  );
  return useAutosaveText({
    value: moment?.description ?? '',
    updatedAt: moment?.updatedAt ?? '',
    save,
    sendNow: (typed, base) => actions().sendMomentTextNow(momentId, typed, base.stamp || undefined),
    keep: { kind: 'beat', id: momentId },
    check: checkBeatText,
    goneMessage: 'this beat was deleted elsewhere. Copy the text to keep it.',
  });
}

/** The card's classes: its edit, drag, error and logic states. */
function beatClassName(
  editing: boolean,
  dragMode: 'pointer' | 'keyboard' | null,
  error: unknown,
  logicClass: string,
): string {
  return [
    'beat',
    editing && 'is-editing',
    dragMode === 'pointer' && 'is-drag-source',
    dragMode === 'keyboard' && 'is-lifted',
    error && 'has-error',
    logicClass,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The hidden name the card is read by: its number, time and time warning. */
function beatLabel(number: number, moment: Moment, backwards: string | null): string {
  const offsetLabel =
    (moment.timestampOffset === null ? '' : `, at ${formatOffset(moment.timestampOffset)}`) +
    (backwards ? ` (${backwards.toLowerCase()})` : '');
  return `Beat ${number}${offsetLabel}:`;
}

interface TextFieldProps {
  textRef: RefObject<HTMLTextAreaElement | null>;
  textId: string;
  number: number;
  field: AutosaveField;
  place: BeatTextPlace;
}

/** The beat's text while it is edited. */
function BeatTextField({ textRef, textId, number, field, place }: TextFieldProps) {
  return (
    <textarea
      ref={textRef}
      id={textId}
      className="beat-textarea"
      value={field.text}
      placeholder="What happens in this beat?"
      aria-label={`Beat ${number} description`}
      rows={1}
      dir="auto"
      onChange={(e) => field.change(e.target.value)}
      onKeyDown={(e) => onBeatTextKey(e, place)}
      onBlur={() => void place.finishEditing(false)}
    />
  );
}

interface TimeProps {
  momentId: string;
  offset: number | null;
  number: number;
  backwards: string | null;
  onError: (message: string | null) => void;
}

/** The beat's time field and, when it runs backwards, why. */
function BeatTime({ momentId, offset, number, backwards, onError }: TimeProps) {
  return (
    <div className="beat-time">
      <OffsetField momentId={momentId} offset={offset} number={number} onError={onError} />
      {backwards && (
        <span className="time-backwards" data-testid="time-backwards">
          <span aria-hidden="true">↑ </span>
          {backwards}
        </span>
      )}
    </div>
  );
}

/** What went wrong with the beat: its text could not be saved, or its time was refused. */
function BeatProblem(props: {
  momentId: string;
  field: AutosaveField;
  offsetError: string | null;
}) {
  const { momentId, field, offsetError } = props;
  if (!field.problem) {
    return offsetError ? (
      <p className="beat-error" role="alert">
        {offsetError}
      </p>
    ) : null;
  }
  return (
    <FieldProblemNote
      className="beat-error"
      problem={field.problem}
      text={field.text}
      onRetry={() => void field.retry()}
      onKeepBoth={() => {
        // Theirs stays in this beat; the writer's text becomes the beat right after it.
        actions().addMomentAfter(momentId, field.text);
        field.discard();
        actions().setEditingMoment(null);
      }}
    />
  );
}

interface FieldsProps {
  momentId: string;
  eventId: string;
  index: number;
  moment: Moment;
  editing: boolean;
  field: AutosaveField;
  textId: string;
  backwards: string | null;
  onOffsetError: (message: string | null) => void;
}

/**
 * The beat's own form: its text (shown, clamped when long, or edited) and its time. It stays
 * mounted while the text opens and closes, so the clamp's Show more survives an edit.
 */
function BeatFields(props: FieldsProps) {
  const { momentId, eventId, index, moment, editing, field, textId } = props;
  // Where the click that opened the text landed (null: at the end).
  const caretRef = useRef<number | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const { ref: clampRef, className: clampClass, ...clamp } = useClamp(field.text, editing);
  useFocusTextOnEdit(editing, textRef, caretRef);
  const number = index + 1;

  const finishEditing = async (refocus: boolean) => {
    if (actions().editingMomentId === momentId) actions().setEditingMoment(null);
    if (refocus) actions().requestFocus('beat', momentId);
    await field.end();
  };

  return (
    // A form of their own (no box, no role): Chromium's autofill re-reads every field outside a
    // form on each keystroke (all the board's fields, a few ms a key), in one only these.
    <form className="beat-fields" role="none" onSubmit={(e) => e.preventDefault()}>
      {editing ? (
        <BeatTextField
          textRef={textRef}
          textId={textId}
          number={number}
          field={field}
          place={{ momentId, eventId, index, finishEditing }}
        />
      ) : (
        <p
          ref={clampRef}
          id={textId}
          className={`beat-text ${field.text ? '' : 'is-placeholder'} ${clampClass}`}
          data-testid="beat-text"
          dir="auto"
          onClick={(e) => {
            caretRef.current = field.text
              ? textOffsetAt(e.currentTarget, e.clientX, e.clientY)
              : null;
            actions().setEditingMoment(momentId);
          }}
        >
          {field.text || `${EMPTY_BEAT}. Click to write.`}
        </p>
      )}
      {!editing && clamp.toggles && (
        <ShowMore expanded={clamp.expanded} onToggle={clamp.toggle} textId={textId} />
      )}
      <BeatTime
        momentId={momentId}
        offset={moment.timestampOffset}
        number={number}
        backwards={props.backwards}
        onError={props.onOffsetError}
      />
    </form>
  );
}

/** One beat on the board: its number, text, time, links and delete button. */
export const BeatCard = memo(function BeatCard({ momentId, eventId, index }: Props) {
  const moment = useStore((s) => s.timeline?.moments[momentId]);
  const editing = useStore((s) => s.editingMomentId === momentId);
  const dragMode = useStore((s) => (s.drag?.id === momentId ? s.drag.mode : null));
  const backwards = useStore((s) => backwardsTimeReason(s.timeline, eventId, momentId));
  const [offsetError, setOffsetError] = useState<string | null>(null);
  const logicClass = useBeatLogicClass(momentId);
  const cardRef = useRef<HTMLElement>(null);
  const labelId = useId();
  const textId = useId();
  const number = index + 1;
  useFocusRequest('beat', momentId, cardRef);
  const text = useBeatText(momentId, moment);
  useFocusLiftedCard(cardRef, dragMode === 'keyboard', eventId, index);

  if (!moment) return null;

  return (
    <article
      ref={cardRef}
      className={beatClassName(editing, dragMode, text.problem ?? offsetError, logicClass)}
      data-beat-id={momentId}
      tabIndex={0}
      aria-roledescription="beat"
      aria-labelledby={`${labelId} ${textId}`}
      aria-describedby={beatDescribedBy(`${labelId}b`, logicClass)}
      onKeyDown={(e) => onBeatCardKey(e, momentId, eventId)}
      data-drag-kind={editing ? undefined : 'moment'}
      data-drag-id={editing ? undefined : momentId}
    >
      <span className="beat-number" aria-hidden="true">
        {number}
      </span>
      {/* Named through aria-labelledby only: no box to lay out, paint or hit-test per card. */}
      <span id={labelId} hidden>
        {beatLabel(number, moment, backwards)}
      </span>
      <BeatFields
        momentId={momentId}
        eventId={eventId}
        index={index}
        moment={moment}
        editing={editing}
        field={text}
        textId={textId}
        backwards={backwards}
        onOffsetError={setOffsetError}
      />
      <BeatLinks momentId={momentId} number={number} noteId={`${labelId}b`} />
      <button
        type="button"
        className="beat-delete"
        aria-label={`Delete beat ${number}`}
        title="Delete beat (Delete)"
        onClick={() => actions().deleteMoment(momentId)}
      >
        {trashIcon}
      </button>
      <BeatProblem momentId={momentId} field={text} offsetError={offsetError} />
    </article>
  );
});
