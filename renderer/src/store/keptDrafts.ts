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

/** A field's key (`kind:id`): kept texts are stored, and typing handed over, under it. */
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

/** Keeps `draft` (replacing an older one of the same field). */
export function keepDraft(draft: KeptDraft): void {
  writeAll({ ...readAll(), [draftKey(draft.target)]: draft });
}

/** Forgets the kept text of `target`, unless it is newer than `text` (when given). */
export function dropDraft(target: DraftTarget, text?: string): void {
  const all = readAll();
  const kept = all[draftKey(target)];
  if (!kept || (text !== undefined && kept.text !== text)) return;
  delete all[draftKey(target)];
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
