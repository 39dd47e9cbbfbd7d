/**
 * The limits of a story file import (docs/story-file-format.md, "Limits"). Generous: a long
 * novel's outline is a few hundred events and a few thousand beats. They are checked while the
 * file is read, before anything that grows with the file is built, so a hostile file is refused
 * quickly with a message naming the limit. No zod and no Node imports: the renderer uses them.
 */
export const STORY_FILE_LIMITS = {
  /** Bytes of the file (UTF-8): 50 MiB. */
  bytes: 50 * 1024 * 1024,
  /** Events in one story. */
  events: 10_000,
  /** Beats in one event. */
  beatsPerEvent: 20_000,
  /** Beats in one story, over all its events. */
  beatsPerStory: 200_000,
  /** Nesting of JSON lists and objects (a story file needs 6 levels). */
  depth: 16,
  /** Characters (UTF-16 code units) of the longest field, a description; titles allow 200. */
  fieldCharacters: 20_000,
  /** Fields in one JSON object (a story file's objects have at most 6). */
  fieldsPerObject: 64,
  /** JSON values of every kind in one file (a story at the limits above holds about 1.5 million). */
  jsonValues: 2_000_000,
  /** Lines of a Markdown outline (one at the limits above needs about 250,000). */
  markdownLines: 5_000_000,
} as const;

/** The largest story file an import reads, in UTF-8 bytes. */
export const MAX_STORY_FILE_BYTES = STORY_FILE_LIMITS.bytes;

/** `10,000` for messages. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
