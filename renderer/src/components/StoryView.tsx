import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CSSProperties, FocusEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { LIMITS } from '../../../electron/core/contract/limits';
import { useAutosaveText, type DraftBase } from '../hooks/useAutosaveText';
import { lengthProblem, plural } from '../lib/text';
import { leaveFieldOn } from './FieldProblem';
import { readStoryTitle, TextFieldProblem } from './TextFieldProblem';
import { focusTarget } from '../store/focus';
import { arrayMove, indicatorIndex } from '../store/timelineModel';
import {
  boardColumnWidth,
  COLUMN_GAP,
  columnLeft,
  PREFETCH_COLUMNS,
  ownColumnWidths,
  trackWidth,
} from '../virtual/layout';
import { useFocusGoal } from '../virtual/focusGoal';
import { useColumnRange } from '../virtual/useColumns';
import { WINDOW_SIZE } from '../store/windows';
import { EventColumn } from './EventColumn';
import { BackIcon, PlusIcon, TrashIcon } from './icons';
import { ExportButton, ImportButton } from './StoryFileActions';
import { ChronologyView } from './logic/ChronologyView';
import { LogicControls, LogicLayer } from './logic/LogicControls';
// Board navigation (issue 16): overview, column widths, wheel, search, go to event.
import { BoardTools } from './board/BoardTools';
import { ownWidthsOf, useBoardNav } from './board/boardNav';
import { ColumnResizers } from './board/ColumnResizers';
import { GoToEventDialog } from './board/GoToEvent';
import { OverviewLayer } from './board/OverviewLayer';
import { useBoardShortcuts } from './board/useBoardShortcuts';
import { useBoardWheel } from './board/useBoardWheel';
import { BoardEmpty, BoardSkeleton, StoryOpenError } from './board/BoardPlaceholders';

const EMPTY: string[] = [];

/** The events as shown: during a keyboard move, with the moving event where it would land. */
function useDisplayedEvents(): { ids: string[]; dropIndex: number; draggedId: string | null } {
  const order = useStore((s) => s.timeline?.eventOrder ?? EMPTY);
  const preview = useStore(
    useShallow((s) =>
      s.drag?.kind === 'event'
        ? { id: s.drag.id, mode: s.drag.mode, index: s.drag.target.index }
        : null,
    ),
  );
  return useMemo(() => {
    if (!preview) return { ids: order, dropIndex: -1, draggedId: null };
    if (preview.mode === 'pointer')
      return { ids: order, dropIndex: preview.index, draggedId: preview.id };
    return {
      ids: arrayMove(order, preview.id, preview.index),
      dropIndex: -1,
      draggedId: preview.id,
    };
  }, [order, preview]);
}

/** Why a story title cannot be saved as typed, or null. */
function storyTitleProblem(text: string): string | null {
  if (text.trim().length === 0) return 'a story needs a title.';
  return lengthProblem(text, LIMITS.title);
}

function StoryTitle({ storyId }: { storyId: string }) {
  const title = useStore((s) => s.timeline?.story.title ?? '');
  const updatedAt = useStore((s) => s.timeline?.story.updatedAt ?? '');
  const save = useCallback(
    (text: string, base: DraftBase) => useStore.getState().saveStoryTitle(storyId, text, base),
    [storyId],
  );
  const field = useAutosaveText({
    value: title,
    updatedAt,
    save,
    sendNow: (text, base) =>
      useStore.getState().sendStoryTitleNow(storyId, text, base.stamp || undefined),
    keep: { kind: 'storyTitle', id: storyId },
    check: storyTitleProblem,
    goneMessage: 'this story was deleted elsewhere.',
  });
  return (
    <>
      <input
        className={`story-title ${field.problem ? 'has-error' : ''}`}
        dir="auto"
        value={field.text}
        aria-label="Story title"
        // No maxLength: it would cut a pasted title silently; the check says Not saved instead.
        aria-invalid={field.problem ? true : undefined}
        onChange={(e) => field.change(e.target.value.replace(/[\r\n]+/g, ' '))}
        onBlur={() => void field.end()}
        onKeyDown={leaveFieldOn('Enter', 'Escape')}
      />
      <TextFieldProblem
        field={field}
        name="title"
        readTheirs={readStoryTitle(storyId)}
        conflict="choose"
      />
    </>
  );
}

function StoryStats() {
  const events = useStore((s) => s.timeline?.eventOrder ?? EMPTY);
  const momentIds = useStore((s) => s.timeline?.momentIds);
  // Counted again only when the events or their beat lists change, not on every store update.
  const beats = useMemo(
    () => events.reduce((n, id) => n + (momentIds?.[id]?.length ?? 0), 0),
    [events, momentIds],
  );
  return (
    <span className="story-stats">
      {plural(events.length, 'event')} · {plural(beats, 'beat')}
    </span>
  );
}

/**
 * Events rendered wherever they are, besides those on screen: where a dragged beat comes from
 * and is going, where a focus request is going, and the beat being edited (its card holds the
 * typed text).
 */
function usePinnedEvents(): string[] {
  return useStore(
    useShallow((s) => {
      const pins: string[] = [];
      const drag = s.drag;
      if (drag?.kind === 'moment') pins.push(drag.origin.eventId, drag.target.eventId);
      if (drag?.kind === 'event') pins.push(drag.id);
      const editing = s.editingMomentId ? s.timeline?.moments[s.editingMomentId] : undefined;
      if (editing) pins.push(editing.eventId);
      const focus = focusTarget(s);
      if (focus) pins.push(focus.eventId);
      return pins;
    }),
  );
}

/** The column holding the focus, kept mounted while it has it. */
function useFocusedColumn() {
  const [eventId, setEventId] = useState<string | null>(null);
  const columnOf = (el: EventTarget | null) =>
    el instanceof HTMLElement
      ? (el.closest<HTMLElement>('[data-event-column]')?.dataset.eventColumn ?? null)
      : null;
  return {
    eventId,
    onFocus: (e: FocusEvent) => setEventId(columnOf(e.target)),
    onBlur: (e: FocusEvent) => setEventId(columnOf(e.relatedTarget)),
  };
}

/** The columns to render: those in range, and the pinned and focused ones wherever they are. */
function useShownColumns(
  ids: string[],
  range: { first: number; last: number },
  pins: string[],
  focusedId: string | null,
): number[] {
  const { first, last } = range;
  return useMemo(() => {
    const indices = new Set<number>();
    for (let i = first; i <= last; i++) indices.add(i);
    for (const id of [...pins, focusedId]) {
      const at = id === null ? -1 : ids.indexOf(id);
      if (at >= 0) indices.add(at);
    }
    return [...indices].sort((a, b) => a - b);
  }, [first, last, pins, focusedId, ids]);
}

/** Loads the first beats of the columns just beyond those in range, ahead of a scroll. */
function usePrefetchBeats(ids: string[], first: number, last: number): void {
  const wantBeats = useStore((s) => s.wantBeats);
  useEffect(() => {
    const from = Math.max(0, first - PREFETCH_COLUMNS);
    const to = Math.min(ids.length - 1, last + PREFETCH_COLUMNS);
    for (let i = from; i <= to; i++) {
      const id = ids[i];
      if (id) wantBeats(id, 0, WINDOW_SIZE - 1);
    }
  }, [first, last, ids, wantBeats]);
}

/** Where a pointer drag would drop the event: in the gap before column `at`. */
function EventDropIndicator({ at }: { at: number }) {
  return (
    <div
      className="event-drop-indicator"
      aria-hidden="true"
      style={{ left: columnLeft(at) - COLUMN_GAP / 2 - 2 }}
    />
  );
}

/** Add event, after the last column (`at`: the number of events). */
function AddEventButton({ at, onAddEvent }: { at: number; onAddEvent: () => void }) {
  return (
    <button
      type="button"
      className="add-event"
      style={{ left: columnLeft(at) }}
      onClick={onAddEvent}
    >
      <PlusIcon size={18} />
      <span>Add event</span>
    </button>
  );
}

/** The track's width; `beside` the open Story check, it goes on past the panel. */
function laneWidth(columns: number, beside: boolean): number | string {
  const width = trackWidth(columns);
  return beside ? `calc(${width}px + var(--check-panel-room))` : width;
}

/**
 * The timeline: event columns side by side, virtualized. Only the columns on screen (and a
 * few either side, plus pinned ones) are rendered, each at its place on a track as wide as
 * the whole story; the first beats of the columns just beyond are loaded ahead of a scroll.
 */
function Board({ storyId }: { storyId: string }) {
  const { ids, dropIndex, draggedId } = useDisplayedEvents();
  const addEvent = useStore((s) => s.addEvent);
  const boardRef = useRef<HTMLDivElement>(null);
  const overview = useBoardNav((s) => s.overview);
  // With the Story check open, the track goes on past the panel (story-check.css's
  // --check-panel-room) and the board keeps a focused beat clear of it (scroll padding), so a
  // beat the panel jumps to, or the keyboard moves to, is not under it.
  const beside = useStore((s) => s.checkOpen && !overview);
  const width = useBoardNav((s) => boardColumnWidth(s, storyId));
  // Subscribed so that a single column's new width draws the board again; the places are
  // read from the stores by virtual/layout.ts (the index map is memoized there).
  useBoardNav((s) => (s.overview ? null : ownWidthsOf(s, storyId)));
  const ownByIndex = ownColumnWidths();
  useBoardWheel(boardRef, ids.length > 0);
  useFocusGoal();
  const { first, last } = useColumnRange(boardRef, ids.length, width, ownByIndex);
  const pins = usePinnedEvents();
  const focused = useFocusedColumn();
  const onAddEvent = () => void addEvent();

  const shown = useShownColumns(ids, { first, last }, pins, focused.eventId);
  usePrefetchBeats(ids, first, last);

  if (ids.length === 0) return <BoardEmpty onAddEvent={onAddEvent} />;

  const indicator = indicatorIndex(ids, draggedId, dropIndex);
  return (
    <div
      className={overview ? 'board is-overview' : 'board'}
      data-board
      ref={boardRef}
      style={
        {
          '--column-width': `${width}px`,
          scrollPaddingRight: beside ? 'calc(var(--check-panel-room) + 24px)' : undefined,
        } as CSSProperties
      }
    >
      <div
        className="board-lane"
        data-board-track
        inert={overview}
        style={{ width: laneWidth(ids.length, beside) }}
        onFocus={focused.onFocus}
        onBlur={focused.onBlur}
      >
        {shown.map((i) => {
          const eventId = ids[i]!;
          return (
            <EventColumn
              key={eventId}
              eventId={eventId}
              index={i}
              left={columnLeft(i)}
              width={ownByIndex?.get(i)}
            />
          );
        })}
        {indicator >= 0 && <EventDropIndicator at={indicator} />}
        <AddEventButton at={ids.length} onAddEvent={onAddEvent} />
        {!overview && <ColumnResizers storyId={storyId} ids={ids} shown={shown} />}
      </div>
      {overview && <OverviewLayer ids={ids} shown={shown} />}
    </div>
  );
}

/** The bar above an open story: back to the library, its title and stats, and its tools. */
function StoryBar({ storyId, loaded }: { storyId: string; loaded: boolean }) {
  const openLibrary = useStore((s) => s.openLibrary);
  const deleteStory = useStore((s) => s.deleteStory);
  return (
    <div className="story-bar">
      <button
        type="button"
        className="button ghost"
        onClick={openLibrary}
        aria-label="Back to the library"
        title="Back to the library"
      >
        <BackIcon size={16} /> <span className="library-label">Library</span>
      </button>
      {loaded && (
        <>
          <StoryTitle storyId={storyId} />
          <StoryStats />
          <div className="story-tools">
            <LogicControls />
            <BoardTools storyId={storyId} />
            <ExportButton storyId={storyId} className="button ghost" />
            <ImportButton className="button ghost" />
            <button
              type="button"
              className="button ghost danger-hover"
              title="Delete this story (undoable)"
              onClick={() => void deleteStory(storyId)}
            >
              <TrashIcon size={15} /> <span className="button-label">Delete story</span>
            </button>
          </div>
        </>
      )}
    </div>
  );
}

/** An open story: its bar, then its board or chronology (or why it could not be opened). */
export function StoryView({ storyId }: { storyId: string }) {
  const status = useStore((s) => s.timelineStatus);
  const loaded = useStore((s) => s.timeline?.story.id === storyId);
  const chronology = useStore((s) => s.logicView === 'chronology');
  useBoardShortcuts();

  return (
    <main className="story-view" aria-label="Story timeline">
      <StoryBar storyId={storyId} loaded={loaded} />
      {loaded && <LogicLayer storyId={storyId} />}
      <GoToEventDialog />
      {loaded && chronology ? (
        <ChronologyView />
      ) : loaded ? (
        <Board storyId={storyId} />
      ) : status === 'error' ? (
        <StoryOpenError storyId={storyId} />
      ) : (
        <BoardSkeleton />
      )}
    </main>
  );
}
