import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, FocusEvent, ReactNode, RefObject } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { focusTarget } from '../store/focus';
import { arrayMove, indicatorIndex, type Slot } from '../store/timelineModel';
import { registerRows } from '../virtual/registry';
import { dropIndexAt, useRows, type Rows } from '../virtual/useRows';
import { BeatCard } from './BeatCard';

const EMPTY: Slot[] = [];

/** The beats this column shows: during a keyboard move, with the moving beat where it would land. */
function useDisplayedBeats(eventId: string): {
  ids: Slot[];
  dropIndex: number;
  draggedId: string | null;
} {
  const ids = useStore((s) => s.timeline?.momentIds[eventId] ?? EMPTY);
  const preview = useStore(
    useShallow((s) => {
      const d = s.drag;
      if (!d || d.kind !== 'moment') return null;
      if (d.mode === 'pointer') {
        return d.target.eventId === eventId
          ? { mode: 'pointer' as const, id: d.id, here: true, index: d.target.index }
          : null;
      }
      if (d.origin.eventId !== eventId && d.target.eventId !== eventId) return null;
      return {
        mode: 'keyboard' as const,
        id: d.id,
        here: d.target.eventId === eventId,
        index: d.target.index,
      };
    }),
  );
  return useMemo(() => {
    if (!preview) return { ids, dropIndex: -1, draggedId: null };
    const draggedId = preview.id;
    if (preview.mode === 'pointer') return { ids, dropIndex: preview.index, draggedId };
    if (preview.here) {
      return { ids: arrayMove(ids, draggedId, preview.index), dropIndex: -1, draggedId };
    }
    return { ids: ids.filter((id) => id !== draggedId), dropIndex: -1, draggedId };
  }, [ids, preview]);
}

/**
 * Beats rendered wherever they are, besides those in view: the one a keyboard move carries
 * here, the one being edited, and the one a focus request is for.
 */
function usePinnedBeats(eventId: string): string[] {
  return useStore(
    useShallow((s) => {
      const pins: string[] = [];
      const d = s.drag;
      if (d?.kind === 'moment' && d.mode === 'keyboard' && d.target.eventId === eventId) {
        pins.push(d.id);
      }
      const editing = s.editingMomentId;
      if (editing && s.timeline?.moments[editing]?.eventId === eventId) pins.push(editing);
      const focus = focusTarget(s);
      if (focus?.eventId === eventId && focus.momentId) pins.push(focus.momentId);
      return pins;
    }),
  );
}

const beatOf = (el: EventTarget | null) =>
  el instanceof HTMLElement
    ? (el.closest<HTMLElement>('[data-beat-id]')?.dataset.beatId ?? null)
    : null;

/**
 * The rows to render wherever they are (see `usePinnedBeats`), with the beat that has the
 * focus: `onFocusBeat` is told which beat the focus moved to (null: none in this list).
 */
function usePinnedRows(eventId: string, ids: Slot[]) {
  const pins = usePinnedBeats(eventId);
  const [focusedBeat, setFocusedBeat] = useState<string | null>(null);
  const pinned = useMemo(() => {
    const indices = new Set<number>();
    for (const id of focusedBeat ? [...pins, focusedBeat] : pins) {
      const at = ids.indexOf(id);
      if (at >= 0) indices.add(at);
    }
    return [...indices].sort((a, b) => a - b);
  }, [pins, focusedBeat, ids]);
  return { pinned, onFocusBeat: setFocusedBeat };
}

/** Drag hit-testing reads the layout of every row, rendered or not. */
function useDropHitTest(
  eventId: string,
  ids: Slot[],
  place: Rows['place'],
  contentRef: RefObject<HTMLOListElement | null>,
): void {
  const layout = useRef({ place, ids });
  useLayoutEffect(() => {
    layout.current = { place, ids };
  });
  useEffect(
    () =>
      registerRows(eventId, {
        slotAt: (clientY, dragged) => {
          const content = contentRef.current;
          if (!content) return 0;
          const { place: rowPlace, ids: rowIds } = layout.current;
          const y = clientY - content.getBoundingClientRect().top;
          return dropIndexAt(rowIds.length, rowPlace, y, rowIds.indexOf(dragged));
        },
        top: (index) => layout.current.place(index).top,
      }),
    [eventId, contentRef],
  );
}

/** What the list's rows are drawn from: the beats shown, their layout, the drop place. */
interface RowsView {
  eventId: string;
  ids: Slot[];
  rows: Rows;
  /** Where the drop indicator goes (see `indicatorIndex`), or -1. */
  indicator: number;
}

/** Row `i`: its beat card, or a placeholder while its beat loads; `float`: placed at its top. */
function beatRow({ eventId, ids, rows }: RowsView, i: number, float: boolean): ReactNode {
  const id = ids[i] ?? null;
  const { top, height } = rows.place(i);
  const at: CSSProperties | undefined = float
    ? { position: 'absolute', top, left: 0, right: 0 }
    : undefined;
  if (id === null) {
    return (
      <li
        key={`slot-${i}`}
        className="beat-slot is-loading"
        aria-hidden="true"
        style={{ ...at, height }}
      />
    );
  }
  return (
    <li
      key={id}
      ref={rows.measure}
      className="beat-slot"
      data-index={i}
      aria-posinset={i + 1}
      aria-setsize={ids.length}
      style={at}
    >
      <BeatCard momentId={id} eventId={eventId} index={i} />
    </li>
  );
}

/** The rows in range, the pinned ones outside it, and the drop indicator, in order. */
function beatRows(view: RowsView): ReactNode[] {
  const { ids, indicator } = view;
  const { first, last, floating } = view.rows;
  const drop = <li key="drop-indicator" className="drop-indicator" aria-hidden="true" />;
  const items: ReactNode[] = [];
  for (const i of floating) if (i < first) items.push(beatRow(view, i, true));
  for (let i = first; i <= last; i++) {
    if (indicator === i) items.push(drop);
    items.push(beatRow(view, i, false));
  }
  if (indicator === ids.length && last === ids.length - 1) items.push(drop);
  for (const i of floating) if (i > last) items.push(beatRow(view, i, true));
  return items;
}

/**
 * One event's beats, virtualized: the list scrolls on its own and renders only the rows in
 * view (plus a margin and pinned rows). Rows not loaded yet show as placeholders of their
 * estimated height until their window arrives.
 */
export function BeatList({ eventId, name }: { eventId: string; name: string }) {
  const { ids, dropIndex, draggedId } = useDisplayedBeats(eventId);
  const showBeats = useStore((s) => s.showBeats);
  const hideBeats = useStore((s) => s.hideBeats);
  const { pinned, onFocusBeat } = usePinnedRows(eventId, ids);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLOListElement>(null);
  const rows = useRows(ids, scrollerRef, pinned);
  const { first, last, place, total } = rows;

  useEffect(() => {
    if (last >= first) showBeats(eventId, first, last);
  }, [eventId, first, last, ids, showBeats]);
  useEffect(() => () => hideBeats(eventId), [eventId, hideBeats]);
  useDropHitTest(eventId, ids, place, contentRef);

  const indicator = indicatorIndex(ids, draggedId, dropIndex);
  const padding =
    last >= first
      ? {
          paddingTop: place(first).top,
          paddingBottom: total - place(last).top - place(last).height,
        }
      : undefined;
  return (
    <div
      className="beat-list"
      data-beat-list
      ref={scrollerRef}
      onFocus={(e: FocusEvent) => onFocusBeat(beatOf(e.target))}
      onBlur={(e: FocusEvent) => onFocusBeat(beatOf(e.relatedTarget))}
    >
      <ol
        className="beat-rows"
        ref={contentRef}
        aria-label={`Beats of ${name}`}
        style={{ ...padding, minHeight: total }}
      >
        {beatRows({ eventId, ids, rows, indicator })}
        {ids.length === 0 && (
          <li className={`beat-empty ${dropIndex >= 0 ? 'is-target' : ''}`}>
            No beats yet. Add one, or drop a beat here.
          </li>
        )}
      </ol>
    </div>
  );
}
