import { nextStamp } from '../clock';
import type { DatabaseHandle } from '../db/open';
import { knownStoryOf } from '../order-cache';
import { cachedStatements } from '../statements';
import { captured, type RowChange } from './capture';
import { STEP_NAMES } from './labels';
import { inverseOps, type Op } from './ops';
import { TRACKED_TABLES } from './tables';

/** Steps kept per scope (a story, or the library); older ones are pruned as new ones come. */
export const HISTORY_LIMIT = 1000;
/** A scope is pruned on its first step in a process and every this many steps after. */
const PRUNE_EVERY = 64;
/**
 * Typing merges: an edit merges into the scope's newest step when that step holds the same
 * edit (same field(s) of the same beat, event or story: its merge key) and was last updated
 * less than this long ago. The merged step keeps its first undo (the text before the pause)
 * and its label; so there is one step per field per pause, as editors do.
 */
export const MERGE_WINDOW_MS = 2000;

const statements = cachedStatements((db) => ({
  dropRedo: db.prepare('DELETE FROM history_steps WHERE scope = ? AND undone = 1'),
  newest: db.prepare(`SELECT step_id, merge_key, updated_at, undo_ops FROM history_steps
    WHERE scope = ? AND undone = 0 ORDER BY step_id DESC LIMIT 1`),
  insert: db.prepare(`INSERT INTO history_steps
    (scope, label, undo_ops, redo_ops, merge_key, created_at, updated_at)
    VALUES (?, ?, ?, '[]', ?, ?, ?)`),
  merge: db.prepare('UPDATE history_steps SET undo_ops = ?, updated_at = ? WHERE step_id = ?'),
  prune: db.prepare(`DELETE FROM history_steps WHERE scope = ? AND undone = 0 AND step_id <= (
    SELECT step_id FROM history_steps WHERE scope = ? AND undone = 0
    ORDER BY step_id DESC LIMIT 1 OFFSET ?)`),
  touch: db.prepare('UPDATE stories SET updated_at = ? WHERE story_uuid = ?'),
}));

const stepsSincePrune = new WeakMap<DatabaseHandle, Map<string, number>>();

/**
 * Runs a write channel's work with its row changes captured and records them as one undo
 * step in the same transaction (the caller's): Actual Budget's way, every data-changing
 * channel is undoable by construction. Also touches the story's updated_at.
 */
export function recorded<T>(
  db: DatabaseHandle,
  channel: string,
  input: Record<string, unknown>,
  run: () => T,
): T {
  const { value, changes } = captured(db, run);
  if (changes.length > 0) {
    const name = STEP_NAMES[channel]!(input, changes);
    saveStep(db, scopeOf(db, changes), inverseOps(changes), name.label, name.mergeKey);
  }
  return value;
}

/** '' (the library) when a story row changed; otherwise the story the changed rows are in. */
function scopeOf(db: DatabaseHandle, changes: readonly RowChange[]): string {
  if (changes.some((c) => c.table === 'stories')) return '';
  for (const t of TRACKED_TABLES) {
    for (const c of changes) {
      if (c.table !== t.name) continue;
      const row = (c.after ?? c.before)!;
      const known = t.name === 'event_moments' ? knownStoryOf(db, row.event_uuid as string) : null;
      const story = known ?? t.storyOf(db, row);
      if (story) return story;
    }
  }
  return '';
}

function saveStep(
  db: DatabaseHandle,
  scope: string,
  undo: Op[],
  label: string,
  mergeKey: string | null,
): void {
  const s = statements(db);
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  s.dropRedo.run(scope);
  if (scope !== '') s.touch.run(nextStamp(), scope);
  if (mergeKey !== null) {
    const last = s.newest.get(scope) as
      | { step_id: number; merge_key: string | null; updated_at: string; undo_ops: string }
      | undefined;
    if (last?.merge_key === mergeKey && nowMs - Date.parse(last.updated_at) < MERGE_WINDOW_MS) {
      const merged = mergeUndo(JSON.parse(last.undo_ops) as Op[], undo);
      if (merged) {
        s.merge.run(JSON.stringify(merged), now, last.step_id);
        return;
      }
    }
  }
  let counts = stepsSincePrune.get(db);
  if (!counts) stepsSincePrune.set(db, (counts = new Map()));
  const n = counts.get(scope) ?? 0;
  counts.set(scope, n + 1);
  // Keep room for the steps until the next prune: at most HISTORY_LIMIT at any time.
  if (n % PRUNE_EVERY === 0) s.prune.run(scope, scope, HISTORY_LIMIT - PRUNE_EVERY);
  s.insert.run(scope, label, JSON.stringify(undo), mergeKey, now, now);
}

/**
 * One edit merged into the step before it: both must set columns of one same row. The merged
 * operation expects the row as the newer edit left it and restores it as the older found it.
 */
function mergeUndo(older: Op[], newer: Op[]): Op[] | null {
  const [a] = older;
  const [b] = newer;
  if (older.length !== 1 || newer.length !== 1 || a?.op !== 'set' || b?.op !== 'set') return null;
  if (a.table !== b.table || a.id !== b.id) return null;
  return [{ ...a, from: { ...a.from, ...b.from }, to: { ...b.to, ...a.to } }];
}
