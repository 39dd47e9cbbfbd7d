import { newId } from './ids';
import type { Story, StorySummary } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { nextStamp, nowIso } from './clock';
import { alreadyExists, checkUnchanged, notFound } from './errors';
import { cachedStatements } from './statements';

interface StoryRow {
  story_uuid: string;
  title: string;
  created_at: string;
  updated_at: string;
}

/** Maps a `stories` row to the contract's Story. */
export function rowToStory(row: StoryRow): Story {
  return {
    id: row.story_uuid,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * A story's columns as the app sees them. Its last-edited time is the later of its row's own
 * stamp (created, renamed, an undo or redo in it) and its newest history step's: an edit inside
 * the story is recorded as a step anyway, so it does not also rewrite the story's row (one page
 * less per edit; `npx tsx bench/edits.ts`). Step stamps come from `nextStamp` like the row's.
 */
const STORY_COLUMNS = `s.story_uuid, s.title, s.created_at,
  max(s.updated_at, coalesce((SELECT h.updated_at FROM history_steps h
    WHERE h.scope = s.story_uuid ORDER BY h.step DESC LIMIT 1), '')) AS updated_at`;

const statements = cachedStatements((db) => ({
  insert: db.prepare(
    'INSERT INTO stories (story_uuid, title, created_at, updated_at) VALUES (?, ?, ?, ?)',
  ),
  get: db.prepare(`SELECT ${STORY_COLUMNS} FROM stories s WHERE s.story_uuid = ?`),
  summary: db.prepare(`
    SELECT ${STORY_COLUMNS},
      (SELECT count(*) FROM events e WHERE e.story_uuid = s.story_uuid) AS event_count,
      (SELECT count(*) FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
        WHERE e.story_uuid = s.story_uuid) AS beat_count
    FROM stories s WHERE s.story_uuid = ?`),
  list: db.prepare(`
    SELECT ${STORY_COLUMNS},
      (SELECT count(*) FROM events e WHERE e.story_uuid = s.story_uuid) AS event_count,
      (SELECT count(*) FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
        WHERE e.story_uuid = s.story_uuid) AS beat_count
    FROM stories s ORDER BY updated_at DESC, s.title, s.story_uuid`),
  update: db.prepare('UPDATE stories SET title = ?, updated_at = ? WHERE story_uuid = ?'),
  remove: db.prepare('DELETE FROM stories WHERE story_uuid = ?'),
  titles: db.prepare('SELECT title FROM stories').pluck(),
}));

/** Creates a story with a fresh UUID. */
/** True when a story in the library already has this title (as stored: trimmed). */
export function hasStoryTitled(db: DatabaseHandle, title: string): boolean {
  // The same title in another Unicode form ("Café" with é as e + U+0301, as some editors and
  // macOS file names write it) is the same title to a writer (h78: it was imported as a
  // second "Café" unasked).
  return storyTitles(db).has(title.trim().normalize('NFC'));
}

/** The titles of every story in the library, in one Unicode form (NFC). */
export function storyTitles(db: DatabaseHandle): Set<string> {
  return new Set((statements(db).titles.all() as string[]).map((t) => t.normalize('NFC')));
}

export function createStory(db: DatabaseHandle, input: { title: string; id?: string }): Story {
  const now = nowIso();
  const id = input.id ?? newId();
  if (input.id !== undefined && statements(db).get.get(id)) throw alreadyExists('story', id);
  statements(db).insert.run(id, input.title.trim(), now, now);
  return getStory(db, id);
}

/** All stories, most recently changed first, with their event and beat counts. */
export function listStories(db: DatabaseHandle): StorySummary[] {
  const rows = statements(db).list.all() as Array<
    StoryRow & { event_count: number; beat_count: number }
  >;
  return rows.map((r) => ({
    ...rowToStory(r),
    eventCount: r.event_count,
    beatCount: r.beat_count,
  }));
}

/** One story; throws not_found when it does not exist. */
export function getStory(db: DatabaseHandle, storyId: string): Story {
  const row = statements(db).get.get(storyId) as StoryRow | undefined;
  if (!row) throw notFound('story', storyId);
  return rowToStory(row);
}

/** A story's last-edited time; undefined when it does not exist. */
export function storyLastEdited(db: DatabaseHandle, storyId: string): string | undefined {
  return (statements(db).get.get(storyId) as StoryRow | undefined)?.updated_at;
}

/** One story with its event and beat counts as they are now; throws not_found. */
export function getStorySummary(db: DatabaseHandle, storyId: string): StorySummary {
  const row = statements(db).summary.get(storyId) as
    (StoryRow & { event_count: number; beat_count: number }) | undefined;
  if (!row) throw notFound('story', storyId);
  return { ...rowToStory(row), eventCount: row.event_count, beatCount: row.beat_count };
}

/**
 * Renames a story. With `expectedUpdatedAt`, refuses (conflict) when the story changed since
 * (its updated_at moves with every change inside it, too).
 */
export function updateStory(
  db: DatabaseHandle,
  storyId: string,
  changes: { title: string; expectedUpdatedAt?: string },
): Story {
  const row = statements(db).get.get(storyId) as StoryRow | undefined;
  if (!row) throw notFound('story', storyId);
  checkUnchanged('story', row.updated_at, changes.expectedUpdatedAt);
  statements(db).update.run(changes.title.trim(), nextStamp(row.updated_at), storyId);
  return getStory(db, storyId);
}

/** Deletes a story with its events and beats (foreign keys cascade). */
export function deleteStory(db: DatabaseHandle, storyId: string): void {
  if (statements(db).remove.run(storyId).changes === 0) throw notFound('story', storyId);
}
