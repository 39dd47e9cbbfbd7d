/**
 * The width of a story's event columns, chosen by the writer (a drag on a column's edge or the
 * arrow keys on it) and remembered per story in this browser's storage. All columns of a story
 * share it, so a column's place on the board stays arithmetic (virtual/layout.ts).
 */
export const DEFAULT_COLUMN_WIDTH = 288;
export const MIN_COLUMN_WIDTH = 200;
export const MAX_COLUMN_WIDTH = 640;
/** Columns in the zoomed-out overview. */
export const OVERVIEW_COLUMN_WIDTH = 124;

const key = (storyId: string) => `beatline.columnWidth.${storyId}`;

/** `px` rounded and kept within the allowed widths. */
export function clampWidth(px: number): number {
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, px)));
}

/** The width remembered for a story, or the default. */
export function loadColumnWidth(storyId: string): number {
  try {
    const raw = Number(localStorage.getItem(key(storyId)));
    return Number.isFinite(raw) && raw > 0 ? clampWidth(raw) : DEFAULT_COLUMN_WIDTH;
  } catch {
    return DEFAULT_COLUMN_WIDTH;
  }
}

/** Remembers a story's width (the default is forgotten rather than stored). */
export function saveColumnWidth(storyId: string, px: number): void {
  try {
    if (px === DEFAULT_COLUMN_WIDTH) localStorage.removeItem(key(storyId));
    else localStorage.setItem(key(storyId), String(px));
  } catch {
    // Storage can be disabled: the width then lasts until the page closes.
  }
}
