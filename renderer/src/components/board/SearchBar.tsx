import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { api } from '../../api/bridge';
import { useStore } from '../../store';
import { call } from '../../store/call';
import { foldCase } from '../../../../electron/core/contract/fold-case';
import { LIMITS } from '../../../../electron/core/contract/limits';
import { CloseIcon, DownIcon, UpIcon } from '../icons';
import { useBoardNav } from './boardNav';
import { clearMarks, markCards, paintText } from './highlights';
import {
  forgetQueuedSteps,
  newSearchMemory,
  revealMatch,
  step,
  takeQueuedSteps,
  type SearchMemory,
} from './searchSteps';
import { SearchResults } from './SearchResults';

/**
 * Searches the story's beats for `query` (every keystroke) and goes to the first match; with
 * `keep` (the story changed under an open search), stays on the current match if it still is one.
 */
async function runSearch(
  memory: SearchMemory,
  storyId: string,
  query: string,
  keep = false,
): Promise<void> {
  const mine = ++memory.asked;
  const nav = useBoardNav.getState();
  if (!keep) forgetQueuedSteps(memory);
  nav.setQuery(query);
  if (query.trim() === '') {
    nav.setResult(null, -1);
    return;
  }
  const lower = foldCase(query);
  const nowhere = memory.nowhere;
  if (!keep && nowhere?.storyId === storyId && lower.startsWith(nowhere.query)) {
    forgetQueuedSteps(memory);
    nav.setResult({ storyId, query, total: 0, more: false, hits: [] }, -1);
    return;
  }
  const got = await call(() => api().moments.search({ storyId, query, limit: LIMITS.searchHits }));
  const now = useBoardNav.getState();
  // An answer to older text, or to a box since closed (its text is no longer in the box).
  if (mine !== memory.asked || !now.searchOpen || now.query !== query) return;
  if (!got.ok) {
    forgetQueuedSteps(memory);
    now.setResult(null, -1);
    return;
  }
  memory.nowhere = got.value.total === 0 ? { storyId, query: lower } : null;
  const hits = got.value.hits;
  // The same text answered again (typed away and back): the writer stays where they walked to.
  const same = keep || now.result?.query === query;
  const was = same && now.result ? now.result.hits[now.current]?.momentId : undefined;
  const at =
    was === undefined
      ? 0
      : Math.max(
          0,
          hits.findIndex((h) => h.momentId === was),
        );
  const start = takeQueuedSteps(memory, hits.length, Math.min(at, hits.length - 1));
  now.setResult(got.value, hits.length > 0 ? start : -1);
}

/** Searches again, a moment after the story's beats or events change, while the box is open. */
function useFreshResults(memory: SearchMemory, storyId: string): void {
  const moments = useStore((s) => s.timeline?.moments);
  const order = useStore((s) => s.timeline?.eventOrder);
  useEffect(() => {
    if (!useBoardNav.getState().query.trim()) return;
    // The text in the box when the moment has passed: the writer may have typed on since.
    const timer = setTimeout(() => {
      const { query } = useBoardNav.getState();
      if (query.trim()) void runSearch(memory, storyId, query, true);
    }, 400);
    return () => clearTimeout(timer);
  }, [memory, storyId, moments, order]);
}

/** "3 of 17", "3 of 1000+", "No matches", or nothing before the first answer. */
function countText(): string {
  const { result, current, query } = useBoardNav.getState();
  if (!query.trim() || !result) return '';
  if (result.total === 0) return 'No matches';
  return `${current + 1} of ${result.total.toLocaleString('en')}${result.more ? '+' : ''}`;
}

/** Keeps the cards and text of the matches marked, and the current match on screen. */
function useMatchMarks(memory: SearchMemory): void {
  const result = useBoardNav((s) => s.result);
  const current = useBoardNav((s) => s.current);
  const query = useBoardNav((s) => s.query);
  const currentHit = result && current >= 0 ? result.hits[current] : undefined;

  useEffect(() => {
    const hits = result?.hits ?? [];
    const currentId = currentHit?.momentId ?? null;
    markCards(hits, currentId);
    const ids = new Set(hits.map((h) => h.momentId));
    const board = document.querySelector('[data-board]');
    if (!board) return;
    let queued = 0;
    const paint = () => {
      queued = 0;
      paintText(board, result ? result.query : '', ids, currentId);
    };
    paint();
    // Cards drawn later (a scroll, a window arriving, an edit) are painted as they come.
    const observer = new MutationObserver(() => {
      queued ||= requestAnimationFrame(paint);
    });
    observer.observe(board, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(queued);
    };
  }, [result, currentHit, query]);

  // Only a move to another match scrolls: a fresh answer after an edit leaves the view alone.
  const currentId = currentHit?.momentId;
  const currentEvent = currentHit?.eventId;
  useEffect(() => {
    if (currentId && currentEvent) revealMatch(memory, currentId, currentEvent);
  }, [memory, currentId, currentEvent]);

  useEffect(() => clearMarks, []);
}

/** The search box (Ctrl/Cmd+F): matches across every beat of the story, loaded or not. */
export function SearchBar({ storyId }: { storyId: string }) {
  const open = useBoardNav((s) => s.searchOpen);
  if (!open) return null;
  return <OpenSearchBar storyId={storyId} />;
}

/** Closes the box; the writer lands on the match they were looking at. */
function closeSearch(): void {
  const { result, current, setSearchOpen } = useBoardNav.getState();
  const hit = result && current >= 0 ? result.hits[current] : undefined;
  setSearchOpen(false);
  clearMarks();
  if (hit) useStore.getState().requestFocus('beat', hit.momentId);
}

/** The box's keys: Enter (Shift+Enter) and ↓ (↑) go to the next (previous) match; Escape closes. */
function onSearchKey(e: KeyboardEvent<HTMLInputElement>, memory: SearchMemory): void {
  if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
    e.preventDefault();
    step(memory, e.shiftKey ? -1 : 1);
  } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey && !e.shiftKey) {
    // The list's keys too: down the next match, up the one before.
    e.preventDefault();
    step(memory, e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Escape') {
    e.preventDefault();
    e.stopPropagation();
    closeSearch();
  }
}

/** Previous and next match. */
function MatchSteps({ memory }: { memory: SearchMemory }) {
  const hits = useBoardNav((s) => s.result?.hits.length ?? 0);
  return (
    <>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match (Shift+Enter)"
        title="Previous match (Shift+Enter)"
        disabled={hits === 0}
        onClick={() => step(memory, -1)}
      >
        <UpIcon size={15} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match (Enter)"
        title="Next match (Enter)"
        disabled={hits === 0}
        onClick={() => step(memory, 1)}
      >
        <DownIcon size={15} />
      </button>
    </>
  );
}

/** The open box: the query, the count, previous and next, the matches and Close. */
function OpenSearchBar({ storyId }: { storyId: string }) {
  const query = useBoardNav((s) => s.query);
  const count = useBoardNav(countText);
  const inputRef = useRef<HTMLInputElement>(null);
  // What this box remembers between keystrokes: new each time the box opens.
  const [memory] = useState(newSearchMemory);
  useMatchMarks(memory);
  useFreshResults(memory, storyId);
  useEffect(() => {
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  return (
    <div className="board-search" role="search" aria-label="Search beats">
      <input
        ref={inputRef}
        type="search"
        data-own-undo
        className="board-search-input"
        aria-label="Search the story’s beats"
        aria-describedby="board-search-count"
        placeholder="Search beats…"
        value={query}
        maxLength={LIMITS.searchQuery}
        onChange={(e) => void runSearch(memory, storyId, e.target.value.replace(/[\r\n]+/g, ' '))}
        onKeyDown={(e) => onSearchKey(e, memory)}
      />
      <span id="board-search-count" className="board-search-count" aria-live="polite">
        {count}
      </span>
      <MatchSteps memory={memory} />
      <SearchResults memory={memory} />
      <button
        type="button"
        className="icon-button"
        aria-label="Close search (Escape)"
        title="Close search (Escape)"
        onClick={closeSearch}
      >
        <CloseIcon size={15} />
      </button>
    </div>
  );
}
