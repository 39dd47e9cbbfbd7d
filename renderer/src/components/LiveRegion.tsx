import { useStore } from '../store';

/** Screen-reader announcements (drag positions, undo), plus the drag instructions. */
export function LiveRegion() {
  const announcement = useStore((s) => s.announcement);
  return (
    <>
      <div className="visually-hidden" role="log" aria-live="assertive" aria-atomic="true">
        <span key={announcement.n}>{announcement.text}</span>
      </div>
      <p id="beat-instructions" className="visually-hidden">
        Press Space to pick up the beat; arrow keys move it, Space drops it, Escape cancels. Press
        Enter to edit its text, Delete to delete it.
      </p>
      <p id="event-instructions" className="visually-hidden">
        Press Space to pick up the event; left and right arrows move it, Space drops it, Escape
        cancels.
      </p>
    </>
  );
}
