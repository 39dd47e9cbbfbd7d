import { useStore } from '../../store';
import { PlusIcon } from '../icons';

/** What stands in for a board with no event yet: how a story is laid out, and Add. */
export function BoardEmpty({ onAddEvent }: { onAddEvent: () => void }) {
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

/** What stands in for the board while the story loads. */
export function BoardSkeleton() {
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

/** What stands in for the board when the story could not be opened: why, Try again, Back. */
export function StoryOpenError({ storyId }: { storyId: string }) {
  const error = useStore((s) => s.timelineError);
  const openLibrary = useStore((s) => s.openLibrary);
  const loadTimeline = useStore((s) => s.loadTimeline);
  return (
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
  );
}
