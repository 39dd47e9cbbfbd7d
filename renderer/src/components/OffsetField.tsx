import { memo, useId, useState, type KeyboardEvent } from 'react';
import { formatOffset, parseOffset } from '../lib/offset';
import { ClockIcon } from './icons';
import { useOffsetDraft, type OffsetDraft } from './beat/useOffsetDraft';

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

/** Enter saves the time and moves on; Escape goes back to the card, keeping a valid time. */
function onOffsetKey(e: KeyboardEvent<HTMLInputElement>, draft: OffsetDraft): void {
  const typed = draft.draftRef.current;
  if (e.key === 'Enter') {
    // Enter saves the time and moves on to the next beat's time (or back to the card).
    e.preventDefault();
    const field = e.currentTarget;
    const valid = typed === null || parseOffset(typed).ok;
    void draft.commit(true);
    if (valid) moveOnFrom(field);
  } else if (e.key === 'Escape') {
    // Back to the card, keeping a typed time (saved); an invalid one gives the saved back.
    e.preventDefault();
    e.stopPropagation();
    if (typed !== null && parseOffset(typed).ok) void draft.commit(false);
    else draft.drop();
    (e.currentTarget.closest('[data-beat-id]') as HTMLElement | null)?.focus();
  }
}

/**
 * A beat's time offset: shows `m:ss`, takes `m:ss`, `h:mm:ss` or seconds; empty clears it.
 * Memoized: typing in the beat's text re-renders the card, not this field.
 */
export const OffsetField = memo(function OffsetField({ momentId, offset, number, onError }: Props) {
  const [focused, setFocused] = useState(false);
  const hintId = useId();
  const draft = useOffsetDraft(momentId, onError);
  const text = draft.draft ?? (offset === null ? '' : formatOffset(offset));

  return (
    <>
      <label className={`offset ${offset === null && draft.draft === null ? 'is-empty' : ''}`}>
        <ClockIcon size={13} />
        <input
          className="offset-input"
          value={text}
          placeholder="m:ss"
          inputMode="text"
          spellCheck={false}
          autoComplete="off"
          aria-label={`Time offset of beat ${number}`}
          aria-invalid={draft.invalid || undefined}
          aria-keyshortcuts="Enter Escape"
          aria-describedby={hintId}
          title="Time into the event: m:ss, h:mm:ss or seconds. Empty clears it."
          onFocus={(e) => {
            setFocused(true);
            e.currentTarget.select();
          }}
          onChange={(e) => draft.type(e.target.value)}
          onKeyDown={(e) => onOffsetKey(e, draft)}
          onBlur={() => {
            setFocused(false);
            void draft.commit(false);
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
