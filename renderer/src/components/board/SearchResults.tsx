import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { matchRanges } from '../../../../electron/core/contract/fold-case';
import '../../styles/board-search.css';
import { useStore } from '../../store';
import { useBoardNav } from './boardNav';
import { goToMatch, type SearchMemory } from './searchSteps';

/** A match's row height in px, as `.board-search-result` sets it. */
export const MATCH_ROW_HEIGHT = 44;
/** Rows drawn beyond each edge of the list's view. */
const MATCH_OVERSCAN = 4;
/** Space above the first row and below the last, inside the list. */
const LIST_PAD = 4;

/** A snippet with its first occurrence of `query` marked. */
export function MarkedSnippet({ snippet, query }: { snippet: string; query: string }) {
  const match = matchRanges(snippet, query)[0];
  if (!match) return <>{snippet}</>;
  const [from, to] = match;
  return (
    <>
      {snippet.slice(0, from)}
      <mark>{snippet.slice(from, to)}</mark>
      {snippet.slice(to)}
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
 * Every match (up to the library's limit), each with its event and a snippet of its text with
 * the hit marked; the current one is selected. The list scrolls (wheel, scrollbar) and only the
 * rows in view are drawn; walking the matches keeps the current one in view. A click goes to a
 * match; the box keeps the keyboard.
 */
export function SearchResults({ memory }: { memory: SearchMemory }) {
  const result = useBoardNav((s) => s.result);
  const current = useBoardNav((s) => s.current);
  const hits = result?.hits ?? [];
  const scrollerRef = useRef<HTMLDivElement>(null);
  // Not memoized by the React compiler (nothing here is): the virtualizer's answers change as it scrolls.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer<HTMLDivElement, HTMLLIElement>({
    count: hits.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => MATCH_ROW_HEIGHT,
    getItemKey: (i) => hits[i]?.momentId ?? i,
    overscan: MATCH_OVERSCAN,
    paddingStart: LIST_PAD,
    paddingEnd: LIST_PAD,
    initialRect: { width: 0, height: MATCH_ROW_HEIGHT * 8 },
    useFlushSync: false,
  });

  // The current match comes into view as the writer walks (Enter, arrows) or asks a new query;
  // a new answer to the same query (the story changed) leaves the list where it was scrolled.
  const query = result?.query;
  useEffect(() => {
    if (current >= 0 && current < virtualizer.options.count) {
      virtualizer.scrollToIndex(current, { align: 'auto' });
    }
  }, [virtualizer, current, query]);

  if (!result || hits.length === 0) return null;
  return (
    <div
      ref={scrollerRef}
      className="board-search-results"
      // A press on the list or its scrollbar leaves the focus in the search box.
      onPointerDown={(e) => e.preventDefault()}
    >
      <ul
        className="board-search-list"
        role="listbox"
        aria-label="Matches"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((row) => {
          const hit = hits[row.index]!;
          return (
            <li
              key={row.key}
              role="option"
              aria-selected={row.index === current}
              aria-posinset={row.index + 1}
              aria-setsize={hits.length}
              className="board-search-result"
              style={{ transform: `translateY(${row.start}px)` }}
              onClick={() => goToMatch(memory, row.index)}
            >
              <EventLabel eventId={hit.eventId} />
              <span className="board-search-snippet">
                <MarkedSnippet snippet={hit.snippet} query={result.query} />
              </span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
