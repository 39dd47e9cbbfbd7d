import { useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import { LIMITS } from '../../../../electron/core/contract/limits';
import { TIME_MODES, type TimeMode } from '../../../../electron/core/contract/types';
import { chronoOrder, problemsCreatedBy } from '../../lib/logicPreview';
import { plural } from '../../lib/text';
import { useStore } from '../../store';
import { arrayMove } from '../../store/timelineModel';
import { GripIcon } from '../icons';
import { warningText } from '../../drag/logicNote';

/** An event being moved in story time: by pointer (drop indicator) or keyboard (live order). */
interface Moving {
  id: string;
  mode: 'pointer' | 'keyboard';
  from: number;
  to: number;
}

const MODE_WORDS: Record<TimeMode, string> = {
  linear: 'linear',
  flashback: 'flashback',
  'flash-forward': 'flash-forward',
  parallel: 'parallel',
  dream: 'dream',
};

/** The story-time label of an event: saved when the field is left (Enter or Tab). */
function TimeLabel({ eventId, label, name }: { eventId: string; label: string; name: string }) {
  const [text, setText] = useState(label);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(label);
  }, [label]);
  const save = () => {
    focused.current = false;
    if (text !== label) void useStore.getState().setStoryTime(eventId, { label: text });
  };
  return (
    <input
      className="chrono-label"
      value={text}
      placeholder="When? (Day 3, dawn)"
      aria-label={`Story time of ${name}`}
      maxLength={LIMITS.timeLabel}
      onFocus={() => (focused.current = true)}
      onChange={(e) => setText(e.target.value.replace(/[\r\n]+/g, ' '))}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
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
  const announce = useStore((s) => s.announce);
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

  useEffect(() => {
    if (moving?.mode === 'keyboard') gripRefs.current.get(moving.id)?.focus();
  }, [moving, shown]);

  if (!model || !logic) return <div className="chronology muted">Reading the story time…</div>;

  const drop = (m: Moving) => {
    setMoving(null);
    if (m.to === m.from) return;
    void useStore.getState().moveInChronology(m.id, m.to);
    const note = warningText(
      problemsCreatedBy(model, logic, { kind: 'chrono', id: m.id, index: m.to }),
    );
    announce(`Moved in story time to ${m.to + 1} of ${order.length}.${note ? ` ${note}` : ''}`);
  };

  const onGripKey = (e: KeyboardEvent<HTMLElement>, id: string, index: number) => {
    if (!moving) {
      if (e.key === ' ' || e.key === 'Enter') {
        e.preventDefault();
        setMoving({ id, mode: 'keyboard', from: index, to: index });
        announce(
          `Picked up ${index + 1} of ${order.length} in story time. Up and down arrows move it, ` +
            'Space drops it, Escape cancels.',
        );
      }
      return;
    }
    if (moving.mode !== 'keyboard') return;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const to = Math.max(
        0,
        Math.min(order.length - 1, moving.to + (e.key === 'ArrowUp' ? -1 : 1)),
      );
      const next = { ...moving, to };
      setMoving(next);
      const note = warningText(
        to === moving.from
          ? []
          : problemsCreatedBy(model, logic, { kind: 'chrono', id, index: to }),
      );
      announce(`Story time ${to + 1} of ${order.length}.${note ? ` Warning: ${note}` : ''}`);
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      drop(moving);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setMoving(null);
      announce('Move cancelled.');
    }
  };

  const onGripPointerDown = (e: ReactPointerEvent<HTMLElement>, id: string, index: number) => {
    if (e.button !== 0 || moving) return;
    e.preventDefault();
    let current: Moving = { id, mode: 'pointer', from: index, to: index };
    setMoving(current);
    const rows = () => [
      ...(listRef.current?.querySelectorAll<HTMLElement>('[data-chrono-row]') ?? []),
    ];
    const move = (ev: PointerEvent) => {
      const others = rows().filter((r) => r.dataset.chronoRow !== id);
      let to = others.findIndex((r) => {
        const box = r.getBoundingClientRect();
        return ev.clientY < box.top + box.height / 2;
      });
      if (to < 0) to = others.length;
      if (to !== current.to) {
        current = { ...current, to };
        setMoving(current);
      }
    };
    const up = () => {
      window.removeEventListener('pointermove', move, true);
      window.removeEventListener('pointerup', up, true);
      drop(current);
    };
    window.addEventListener('pointermove', move, true);
    window.addEventListener('pointerup', up, true);
  };

  // The pointer drop indicator sits before the row now at `to` among the others.
  const others = moving?.mode === 'pointer' ? order.filter((id) => id !== moving.id) : null;
  const indicatorBefore = others && moving ? (others[moving.to] ?? 'end') : null;
  const indicator = (
    <li
      key="chrono-drop"
      className={`chrono-drop ${warning ? 'is-breaking' : ''}`}
      aria-hidden="true"
    />
  );

  return (
    <section className="chronology" aria-label="Chronology: the events in story time">
      <p className="chrono-help">
        Story time, earliest first. Moving an event here changes when it happens, not where it is
        read.
      </p>
      {warning && (
        <div
          className={`drag-warning is-inline ${problems.some((p) => p.severity === 'error') ? 'is-error' : 'is-warning'}`}
        >
          {warning}
        </div>
      )}
      <ol className="chrono-list" ref={listRef}>
        {shown.map((eventId, c) => {
          const event = model.events[eventId];
          const time = logic.times[eventId];
          if (!event) return null;
          const r = model.eventOrder.indexOf(eventId);
          const name = event.title.trim() || `Untitled event`;
          const mode = time?.mode ?? 'linear';
          const isMoving = moving?.id === eventId;
          return [
            indicatorBefore === eventId ? indicator : null,
            <li
              key={eventId}
              className={`chrono-row mode-${mode} ${isMoving ? `is-moving is-${moving.mode}` : ''} ${isMoving && warning ? 'is-breaking' : ''}`}
              data-chrono-row={eventId}
            >
              <span
                ref={(el) => {
                  if (el) gripRefs.current.set(eventId, el);
                  else gripRefs.current.delete(eventId);
                }}
                className="chrono-grip"
                role="button"
                tabIndex={0}
                aria-roledescription="draggable event"
                aria-pressed={isMoving && moving.mode === 'keyboard' ? true : undefined}
                aria-label={`Move ${name} in story time, now ${c + 1} of ${order.length}`}
                title="Drag to change story time, or press Space and use the arrow keys"
                onKeyDown={(e) => onGripKey(e, eventId, c)}
                onPointerDown={(e) => onGripPointerDown(e, eventId, c)}
              >
                <GripIcon size={14} />
              </span>
              <span className={`event-positions mode-${mode}`} title="Reading order · story time">
                R {r + 1} · C {c + 1}
              </span>
              <strong className="chrono-title">{name}</strong>
              <span className="chrono-count">
                {plural(model.momentIds[eventId]?.length ?? 0, 'beat')}
              </span>
              <TimeLabel eventId={eventId} label={time?.label ?? ''} name={name} />
              <select
                className="chrono-mode"
                value={mode}
                aria-label={`Mode of ${name}`}
                onChange={(e) =>
                  void useStore
                    .getState()
                    .setStoryTime(eventId, { mode: e.target.value as TimeMode })
                }
              >
                {TIME_MODES.map((m) => (
                  <option key={m} value={m}>
                    {MODE_WORDS[m]}
                  </option>
                ))}
              </select>
            </li>,
          ];
        })}
        {indicatorBefore === 'end' && indicator}
      </ol>
    </section>
  );
}
