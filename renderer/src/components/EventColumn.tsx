import { memo, useCallback, useLayoutEffect, useRef } from 'react';
import type { RefObject } from 'react';
import { startKeyboardDrag } from '../drag/keyboardInput';
import { useAutosaveText, type DraftBase } from '../hooks/useAutosaveText';
import { useFocusRequest } from '../hooks/useFocusRequest';
import { useStore } from '../store';
import { LIMITS } from '../../../electron/core/contract/limits';
import { lengthProblem, plural } from '../lib/text';
import { leaveFieldOn } from './FieldProblem';
import { readEventText, TextFieldProblem } from './TextFieldProblem';
import { BeatList } from './BeatList';
import { GripIcon, PlusIcon, TrashIcon } from './icons';
import { EventPositions } from './logic/LogicControls';
import { eventName } from '../../../electron/core/names';

/** Store actions, read when used: a column subscribes only to the data it shows. */
const actions = () => useStore.getState();

interface Props {
  eventId: string;
  /** 0-based place of the event as shown. */
  index: number;
  /** Where the column sits on the board's track, in px. */
  left: number;
  /** The column's own width, when the writer resized it alone. */
  width?: number;
}

/** The words a refused event field shows when the event is gone. */
const EVENT_GONE = 'this event was deleted elsewhere. Copy the text to keep it.';

function EventTitle({
  eventId,
  title,
  updatedAt,
  index,
}: {
  eventId: string;
  title: string;
  updatedAt: string;
  index: number;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusRequest('title', eventId, inputRef);
  const save = useCallback(
    (text: string, base: DraftBase) => actions().saveEventText(eventId, { title: text }, base),
    [eventId],
  );
  const field = useAutosaveText({
    value: title,
    updatedAt,
    save,
    sendNow: (text, base) =>
      actions().sendEventTextNow(eventId, { title: text }, base.stamp || undefined),
    keep: { kind: 'eventTitle', id: eventId },
    check: (text) => lengthProblem(text, LIMITS.title),
    goneMessage: EVENT_GONE,
  });
  return (
    <>
      <input
        ref={inputRef}
        className={`event-title ${field.problem ? 'has-error' : ''}`}
        dir="auto"
        data-event-title={eventId}
        value={field.text}
        placeholder="Untitled event"
        aria-label={`Title of event ${index + 1}`}
        // No maxLength: it would cut a pasted title silently; the check says Not saved instead.
        aria-invalid={field.problem ? true : undefined}
        title={field.problem ? `Not saved: ${field.problem.message}` : field.text || undefined}
        spellCheck
        onChange={(e) => field.change(e.target.value.replace(/[\r\n]+/g, ' '))}
        onBlur={() => void field.end()}
        onKeyDown={leaveFieldOn('Enter', 'Escape')}
      />
      <TextFieldProblem
        field={field}
        name="title"
        readTheirs={readEventText(eventId, 'title')}
        conflict="choose"
      />
    </>
  );
}

function EventDescription({
  eventId,
  description,
  updatedAt,
}: {
  eventId: string;
  description: string;
  updatedAt: string;
}) {
  const save = useCallback(
    (text: string, base: DraftBase) =>
      actions().saveEventText(eventId, { description: text }, base),
    [eventId],
  );
  const field = useAutosaveText({
    value: description,
    updatedAt,
    save,
    sendNow: (text, base) =>
      actions().sendEventTextNow(eventId, { description: text }, base.stamp || undefined),
    keep: { kind: 'eventDescription', id: eventId },
    check: (text) => lengthProblem(text, LIMITS.eventDescription),
    goneMessage: EVENT_GONE,
  });
  return (
    <>
      <textarea
        className="event-description"
        dir="auto"
        value={field.text}
        placeholder="Describe the scene…"
        aria-label="Event description"
        aria-invalid={field.problem ? true : undefined}
        rows={1}
        onChange={(e) => field.change(e.target.value)}
        onBlur={() => void field.end()}
        onKeyDown={leaveFieldOn('Escape')}
      />
      <TextFieldProblem
        field={field}
        name="description"
        readTheirs={readEventText(eventId, 'description')}
        conflict="join"
      />
    </>
  );
}

/** A column's classes: its drag state. */
function columnClassName(dragMode: 'pointer' | 'keyboard' | null): string {
  return [
    'event-column',
    dragMode === 'pointer' && 'is-drag-source',
    dragMode === 'keyboard' && 'is-lifted',
  ]
    .filter(Boolean)
    .join(' ');
}

/**
 * The ref of the event's handle, which takes the focus when asked (`requestFocus('handle')`)
 * and keeps it while the event, picked up with the keyboard, moves.
 */
function useHandleFocus(eventId: string, lifted: boolean, index: number) {
  const handleRef = useRef<HTMLDivElement>(null);
  useFocusRequest('handle', eventId, handleRef);
  useLayoutEffect(() => {
    if (!lifted) return;
    const el = handleRef.current;
    if (!el) return;
    if (document.activeElement !== el) el.focus({ preventScroll: true });
    el.closest('[data-event-column]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [lifted, index]);
  return handleRef;
}

/** Deletes the event (undoable). */
function DeleteEventButton({
  eventId,
  index,
  name,
}: {
  eventId: string;
  index: number;
  name: string;
}) {
  return (
    <button
      type="button"
      className="icon-button event-delete"
      aria-label={`Delete event ${index + 1}, ${name}`}
      title="Delete event"
      onClick={() => void actions().deleteEvent(eventId)}
    >
      <TrashIcon size={14} />
    </button>
  );
}

interface HandleProps {
  handleRef: RefObject<HTMLDivElement | null>;
  eventId: string;
  index: number;
  name: string;
  /** Picked up with the keyboard. */
  lifted: boolean;
}

/** The event's grip: drag it, or press Space (or Enter) to move it with the arrow keys. */
function EventHandle({ handleRef, eventId, index, name, lifted }: HandleProps) {
  return (
    <div
      ref={handleRef}
      className="event-handle"
      role="button"
      tabIndex={0}
      data-event-handle={eventId}
      aria-roledescription="draggable event"
      aria-label={`Move event ${index + 1}, ${name}`}
      aria-describedby="event-instructions"
      aria-pressed={lifted || undefined}
      title="Drag to reorder, or press Space and use the arrow keys"
      onKeyDown={(e) => {
        if (e.key === ' ' || e.key === 'Enter') {
          e.preventDefault();
          if (!e.repeat) startKeyboardDrag('event', eventId);
        }
      }}
    >
      <GripIcon size={14} />
      <span className="event-number">{index + 1}</span>
    </div>
  );
}

/** An event: its head (handle, title, beat count, delete, places, description) and its beats. */
export const EventColumn = memo(function EventColumn({ eventId, index, left, width }: Props) {
  const event = useStore((s) => s.timeline?.events[eventId]);
  const beatCount = useStore((s) => s.timeline?.momentIds[eventId]?.length ?? 0);
  const dragMode = useStore((s) =>
    s.drag?.kind === 'event' && s.drag.id === eventId ? s.drag.mode : null,
  );
  const handleRef = useHandleFocus(eventId, dragMode === 'keyboard', index);
  const addRef = useRef<HTMLButtonElement>(null);
  useFocusRequest('add-beat', eventId, addRef);

  if (!event) return null;
  const name = eventName(event.title);

  return (
    <section
      className={columnClassName(dragMode)}
      data-event-column={eventId}
      aria-label={`Event ${index + 1}: ${name}`}
      style={{ left, width }}
    >
      <header className="event-head" data-drag-kind="event" data-drag-id={eventId}>
        {/* The title and description in a form of their own, as a beat's fields (BeatCard). */}
        <form className="event-fields" role="none" onSubmit={(e) => e.preventDefault()}>
          <div className="event-head-row">
            <EventHandle
              handleRef={handleRef}
              eventId={eventId}
              index={index}
              name={name}
              lifted={dragMode === 'keyboard'}
            />
            <EventTitle
              eventId={eventId}
              title={event.title}
              updatedAt={event.updatedAt}
              index={index}
            />
            <span className="event-count">{plural(beatCount, 'beat')}</span>
            <DeleteEventButton eventId={eventId} index={index} name={name} />
          </div>
          <EventPositions eventId={eventId} index={index} />
          <EventDescription
            eventId={eventId}
            description={event.description}
            updatedAt={event.updatedAt}
          />
        </form>
      </header>
      <BeatList eventId={eventId} name={name} />
      <button
        ref={addRef}
        type="button"
        className="add-beat"
        data-add-beat
        onClick={() => void actions().addMoment(eventId)}
      >
        <PlusIcon size={14} /> Add beat
      </button>
    </section>
  );
});
