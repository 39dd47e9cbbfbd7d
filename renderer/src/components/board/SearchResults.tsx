import '../../styles/board-search.css';
import { useStore } from '../../store';
import { useBoardNav } from './boardNav';
import { goToMatch } from './searchSteps';

/** Matches listed at once, around the current one. */
const SHOWN = 7;

/** Lower case for A-Z only, as the library's search compares. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** A snippet with its first occurrence of `query` marked. */
export function MarkedSnippet({ snippet, query }: { snippet: string; query: string }) {
  const at = query ? asciiLower(snippet).indexOf(asciiLower(query)) : -1;
  if (at < 0) return <>{snippet}</>;
  return (
    <>
      {snippet.slice(0, at)}
      <mark>{snippet.slice(at, at + query.length)}</mark>
      {snippet.slice(at + query.length)}
    </>
  );
}

/** "Event 3 · Scene title", for the match's column. */
function EventLabel({ eventId }: { eventId: string }) {
  const index = useStore((s) => s.timeline?.eventOrder.indexOf(eventId) ?? -1);
  const title = useStore((s) => s.timeline?.events[eventId]?.title.trim() ?? '');
  return (
    <span className="board-search-event">
      {index >= 0 ? `Event ${index + 1}` : 'Event'}
      {title && ` · ${title}`}
    </span>
  );
}

/**
 * The matches around the current one, each with its event and a snippet of its text with the
 * hit marked; the current one is selected. A click goes to a match; the box keeps the keyboard.
 */
export function SearchResults() {
  const result = useBoardNav((s) => s.result);
  const current = useBoardNav((s) => s.current);
  const hits = result?.hits ?? [];
  if (!result || hits.length === 0) return null;
  const first = Math.max(0, Math.min(current - Math.floor(SHOWN / 2), hits.length - SHOWN));
  const shown = hits.slice(first, first + SHOWN);
  return (
    <ul className="board-search-results" role="listbox" aria-label="Matches">
      {shown.map((hit, i) => {
        const index = first + i;
        return (
          <li
            key={hit.momentId}
            role="option"
            aria-selected={index === current}
            className="board-search-result"
            // The search box keeps the focus, so Enter goes on from the match clicked.
            onPointerDown={(e) => e.preventDefault()}
            onClick={() => goToMatch(index)}
          >
            <EventLabel eventId={hit.eventId} />
            <span className="board-search-snippet">
              <MarkedSnippet snippet={hit.snippet} query={result.query} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
