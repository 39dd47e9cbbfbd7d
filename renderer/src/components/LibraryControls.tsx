import '../styles/library-controls.css';
import type { LibrarySort } from '../lib/librarySort';

/** Search the library by title as you type, and choose the order; both are remembered. */
export function LibraryControls({
  query,
  sort,
  onQuery,
  onSort,
}: {
  query: string;
  sort: LibrarySort;
  onQuery: (query: string) => void;
  onSort: (sort: LibrarySort) => void;
}) {
  return (
    <div className="library-controls" role="search">
      <input
        type="search"
        className="text-input library-search"
        dir="auto"
        value={query}
        placeholder="Search titles"
        aria-label="Search stories by title"
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query) {
            e.preventDefault();
            onQuery('');
          }
        }}
      />
      <label className="library-sort">
        <span>Sort by</span>
        <select
          className="text-input"
          value={sort}
          onChange={(e) => onSort(e.target.value === 'title' ? 'title' : 'edited')}
        >
          <option value="edited">Last edited</option>
          <option value="title">Title</option>
        </select>
      </label>
    </div>
  );
}
