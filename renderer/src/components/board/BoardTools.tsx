import { useEffect } from 'react';
import '../../styles/board.css';
import { isMac, MOD } from '../TopBar';
import { GoToIcon, OverviewIcon, SearchIcon } from '../icons';
import { useBoardNav } from './boardNav';
import { toggleOverview } from './navigate';
import { SearchBar } from './SearchBar';

/** The story bar's navigation buttons: search, go to event, overview; and the search box. */
export function BoardTools({ storyId }: { storyId: string }) {
  const overview = useBoardNav((s) => s.overview);
  const searchOpen = useBoardNav((s) => s.searchOpen);
  const mod = isMac ? 'Meta' : 'Control';
  // Matches belong to one story: another story opens without them.
  useEffect(() => () => useBoardNav.getState().setSearchOpen(false), [storyId]);
  return (
    <div className="board-tools">
      {searchOpen ? (
        <SearchBar storyId={storyId} />
      ) : (
        <button
          type="button"
          className="button ghost"
          title={`Search the beats (${MOD}F)`}
          aria-keyshortcuts={`${mod}+F`}
          onClick={() => useBoardNav.getState().setSearchOpen(true)}
        >
          <SearchIcon size={15} /> <span className="button-label">Search</span>
        </button>
      )}
      <button
        type="button"
        className="button ghost"
        title={`Go to an event (${MOD}G)`}
        aria-keyshortcuts={`${mod}+G`}
        onClick={() => useBoardNav.getState().setGoToOpen(true)}
      >
        <GoToIcon size={15} /> <span className="button-label">Go to</span>
      </button>
      <button
        type="button"
        className="button ghost"
        aria-pressed={overview}
        title={`Zoomed-out overview (${isMac ? '⇧⌘O' : 'Ctrl+Shift+O'})`}
        aria-keyshortcuts={`${mod}+Shift+O`}
        onClick={() => toggleOverview()}
      >
        <OverviewIcon size={15} /> <span className="button-label">Overview</span>
      </button>
    </div>
  );
}
