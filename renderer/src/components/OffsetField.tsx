import { memo, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { formatOffset, parseOffset } from '../lib/offset';
import { useStore } from '../store';
import { ClockIcon } from './icons';

interface Props {
  momentId: string;
  offset: number | null;
  number: number;
  onError: (message: string | null) => void;
}

/** After Enter: focus the next beat's time in the column, or this beat's card if it is last. */
function moveOnFrom(field: HTMLInputElement): void {
  const card = field.closest<HTMLElement>('[data-beat-id]');
  const cards = [
    ...(card?.closest('[data-beat-list]')?.querySelectorAll<HTMLElement>('[data-beat-id]') ?? []),
  ];
  const next = card ? cards[cards.indexOf(card) + 1] : undefined;
  const target = next?.querySelector<HTMLInputElement>('.offset-input') ?? card;
  target?.focus();
}

/**
 * A beat's time offset: shows `m:ss`, takes `m:ss`, `h:mm:ss` or seconds; empty clears it.
 * Memoized: typing in the beat's text re-renders the card, not this field.
 */
export const OffsetField = memo(function OffsetField({ momentId, offset, number, onError }: Props) {
  const [draft, setDraftState] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [focused, setFocused] = useState(false);
  const hintId = useId();
  // The blur that follows Escape runs before React re-renders: it reads the draft from here.
  const draftRef = useRef<string | null>(null);
  const setDraft = (value: string | null) => {
    draftRef.current = value;
    setDraftState(value);
  };
  const shown = offset === null ? '' : formatOffset(offset);
  const text = draft ?? shown;

  const commit = async (keepInvalidText: boolean): Promise<boolean> => {
    const typed = draftRef.current;
    if (typed === null) return true;
    const parsed = parseOffset(typed);
    if (!parsed.ok) {
      if (keepInvalidText) {
        // Enter: the text stays for fixing, with the reason beside it.
        setInvalid(true);
        onError(parsed.message);
      } else {
        // Leaving the field: the saved time comes back; the reason is still said.
        setDraft(null);
        setInvalid(false);
        onError(null);
        useStore.getState().toast('error', `Time not changed. ${parsed.message}`);
      }
      return false;
    }
    setInvalid(false);
    onError(null);
    setDraft(null);
    const message = await useStore.getState().setMomentOffset(momentId, parsed.seconds);
    if (message) onError(message);
    return message === null;
  };

  // Undo from inside this field sends the typed time first (it becomes a step, then is undone).
  const commitRef = useRef(commit);
  commitRef.current = commit;
  useEffect(
    () =>
      useStore
        .getState()
        .registerDraftField({ commit: () => commitRef.current(false), sendNow: () => {} }),
    [],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      // Enter saves the time and moves on to the next beat's time (or back to the card).
      e.preventDefault();
      const field = e.currentTarget;
      const valid = draftRef.current === null || parseOffset(draftRef.current).ok;
      void commit(true);
      if (valid) moveOnFrom(field);
    } else if (e.key === 'Escape') {
      // Back to the saved time (which Escape never changes) and to the card.
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
      setInvalid(false);
      onError(null);
      (e.currentTarget.closest('[data-beat-id]') as HTMLElement | null)?.focus();
    }
  };

  return (
    <>
      <label className={`offset ${offset === null && draft === null ? 'is-empty' : ''}`}>
        <ClockIcon size={13} />
        <input
          className="offset-input"
          value={text}
          placeholder="m:ss"
          inputMode="text"
          spellCheck={false}
          autoComplete="off"
          aria-label={`Time offset of beat ${number}`}
          aria-invalid={invalid || undefined}
          aria-keyshortcuts="Enter Escape"
          aria-describedby={hintId}
          title="Time into the event: m:ss, h:mm:ss or seconds. Empty clears it."
          onFocus={(e) => {
            setFocused(true);
            e.currentTarget.select();
          }}
          onChange={(e) => {
            setDraft(e.target.value);
            if (invalid) {
              setInvalid(false);
              onError(null);
            }
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setFocused(false);
            void commit(false);
          }}
        />
      </label>
      <span
        id={hintId}
        className="offset-hint"
        hidden={!focused}
        title="Time into the event: m:ss, h:mm:ss or seconds. Enter saves."
      >
        Time into the event
      </span>
    </>
  );
});
