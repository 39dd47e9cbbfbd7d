import { Fragment, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store';
import { plural } from '../lib/text';
import { arrayMove, indicatorBefore } from '../store/timelineModel';
import { EventColumn } from './EventColumn';
import { BackIcon, PlusIcon, TrashIcon } from './icons';
import { ExportButton, ImportButton } from './StoryFileActions';

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

function StoryTitle() {
  const storyId = useStore((s) => s.timeline?.story.id);
  const title = useStore((s) => s.timeline?.story.title ?? '');
  const renameStory = useStore((s) => s.renameStory);
  const [draft, setDraft] = useState<string | null>(null);
  if (!storyId) return null;
  const commit = async () => {
    if (draft === null) return;
    const ok = await renameStory(storyId, draft);
    if (ok) setDraft(null);
  };
  return (
    <input
      className="story-title"
      value={draft ?? title}
      aria-label="Story title"
      maxLength={200}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={() => void commit()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          e.currentTarget.blur();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          setDraft(null);
          requestAnimationFrame(() => (document.activeElement as HTMLElement | null)?.blur());
        }
      }}
    />
  );
}

function StoryStats() {
  const events = useStore((s) => s.timeline?.eventOrder.length ?? 0);
  const beats = useStore((s) => {
    const t = s.timeline;
    return t ? t.eventOrder.reduce((n, id) => n + (t.momentIds[id]?.length ?? 0), 0) : 0;
  });
  return (
    <span className="story-stats">
      {plural(events, 'event')} · {plural(beats, 'beat')}
    </span>
  );
}

function Board() {
  const { ids, dropIndex, draggedId } = useDisplayedEvents();
  const keys = useStore((s) => s.timeline?.keys);
  const addEvent = useStore((s) => s.addEvent);
  const onAddEvent = () => void addEvent();

  if (ids.length === 0) {
    return (
      <div className="board-empty">
        <div className="empty-card">
          <h2>Start with a scene</h2>
          <p>
            A story is a row of events, each a column of beats. Add the first event, then write its
            beats from top to bottom.
          </p>
          <button type="button" className="button primary" onClick={onAddEvent}>
            <PlusIcon size={16} /> Add the first event
          </button>
        </div>
      </div>
    );
  }

  const indicatorAt = indicatorBefore(ids, draggedId, dropIndex);
  return (
    <div className="board" data-board>
      <div className="board-track">
        {ids.map((eventId, i) => (
          <Fragment key={keys?.[eventId] ?? eventId}>
            {indicatorAt === eventId && <div className="event-drop-indicator" aria-hidden="true" />}
            <EventColumn eventId={eventId} index={i} reactKey={keys?.[eventId] ?? eventId} />
          </Fragment>
        ))}
        {indicatorAt === null && <div className="event-drop-indicator" aria-hidden="true" />}
        <button type="button" className="add-event" onClick={onAddEvent}>
          <PlusIcon size={18} />
          <span>Add event</span>
        </button>
      </div>
    </div>
  );
}

function BoardSkeleton() {
  return (
    <div className="board" aria-busy="true" aria-label="Loading story">
      <div className="board-track">
        {[4, 2, 3].map((n, i) => (
          <div key={i} className="event-column skeleton-column">
            <div className="skeleton-line wide" />
            <div className="skeleton-line" />
            {Array.from({ length: n }, (_, j) => (
              <div key={j} className="skeleton-card" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

export function StoryView({ storyId }: { storyId: string }) {
  const status = useStore((s) => s.timelineStatus);
  const error = useStore((s) => s.timelineError);
  const loaded = useStore((s) => s.timeline?.story.id === storyId);
  const openLibrary = useStore((s) => s.openLibrary);
  const loadTimeline = useStore((s) => s.loadTimeline);
  const deleteStory = useStore((s) => s.deleteStory);

  return (
    <main className="story-view" aria-label="Story timeline">
      <div className="story-bar">
        <button
          type="button"
          className="button ghost"
          onClick={openLibrary}
          aria-label="Back to the library"
        >
          <BackIcon size={16} /> Library
        </button>
        {loaded && (
          <>
            <StoryTitle />
            <StoryStats />
            <span className="spacer" />
            <ExportButton storyId={storyId} className="button ghost" />
            <ImportButton className="button ghost" />
            <button
              type="button"
              className="button ghost danger-hover"
              onClick={() => void deleteStory(storyId)}
            >
              <TrashIcon size={15} /> Delete story
            </button>
          </>
        )}
      </div>
      {loaded ? (
        <Board />
      ) : status === 'error' ? (
        <div className="board-empty" role="alert">
          <div className="empty-card">
            <h2>This story could not be opened</h2>
            <p>{error}</p>
            <div className="row">
              <button
                type="button"
                className="button primary"
                onClick={() => void loadTimeline(storyId)}
              >
                Try again
              </button>
              <button type="button" className="button" onClick={openLibrary}>
                Back to the library
              </button>
            </div>
          </div>
        </div>
      ) : (
        <BoardSkeleton />
      )}
    </main>
  );
}
