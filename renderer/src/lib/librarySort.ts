import type { StorySummary } from '../../../electron/core/contract/types';

/** How the library lists stories: most recently edited first, or by title A to Z. */
export type LibrarySort = 'edited' | 'title';

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Folds case and accents away, so "cafe" finds "Café". */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();

/** The ids of the stories whose title contains `query` (case and accents ignored), sorted. */
export function libraryOrder(
  stories: readonly StorySummary[],
  query: string,
  sort: LibrarySort,
): string[] {
  const wanted = fold(query.trim());
  const shown = wanted ? stories.filter((s) => fold(s.title).includes(wanted)) : [...stories];
  shown.sort((a, b) =>
    sort === 'title'
      ? collator.compare(a.title, b.title) || b.updatedAt.localeCompare(a.updatedAt)
      : b.updatedAt.localeCompare(a.updatedAt) || collator.compare(a.title, b.title),
  );
  return shown.map((s) => s.id);
}

const KEY = 'beatline.library';

/** The search and sort the writer left the library with (kept across reloads and restarts). */
export function loadLibraryView(): { query: string; sort: LibrarySort } {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null') as {
      query?: unknown;
      sort?: unknown;
    } | null;
    return {
      query: typeof saved?.query === 'string' ? saved.query : '',
      sort: saved?.sort === 'title' ? 'title' : 'edited',
    };
  } catch {
    return { query: '', sort: 'edited' };
  }
}

/** Remembers the library's search and sort. */
export function saveLibraryView(view: { query: string; sort: LibrarySort }): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(view));
  } catch {
    // Not remembering them is harmless.
  }
}
