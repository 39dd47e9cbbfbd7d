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
  /**
   * The event's sort key in its story (gapped: compare keys, never count with them; a
   * number to show is the event's index in the list the view holds).
   */
  orderKey: number;
  createdAt: string;
  updatedAt: string;
}

export interface Moment {
  id: string;
  eventId: string;
  /** The beat's sort key in its event (gapped, like StoryEvent.orderKey). */
  orderKey: number;
  description: string;
  /** Seconds into the event, or null when the beat has no time. */
  timestampOffset: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A beat read alone (`moments:get`), with its place in its event: 0 is the first. */
export interface MomentWithPlace extends Moment {
  place: number;
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

// Board navigation (issue 16): search across a story's beats.

/** One beat whose text matches a search: where it is and a piece of its text. */
export interface BeatSearchHit {
  momentId: string;
  eventId: string;
  /** The text around the first match, `…` where cut. */
  snippet: string;
}

/** The answer to `moments:search`: the matches counted, the first `limit` in story order. */
export interface BeatSearchResult {
  storyId: string;
  query: string;
  /** Matches counted, at most `LIMITS.searchHits`. */
  total: number;
  /** True when there are more matches than `total` (the count stopped at its cap). */
  more: boolean;
  hits: BeatSearchHit[];
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

// A refusal's own reason (issue 16, h35): what a client may act on without reading the message.
/** `title_taken`: `stories:import` with `ifTitleExists: 'refuse'` met a story of that title. */
export const ERROR_REASONS = ['title_taken'] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

export interface HandlerError {
  code: ErrorCode;
  message: string;
  /** Set on refusals a client acts on (issue 16, h35): see `ERROR_REASONS`. */
  reason?: ErrorReason;
}

/**
 * Every handler answers with a Result; nothing throws past the boundary. A write that can
 * change the story check's answer (logic layer, issue 14) adds `check`: the problems it
 * created and resolved, when there are any.
 */
export type Result<T> =
  { ok: true; value: T; check?: StoryCheckDelta } | { ok: false; error: HandlerError };

// --- Logic layer (issue 14): links between beats, story time, the story check ---

export const LINK_KINDS = ['causes', 'sets_up', 'precedes'] as const;
/** `causes`/`precedes`: the first beat happens first in story time; `sets_up`: it is read first. */
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_STRENGTHS = ['hard', 'soft'] as const;
/** A broken `hard` link is an error, a broken `soft` one a warning. */
export type LinkStrength = (typeof LINK_STRENGTHS)[number];
export const TIME_MODES = ['linear', 'flashback', 'flash-forward', 'parallel', 'dream'] as const;
export type TimeMode = (typeof TIME_MODES)[number];

/** A directed link between two beats of one story. */
export interface BeatLink {
  id: string;
  storyId: string;
  fromMomentId: string;
  toMomentId: string;
  kind: LinkKind;
  strength: LinkStrength;
  note: string;
  /** The writer marked this link's problems as intended: they stay listed and stop counting. */
  intentional: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An event's place in story time (the chronology), apart from its place in reading order. */
export interface StoryTime {
  eventId: string;
  storyId: string;
  /** The event's sort key in the chronology (gapped, like StoryEvent.orderKey). */
  chronoKey: number;
  /** Free text ("Day 3, dawn", "1987"), never parsed; '' when none. */
  label: string;
  mode: TimeMode;
}

export const PROBLEM_CODES = [
  'effect_before_cause',
  'precedes_violated',
  'payoff_before_setup',
  'dream_causes_real',
  // A loop of sets_up links (h73): one per knot of them, whatever the order.
  'setup_loop',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type ProblemSeverity = 'error' | 'warning' | 'info';

/**
 * One thing the story check found. Each comes from one link, but a `setup_loop`, which comes
 * from a loop of `sets_up` links and is given by its first link (the one with the smallest id).
 */
export interface StoryProblem {
  /** `code:linkId`: the same problem keeps its id while it lasts. */
  id: string;
  code: ProblemCode;
  severity: ProblemSeverity;
  linkId: string;
  /** The link's beats: [from, to]. */
  momentIds: [string, string];
  /** One sentence for the writer. */
  message: string;
  /** From the link's intentional flag: listed, not counted (a `setup_loop`: never). */
  intentional: boolean;
  /** A `setup_loop`: the loop's links in order, each setting up the next one's setup. */
  loop?: Array<{ linkId: string; fromMomentId: string; toMomentId: string }>;
}

/** What one write did to the story check's answer. */
export interface StoryCheckDelta {
  created: StoryProblem[];
  resolved: StoryProblem[];
}

/** The whole story check (`stories:check`). */
export interface StoryCheckReport {
  storyId: string;
  /** Every problem, intentional ones included, in reading order of their first beat. */
  problems: StoryProblem[];
  /** Problems that count (not intentional), by severity. */
  errors: number;
  warnings: number;
  infos: number;
  intentional: number;
}
