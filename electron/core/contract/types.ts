/** Domain types as they cross the host boundary (plain JSON, camelCase). */

export interface Story {
  id: string;
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface StorySummary extends Story {
  eventCount: number;
  beatCount: number;
}

export interface StoryEvent {
  id: string;
  storyId: string;
  title: string;
  description: string;
  /** 0-based position of the event in its story, dense. */
  position: number;
  createdAt: string;
  updatedAt: string;
}

export interface Moment {
  id: string;
  eventId: string;
  /** 0-based position of the beat in its event, dense (0..n-1). */
  sequenceIndex: number;
  description: string;
  /** Seconds into the event, or null when the beat has no time. */
  timestampOffset: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface EventWithMoments extends StoryEvent {
  moments: Moment[];
}

export interface EventSummary extends StoryEvent {
  beatCount: number;
}

/** A story's shape without its beats: what a view that loads beats on demand starts from. */
export interface StoryOutline {
  story: Story;
  events: EventSummary[];
}

/** Beats `offset .. offset + moments.length - 1` of an event that holds `total` beats. */
export interface MomentRange {
  eventId: string;
  offset: number;
  total: number;
  moments: Moment[];
}

/** A whole story in order: what the timeline shows and what exports serialize. */
export interface StoryTimeline {
  story: Story;
  events: EventWithMoments[];
}

// Undo history in the library (issue 12; electron/core/history/).

/** What Undo and Redo would do now in one scope (a story, or the library). */
export interface HistoryState {
  undo: { label: string } | null;
  redo: { label: string } | null;
}

/** The answer to `history:undo` / `history:redo`. */
export interface HistoryOutcome {
  /** The step undone or redone; null when there was nothing to do (not an error). */
  label: string | null;
  /** Stories whose content changed: the views showing them reload. */
  storyIds: string[];
  /** Undo and Redo after this call. */
  state: HistoryState;
}

export const ERROR_CODES = ['invalid_input', 'not_found', 'conflict', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface HandlerError {
  code: ErrorCode;
  message: string;
}

/** Every handler answers with a Result; nothing throws past the boundary. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: HandlerError };
