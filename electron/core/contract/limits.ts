/**
 * Length caps on writer text, in UTF-16 code units, and other bounds on input. No zod here:
 * the renderer imports these to enforce the limits while the writer types (issue 12).
 */
export const LIMITS = {
  title: 200,
  eventDescription: 20_000,
  beatDescription: 20_000,
  /** Offsets up to 100 days, in seconds: far past any scene, well inside float precision. */
  maxOffsetSeconds: 100 * 24 * 3600,
  /** Largest position accepted on input (the real bound is checked against the data). */
  maxPosition: 10_000_000,
  /** Most beats one `moments:range` call returns. */
  maxRange: 2_000,
  /** A link's note and an event's story-time label (logic layer). */
  linkNote: 2_000,
  timeLabel: 200,
  // Board navigation (issue 16): `moments:search`.
  /** Longest search text. */
  searchQuery: 200,
  /** Most hits one `moments:search` call returns, and most matches it counts. */
  searchHits: 1_000,
  // Bulk (issue 17, h44): `moments:createMany`.
  /** Most beats one `moments:createMany` call adds. */
  maxBulkBeats: 2_000,
} as const;
