/**
 * Undo history as data: each entry is an operation whose inverse is another operation,
 * replayed through the same channels as the writer's own actions. Ids inside entries are
 * "logical": the id a record had when history first saw it. Re-creating a deleted record
 * gives it a new id, so `IdMap` keeps logical → current so older entries still find it.
 */

export interface MomentSnap {
  id: string;
  description: string;
  timestampOffset: number | null;
}

export interface EventSnap {
  id: string;
  title: string;
  description: string;
  moments: MomentSnap[];
}

export interface StorySnap {
  id: string;
  title: string;
  events: EventSnap[];
}

export interface MomentPatch {
  description?: string;
  timestampOffset?: number | null;
}

export interface EventPatch {
  title?: string;
  description?: string;
}

export interface Place {
  eventId: string;
  index: number;
}

export type Op =
  | { t: 'moment.create'; storyId: string; eventId: string; index: number; moment: MomentSnap }
  | { t: 'moment.delete'; storyId: string; eventId: string; index: number; moment: MomentSnap }
  | {
      t: 'moment.update';
      storyId: string;
      momentId: string;
      before: MomentPatch;
      after: MomentPatch;
    }
  | { t: 'moment.move'; storyId: string; momentId: string; from: Place; to: Place }
  | { t: 'event.create'; storyId: string; index: number; event: EventSnap }
  | { t: 'event.delete'; storyId: string; index: number; event: EventSnap }
  | { t: 'event.update'; storyId: string; eventId: string; before: EventPatch; after: EventPatch }
  | { t: 'event.move'; storyId: string; eventId: string; from: number; to: number }
  | { t: 'story.create'; story: StorySnap }
  | { t: 'story.delete'; story: StorySnap }
  | { t: 'story.update'; storyId: string; before: { title: string }; after: { title: string } };

export interface HistoryEntry {
  /** What the writer did, for the Undo/Redo buttons: "move beat". */
  label: string;
  op: Op;
}

/** How many steps Undo can go back. */
export const HISTORY_LIMIT = 200;

/** The operation that undoes `op`. */
export function invertOp(op: Op): Op {
  switch (op.t) {
    case 'moment.create':
      return { ...op, t: 'moment.delete' };
    case 'moment.delete':
      return { ...op, t: 'moment.create' };
    case 'moment.update':
      return { ...op, before: op.after, after: op.before };
    case 'moment.move':
      return { ...op, from: op.to, to: op.from };
    case 'event.create':
      return { ...op, t: 'event.delete' };
    case 'event.delete':
      return { ...op, t: 'event.create' };
    case 'event.update':
      return { ...op, before: op.after, after: op.before };
    case 'event.move':
      return { ...op, from: op.to, to: op.from };
    case 'story.create':
      return { ...op, t: 'story.delete' };
    case 'story.delete':
      return { ...op, t: 'story.create' };
    case 'story.update':
      return { ...op, before: op.after, after: op.before };
  }
}

/** The story an operation belongs to (logical id). */
export function opStoryId(op: Op): string {
  return op.t === 'story.create' || op.t === 'story.delete' ? op.story.id : op.storyId;
}

/** Logical ↔ current id mapping for records that history re-created. */
export class IdMap {
  private readonly current = new Map<string, string>();
  private readonly logical = new Map<string, string>();

  /** The id the record has now. */
  real(logicalId: string): string {
    return this.current.get(logicalId) ?? logicalId;
  }

  /** The id history knows the record by. */
  logicalOf(realId: string): string {
    return this.logical.get(realId) ?? realId;
  }

  /** Records that the record history calls `logicalId` now has `realId`. */
  bind(logicalId: string, realId: string): void {
    const previous = this.current.get(logicalId);
    if (previous !== undefined) this.logical.delete(previous);
    if (logicalId === realId) {
      this.current.delete(logicalId);
      return;
    }
    this.current.set(logicalId, realId);
    this.logical.set(realId, logicalId);
  }
}
