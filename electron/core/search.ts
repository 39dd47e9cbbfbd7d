import { matchRanges, searchFold } from './contract/fold-case';
import { LIMITS } from './contract/limits';
import type { BeatSearchHit, BeatSearchResult } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { notFound } from './errors';
import { searchPatterns } from './search-patterns';
import { cachedStatements } from './statements';

/** Hits returned when the caller gives no `limit`. */
export const SEARCH_DEFAULT_LIMIT = 200;

/** Characters of context kept on each side of a match in a hit's snippet. */
const SNIPPET_CONTEXT = 40;

/**
 * Whether `expr` holds the query of `p` (a SearchPatterns object, its fields `p.like`, ...): text
 * that is all ASCII (as long in characters as in bytes) by LIKE alone, when the query can be in
 * such text; other text by the LIKE prefilter, then the anchor GLOBs (no anchor, null: every
 * text passes; a second one null is false), then the GLOBs of the first letter's forms (a GLOB
 * past them, null, is false), on the text with ß and ẞ as ss when the query has an s and the
 * text a ß (`p.sharp`; the copy made once). All exact; all in SQLite. A CASE, so that the
 * slower steps run only on the text that passes the faster ones.
 */
const holds = (expr: string, p: (field: string) => string) => {
  const globs = (text: string) =>
    `coalesce(${text} GLOB ${p('glob')} OR ${text} GLOB ${p('glob2')} OR ${text} GLOB ${p('glob3')}, 0)`;
  return `CASE WHEN ${p('like')} IS NOT NULL AND length(${expr}) = octet_length(${expr})
     THEN ${expr} LIKE ${p('like')} ESCAPE '\\'
   WHEN NOT ${expr} LIKE ${p('prefilter')} ESCAPE '\\' THEN 0
   WHEN NOT coalesce(${expr} GLOB ${p('anchor')} OR ${expr} GLOB ${p('anchor2')}, ${p('anchor')} IS NULL)
     THEN 0
   WHEN ${p('sharp')} AND (instr(${expr}, 'ß') OR instr(${expr}, 'ẞ'))
     THEN (SELECT ${globs('t')} FROM (SELECT replace(replace(${expr}, 'ß', 'ss'), 'ẞ', 'ss') AS t))
   ELSE ${globs(expr)} END`;
};

/**
 * Search is a plain scan of the story's beats in story order (events by position, beats by
 * sequence, both read from their indexes, so no sort), case-insensitive in every script
 * (search-patterns.ts: LIKE for ASCII text, GLOB with a class per letter for the rest). At
 * 100,000 beats it stays inside the 50 ms a keystroke may take (`npm run bench`, row `search`), so there is no FTS
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
        WHERE e.story_uuid = @storyId AND ${holds('m.beat_description', (f) => `@${f}`)}
        ORDER BY e.position, e.event_uuid, m.sequence_index, m.moment_uuid
        LIMIT ${LIMITS.searchHits + 1}`,
    )
    .raw(),
  // With event titles (the "Link…" picker): every word of the query (a JSON array of
  // SearchPatterns) is in the beat's text or its event's title; the line break keeps a word
  // from running across the two.
  matchesWithTitles: db
    .prepare(
      `SELECT m.moment_uuid, m.event_uuid
         FROM events e JOIN event_moments m ON m.event_uuid = e.event_uuid
        WHERE e.story_uuid = @storyId AND NOT EXISTS (
                SELECT 1 FROM json_each(@words) w
                 WHERE NOT (${holds('m.beat_description || char(10) || e.title', (f) => `(w.value ->> '${f}')`)}))
        ORDER BY e.position, e.event_uuid, m.sequence_index, m.moment_uuid
        LIMIT ${LIMITS.searchHits + 1}`,
    )
    .raw(),
  description: db
    .prepare('SELECT beat_description FROM event_moments WHERE moment_uuid = ?')
    .pluck(),
}));

/** A short piece of `text` around the first occurrence of `query` as search compares them. */
export function snippetOf(text: string, query: string): string {
  const [start, end] = matchRanges(text, query)[0] ?? [0, 0];
  const from = Math.max(0, start - SNIPPET_CONTEXT);
  const to = Math.min(text.length, end + SNIPPET_CONTEXT);
  const piece = text.slice(from, to).replace(/\s+/g, ' ');
  return `${from > 0 ? '…' : ''}${piece}${to < text.length ? '…' : ''}`;
}

/**
 * The beats of a story whose text contains `query` (with `eventTitles`: each of its words is in
 * the beat's text or its event's title), in story order: how many there are (up to
 * `LIMITS.searchHits`), and the first `limit` with their event and a snippet.
 */
export function searchMoments(
  db: DatabaseHandle,
  storyId: string,
  query: string,
  limit: number,
  eventTitles = false,
): BeatSearchResult {
  const s = statements(db);
  if (s.story.get(storyId) === undefined) throw notFound('story', storyId);
  const words = query.split(/\s+/).filter(Boolean);
  const rows = (
    eventTitles
      ? s.matchesWithTitles.all({ storyId, words: JSON.stringify(words.map(searchPatterns)) })
      : s.matches.all({ storyId, ...searchPatterns(query) })
  ) as [string, string][];
  const more = rows.length > LIMITS.searchHits;
  const hits: BeatSearchHit[] = rows.slice(0, limit).map(([momentId, eventId]) => {
    const text = s.description.get(momentId) as string;
    // The snippet shows the first word the text holds (none: a match on the title alone).
    const shown = eventTitles
      ? (words.find((w) => searchFold(text).includes(searchFold(w))) ?? '')
      : query;
    return { momentId, eventId, snippet: snippetOf(text, shown) };
  });
  return { storyId, query, total: Math.min(rows.length, LIMITS.searchHits), more, hits };
}
