import { LIMITS } from './contract/limits';
import type { BeatSearchHit, BeatSearchResult } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { notFound } from './errors';
import { cachedStatements } from './statements';

/** Hits returned when the caller gives no `limit`. */
export const SEARCH_DEFAULT_LIMIT = 200;

/** Characters of context kept on each side of a match in a hit's snippet. */
const SNIPPET_CONTEXT = 40;

/**
 * Search is a plain scan of the story's beats in story order (events by position, beats by
 * sequence, both read from their indexes, so no sort): `LIKE '%query%'`, case-insensitive for
 * ASCII letters as SQLite's LIKE is, exact for other characters. At 100,000 beats it stays
 * inside the 50 ms a keystroke may take (`npm run bench`, row `search`), so there is no FTS
 * index: that would add an index write to every beat edit for nothing the writer can see.
 * The scan stops after `LIMITS.searchHits + 1` matches, so a common word costs less than a
 * rare one.
 */
const statements = cachedStatements((db) => ({
  story: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
  matches: db
    .prepare(
      `SELECT m.moment_uuid, m.event_uuid
         FROM events e JOIN event_moments m ON m.event_uuid = e.event_uuid
        WHERE e.story_uuid = ? AND m.beat_description LIKE ? ESCAPE '\\'
        ORDER BY e.position, e.event_uuid, m.sequence_index, m.moment_uuid
        LIMIT ${LIMITS.searchHits + 1}`,
    )
    .raw(),
  description: db
    .prepare('SELECT beat_description FROM event_moments WHERE moment_uuid = ?')
    .pluck(),
}));

/** `query` as a LIKE pattern that matches it anywhere, its `%`, `_` and `\` taken literally. */
function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Lower case for A-Z only, as SQLite's LIKE compares, so a snippet finds what LIKE found. */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

/** A short piece of `text` around the first case-insensitive occurrence of `query`. */
export function snippetOf(text: string, query: string): string {
  const at = Math.max(0, asciiLower(text).indexOf(asciiLower(query)));
  const from = Math.max(0, at - SNIPPET_CONTEXT);
  const to = Math.min(text.length, at + query.length + SNIPPET_CONTEXT);
  const piece = text.slice(from, to).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${piece}${to < text.length ? '…' : ''}`;
}

/**
 * The beats of a story whose text contains `query`, in story order: how many there are (up to
 * `LIMITS.searchHits`), and the first `limit` with their event and a snippet.
 */
export function searchMoments(
  db: DatabaseHandle,
  storyId: string,
  query: string,
  limit: number,
): BeatSearchResult {
  const s = statements(db);
  if (s.story.get(storyId) === undefined) throw notFound('story', storyId);
  const rows = s.matches.all(storyId, containsPattern(query)) as [string, string][];
  const more = rows.length > LIMITS.searchHits;
  const hits: BeatSearchHit[] = rows.slice(0, limit).map(([momentId, eventId]) => ({
    momentId,
    eventId,
    snippet: snippetOf(s.description.get(momentId) as string, query),
  }));
  return { storyId, query, total: Math.min(rows.length, LIMITS.searchHits), more, hits };
}
