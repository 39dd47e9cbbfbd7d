import type { DatabaseHandle } from '../../electron/core/db/open';

/**
 * Every row of the writer's tables (stories, events, beats), sort keys included, in a stable
 * order: what undo must restore exactly. Left out: the history itself, and each story's
 * updated_at, which every change inside the story moves on (undo and redo included).
 */
export function contentDump(db: DatabaseHandle): string {
  const rows = (sql: string) => JSON.stringify(db.prepare(sql).all());
  return [
    rows('SELECT story_uuid, title, created_at FROM stories ORDER BY story_uuid'),
    rows('SELECT * FROM events ORDER BY event_uuid'),
    rows('SELECT * FROM event_moments ORDER BY moment_uuid'),
  ].join('\n');
}

/** The history rows of one scope, oldest first. */
export function steps(db: DatabaseHandle, scope: string) {
  return db
    .prepare('SELECT label, undone FROM history_steps WHERE scope = ? ORDER BY step')
    .all(scope) as Array<{ label: string; undone: number }>;
}
