/**
 * The width of a story's event columns, chosen by the writer (Alt with a drag on a column's
 * edge or the arrow keys on it), and the widths of single columns (the same without Alt), by
 * event: both remembered per story in this browser's storage.
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

/** A story's single-column widths: event id to px. */
export type ColumnWidths = Readonly<Record<string, number>>;

const ownKey = (storyId: string) => `beatline.columnWidths.${storyId}`;
/** Read once per story: the same object until it changes, so a store selector can return it. */
const loaded = new Map<string, ColumnWidths>();

/** The single-column widths remembered for a story (none: an empty object). */
export function loadColumnWidths(storyId: string): ColumnWidths {
  let widths = loaded.get(storyId);
  if (widths) return widths;
  widths = {};
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(ownKey(storyId)) ?? '{}');
    if (raw && typeof raw === 'object') {
      const kept: Record<string, number> = {};
      for (const [id, px] of Object.entries(raw)) {
        if (typeof px === 'number' && Number.isFinite(px) && px > 0) kept[id] = clampWidth(px);
      }
      widths = kept;
    }
  } catch {
    // Unreadable storage: no single widths.
  }
  loaded.set(storyId, widths);
  return widths;
}

/** Remembers a story's single-column widths (none: forgotten). */
export function saveColumnWidths(storyId: string, widths: ColumnWidths): void {
  loaded.set(storyId, widths);
  try {
    if (Object.keys(widths).length === 0) localStorage.removeItem(ownKey(storyId));
    else localStorage.setItem(ownKey(storyId), JSON.stringify(widths));
  } catch {
    // Storage can be disabled: the widths then last until the page closes.
  }
}
