import type { DraftBase } from './saveText';

/**
 * Typed text the library has not confirmed, kept in the page's local storage when it may not
 * reach the library (issue 12, h72): the page closed while it was unsent or in flight (a
 * page-close send can be refused as a conflict, or be too big to outlive the page), or the
 * library refused it after its field was gone. It is dropped once the library holds it and
 * offered again when Beatline next opens (`restoreKeptDrafts`).
 */

/**
 * The library field a kept text belongs to: a beat's text or time (as typed, e.g. "1:05"), an
 * event's title, description or story-time label (its id the event's), a story's title.
 */
export interface DraftTarget {
  kind: (typeof DRAFT_KINDS)[number];
  id: string;
}

const DRAFT_KINDS = [
  'beat',
  'beatTime',
  'eventTitle',
  'eventDescription',
  'timeLabel',
  'storyTitle',
] as const;

export interface KeptDraft {
  target: DraftTarget;
  /** The writer's text. */
  text: string;
  /** What the typing started from (its stamp: the row's updatedAt then). */
  base: DraftBase;
  /** Text this page had sent and not yet seen answered: the library may hold it, from us. */
  sending: string | null;
  /** The library it was typed in (its health's `libraryKey`); offered only there. */
  library?: string;
  /** Where it was typed, for the notice (` in the event "Gate" of "Night Watch"`). */
  where?: string;
}

const KEY = 'beatline.keptDrafts';

/** A field's key (`kind:id`): typing is handed over, and kept texts stored (by library), under it. */
export const draftKey = (target: DraftTarget) => `${target.kind}:${target.id}`;

function readAll(): Record<string, KeptDraft> {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, KeptDraft>) : {};
  } catch {
    return {};
  }
}

function writeAll(drafts: Record<string, KeptDraft>): void {
  try {
    if (Object.keys(drafts).length === 0) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(drafts));
  } catch {
    // Storage disabled or full: the page-close send and the beforeunload question remain.
  }
}

/**
 * Where a field's kept text is stored: under its library and field, so a copy of a library file
 * opened as another library (the same ids) keeps its own; `kind:id` alone for a text kept
 * without its library (by an older Beatline, or while the library's key was not known).
 */
const storageKey = (target: DraftTarget, library: string | undefined) =>
  library === undefined ? draftKey(target) : `${library}/${draftKey(target)}`;

/** Keeps `draft` (replacing an older one of the same field in the same library). */
export function keepDraft(draft: KeptDraft): void {
  writeAll({ ...readAll(), [storageKey(draft.target, draft.library)]: draft });
}

/**
 * Forgets the kept text of `target` in `library` (and one kept there without a library),
 * unless it is newer than `text` (when given). A text of the same field kept in another
 * library stays for it.
 */
export function dropDraft(target: DraftTarget, text?: string, library?: string): void {
  const all = readAll();
  const keys = [storageKey(target, library), draftKey(target)].filter(
    (key) => all[key] !== undefined && (text === undefined || all[key].text === text),
  );
  if (keys.length === 0) return;
  for (const key of keys) delete all[key];
  writeAll(all);
}

/**
 * Every kept text, oldest first; with `library`, only those typed in it (and those kept before
 * texts named their library).
 */
export function keptDrafts(library?: string): KeptDraft[] {
  return Object.values(readAll()).filter(
    (d) =>
      d &&
      typeof d.text === 'string' &&
      typeof d.target?.id === 'string' &&
      // A kind this Beatline does not know (stored by a newer one) is never saved as another.
      (DRAFT_KINDS as readonly string[]).includes(d.target.kind) &&
      (library === undefined || d.library === undefined || d.library === library),
  );
}
