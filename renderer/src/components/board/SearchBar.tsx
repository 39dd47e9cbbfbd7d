import { useEffect, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { api } from '../../api/bridge';
import { useStore } from '../../store';
import { call } from '../../store/call';
import { LIMITS } from '../../../../electron/core/contract/limits';
import { CloseIcon, DownIcon, UpIcon } from '../icons';
import { useBoardNav } from './boardNav';
import { clearMarks, markCards, paintText } from './highlights';
import { revealBeat } from './reveal';
import { forgetQueuedSteps, step, takeQueuedSteps } from './searchSteps';
import { SearchResults } from './SearchResults';

/** Answers arriving for an older query than the latest are dropped. */
let asked = 0;
/**
 * The last query found nowhere in a story: typing on after it cannot find anything either, so
 * it is not asked (forgotten when the box opens; a change to the story asks again anyway).
 */
let nowhere: { storyId: string; query: string } | null = null;
const asciiLower = (q: string) => q.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/**
 * Searches the story's beats for `query` (every keystroke) and goes to the first match; with
 * `keep` (the story changed under an open search), stays on the current match if it still is one.
 */
async function runSearch(storyId: string, query: string, keep = false): Promise<void> {
  const mine = ++asked;
  const nav = useBoardNav.getState();
  if (!keep) forgetQueuedSteps();
  nav.setQuery(query);
  if (query.trim() === '') {
    nav.setResult(null, -1);
    return;
  }
  const lower = asciiLower(query);
  if (!keep && nowhere?.storyId === storyId && lower.startsWith(nowhere.query)) {
    forgetQueuedSteps();
    nav.setResult({ storyId, query, total: 0, more: false, hits: [] }, -1);
    return;
  }
  const got = await call(() => api().moments.search({ storyId, query, limit: LIMITS.searchHits }));
  const now = useBoardNav.getState();
  if (mine !== asked || !now.searchOpen) return;
  if (!got.ok) {
    forgetQueuedSteps();
    now.setResult(null, -1);
    return;
  }
  nowhere = got.value.total === 0 ? { storyId, query: lower } : null;
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
  const start = takeQueuedSteps(hits.length, Math.min(at, hits.length - 1));
  now.setResult(got.value, hits.length > 0 ? start : -1);
}

/** Searches again, a moment after the story's beats or events change, while the box is open. */
function useFreshResults(storyId: string): void {
  const moments = useStore((s) => s.timeline?.moments);
  const order = useStore((s) => s.timeline?.eventOrder);
  useEffect(() => {
    const { query } = useBoardNav.getState();
    if (!query.trim()) return;
    const timer = setTimeout(() => void runSearch(storyId, query, true), 400);
    return () => clearTimeout(timer);
  }, [storyId, moments, order]);
}

/** "3 of 17", "3 of 1000+", "No matches", or nothing before the first answer. */
function countText(): string {
  const { result, current, query } = useBoardNav.getState();
  if (!query.trim() || !result) return '';
  if (result.total === 0) return 'No matches';
  return `${current + 1} of ${result.total.toLocaleString('en')}${result.more ? '+' : ''}`;
}

/** Keeps the cards and text of the matches marked, and the current match on screen. */
function useMatchMarks(): void {
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
    if (currentId && currentEvent) void revealBeat(currentId, currentEvent);
  }, [currentId, currentEvent]);

  useEffect(() => clearMarks, []);
}

/** The search box (Ctrl/Cmd+F): matches across every beat of the story, loaded or not. */
export function SearchBar({ storyId }: { storyId: string }) {
  const open = useBoardNav((s) => s.searchOpen);
  if (!open) return null;
  return <OpenSearchBar storyId={storyId} />;
}

function OpenSearchBar({ storyId }: { storyId: string }) {
  const query = useBoardNav((s) => s.query);
  const count = useBoardNav(countText);
  const hits = useBoardNav((s) => s.result?.hits.length ?? 0);
  const inputRef = useRef<HTMLInputElement>(null);
  useMatchMarks();
  useFreshResults(storyId);
  useEffect(() => {
    nowhere = null;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, []);

  const close = () => {
    const { result, current, setSearchOpen } = useBoardNav.getState();
    const hit = result && current >= 0 ? result.hits[current] : undefined;
    setSearchOpen(false);
    clearMarks();
    // The writer lands on the match they were looking at.
    if (hit) useStore.getState().requestFocus('beat', hit.momentId);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      step(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div className="board-search" role="search" aria-label="Search beats">
      <input
        ref={inputRef}
        type="search"
        className="board-search-input"
        aria-label="Search the story’s beats"
        aria-describedby="board-search-count"
        placeholder="Search beats…"
        value={query}
        maxLength={LIMITS.searchQuery}
        onChange={(e) => void runSearch(storyId, e.target.value.replace(/[\r\n]+/g, ' '))}
        onKeyDown={onKeyDown}
      />
      <span id="board-search-count" className="board-search-count" aria-live="polite">
        {count}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label="Previous match (Shift+Enter)"
        title="Previous match (Shift+Enter)"
        disabled={hits === 0}
        onClick={() => step(-1)}
      >
        <UpIcon size={15} />
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Next match (Enter)"
        title="Next match (Enter)"
        disabled={hits === 0}
        onClick={() => step(1)}
      >
        <DownIcon size={15} />
      </button>
      <SearchResults />
      <button
        type="button"
        className="icon-button"
        aria-label="Close search (Escape)"
        title="Close search (Escape)"
        onClick={close}
      >
        <CloseIcon size={15} />
      </button>
    </div>
  );
}
