import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LIMITS } from '../../../../electron/core/contract/limits';
import {
  TIME_MODES,
  type StoryProblem,
  type TimeMode,
} from '../../../../electron/core/contract/types';
import { chronoOrder, problemsCreatedBy } from '../../lib/logicPreview';
import { lengthProblem, plural } from '../../lib/text';
import { useAutosaveText, type DraftBase } from '../../hooks/useAutosaveText';
import { FieldProblemNote, leaveFieldOn } from '../FieldProblem';
import { useStore } from '../../store';
import { LABEL_STAMP } from '../../store/logicSlice';
import { arrayMove } from '../../store/timelineModel';
import { GripIcon } from '../icons';
import { warningText } from '../../drag/logicNote';
import { onGripKey, onGripPointerDown, type ChronoMove, type Moving } from './chronoMove';
import { Positions } from './Positions';
import { eventName } from '../../../../electron/core/names';

const MODE_WORDS: Record<TimeMode, string> = {
  linear: 'linear',
  flashback: 'flashback',
  'flash-forward': 'flash-forward',
  parallel: 'parallel',
  dream: 'dream',
};

/**
 * The story-time label of an event, saved as it is typed (as every text field: `useAutosaveText`).
 * The library trims a label ("Day 3, " is kept as "Day 3,"): the field goes on showing it as
 * typed while the library holds its trimmed form, so the writer types on after the space.
 */
function TimeLabel({ eventId, label, name }: { eventId: string; label: string; name: string }) {
  const [typed, setTyped] = useState<string | null>(null);
  const save = useCallback(
    (text: string, base: DraftBase) => {
      setTyped(text);
      return useStore.getState().saveStoryTimeLabel(eventId, text, base);
    },
    [eventId],
  );
  const field = useAutosaveText({
    value: typed !== null && typed.trim() === label ? typed : label,
    // No row stamp: the label the typing started from is checked instead (a label changed in
    // another window meanwhile is a conflict). "Use mine" empties the stamp: written over.
    updatedAt: LABEL_STAMP,
    save,
    sendNow: (text, base) => useStore.getState().sendStoryTimeLabelNow(eventId, text, base),
    keep: { kind: 'timeLabel', id: eventId },
    check: (text) => lengthProblem(text, LIMITS.timeLabel),
    goneMessage: 'this event was deleted elsewhere. Copy the text to keep it.',
  });
  return (
    <>
      <input
        className={`chrono-label ${field.problem ? 'has-error' : ''}`}
        value={field.text}
        placeholder="When? (Day 3, dawn)"
        aria-label={`Story time of ${name}`}
        aria-invalid={field.problem ? true : undefined}
        onChange={(e) => field.change(e.target.value.replace(/[\r\n]+/g, ' '))}
        onBlur={() => void field.end()}
        onKeyDown={leaveFieldOn('Enter')}
      />
      {field.problem && (
        <FieldProblemNote
          problem={field.problem}
          text={field.text}
          onRetry={() => void field.retry()}
          // After a conflict: the other window's label, as the library holds it now.
          onUseTheirs={() => field.discard()}
        />
      )}
    </>
  );
}

/**
 * The chronology: the story's events in story-time order, each with both of its places
 * (R: reading order, C: story time), its time label and mode. Moving an event here changes
 * its story time only (`events:moveInChronology`).
 */
export function ChronologyView() {
  const model = useStore((s) => s.timeline);
  const logic = useStore((s) => s.logic);
  const [moving, setMoving] = useState<Moving | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const gripRefs = useRef(new Map<string, HTMLElement>());

  const order = useMemo(
    () => (model && logic ? chronoOrder(model, logic.times) : []),
    [model, logic],
  );
  const shown = moving?.mode === 'keyboard' ? arrayMove(order, moving.id, moving.to) : order;
  const problems = useMemo(
    () =>
      moving && model && logic && moving.to !== moving.from
        ? problemsCreatedBy(model, logic, { kind: 'chrono', id: moving.id, index: moving.to })
        : [],
    [moving, model, logic],
  );
  const warning = warningText(problems);
  // The open Story check panel covers the right of the view: the rows stay clear of it.
  const checkOpen = useStore((s) => s.checkOpen);

  useEffect(() => {
    if (moving?.mode === 'keyboard') gripRefs.current.get(moving.id)?.focus();
  }, [moving, shown]);

  if (!model || !logic) return <div className="chronology muted">Reading the story time…</div>;
  const move: ChronoMove = { model, logic, order, moving, setMoving, listRef };

  // The pointer drop indicator sits before the row now at `to` among the others.
  const others = moving?.mode === 'pointer' ? order.filter((id) => id !== moving.id) : null;
  const indicatorBefore = others && moving ? (others[moving.to] ?? 'end') : null;
  const indicator = <DropIndicator key="chrono-drop" breaking={warning !== ''} />;
  const setGrip = (id: string, el: HTMLElement | null) => {
    if (el) gripRefs.current.set(id, el);
    else gripRefs.current.delete(id);
  };

  return (
    <section
      className={checkOpen ? 'chronology beside-check' : 'chronology'}
      aria-label="Chronology: the events in story time"
    >
      <p className="chrono-help">
        Story time, earliest first. Moving an event here changes when it happens, not where it is
        read.
      </p>
      {warning && <MoveWarning warning={warning} problems={problems} />}
      <ol className="chrono-list" ref={listRef}>
        {shown.map((eventId, c) => [
          indicatorBefore === eventId ? indicator : null,
          <ChronoRow
            key={eventId}
            move={move}
            eventId={eventId}
            index={c}
            breaking={warning !== ''}
            onGrip={setGrip}
          />,
        ])}
        {indicatorBefore === 'end' && indicator}
      </ol>
    </section>
  );
}

/** What the move under way would break, as an error or a warning. */
function MoveWarning({ warning, problems }: { warning: string; problems: StoryProblem[] }) {
  const severity = problems.some((p) => p.severity === 'error') ? 'is-error' : 'is-warning';
  return <div className={`drag-warning is-inline ${severity}`}>{warning}</div>;
}

/** Where a pointer move would drop the event. */
function DropIndicator({ breaking }: { breaking: boolean }) {
  return <li className={`chrono-drop ${breaking ? 'is-breaking' : ''}`} aria-hidden="true" />;
}

interface RowProps {
  move: ChronoMove;
  eventId: string;
  /** The place in story time, as shown. */
  index: number;
  /** The move under way would break the story's logic. */
  breaking: boolean;
  /** Keeps each row's grip (null: gone), to keep the focus on the one that moves. */
  onGrip: (eventId: string, el: HTMLElement | null) => void;
}

/** One event in the chronology: its grip, both places, title, beat count, time label and mode. */
function ChronoRow({ move, eventId, index: c, breaking, onGrip }: RowProps) {
  const { model, logic, moving } = move;
  const event = model.events[eventId];
  const time = logic.times[eventId];
  if (!event) return null;
  const r = model.eventOrder.indexOf(eventId);
  const name = eventName(event.title);
  const mode = time?.mode ?? 'linear';
  const isMoving = moving?.id === eventId;
  return (
    <li
      className={`chrono-row mode-${mode} ${isMoving ? `is-moving is-${moving.mode}` : ''} ${isMoving && breaking ? 'is-breaking' : ''}`}
      data-chrono-row={eventId}
    >
      <span
        ref={(el) => onGrip(eventId, el)}
        className="chrono-grip"
        role="button"
        tabIndex={0}
        aria-roledescription="draggable event"
        aria-pressed={isMoving && moving.mode === 'keyboard' ? true : undefined}
        aria-label={`Move ${name} in story time, now ${c + 1} of ${move.order.length}`}
        title="Drag to change story time, or press Space and use the arrow keys"
        onKeyDown={(e) => onGripKey(move, e, eventId, c)}
        onPointerDown={(e) => onGripPointerDown(move, e, eventId, c)}
      >
        <GripIcon size={14} />
      </span>
      <Positions mode={mode} reading={r} chrono={c} />
      <strong className="chrono-title">{name}</strong>
      <span className="chrono-count">{plural(model.momentIds[eventId]?.length ?? 0, 'beat')}</span>
      <TimeLabel eventId={eventId} label={time?.label ?? ''} name={name} />
      <ModeSelect eventId={eventId} mode={mode} name={name} />
    </li>
  );
}

/** An event's time mode (linear, flashback, ...), saved when chosen. */
function ModeSelect({ eventId, mode, name }: { eventId: string; mode: TimeMode; name: string }) {
  return (
    <select
      className="chrono-mode"
      value={mode}
      aria-label={`Mode of ${name}`}
      onChange={(e) =>
        void useStore.getState().setStoryTime(eventId, { mode: e.target.value as TimeMode })
      }
    >
      {TIME_MODES.map((m) => (
        <option key={m} value={m}>
          {MODE_WORDS[m]}
        </option>
      ))}
    </select>
  );
}
