import { nextStamp } from '../clock';
import type { HistoryOutcome, HistoryState } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { DomainError } from '../errors';
import { resetOrderCache } from '../order-cache';
import { cachedStatements } from '../statements';
import { captured } from './capture';
import { applyOps, expectedChanges, inverseOps, storiesIn, type Op } from './ops';

interface StepRow {
  step_id: number;
  label: string;
  ops: string;
}

const statements = cachedStatements((db) => ({
  newestDone: db.prepare(`SELECT step_id, label, undo_ops AS ops FROM history_steps
    WHERE scope = ? AND undone = 0 ORDER BY step_id DESC LIMIT 1`),
  oldestUndone: db.prepare(`SELECT step_id, label, redo_ops AS ops FROM history_steps
    WHERE scope = ? AND undone = 1 ORDER BY step_id LIMIT 1`),
  markUndone: db.prepare(`UPDATE history_steps
    SET undone = 1, redo_ops = ?, merge_key = NULL, updated_at = ? WHERE step_id = ?`),
  markRedone: db.prepare(`UPDATE history_steps
    SET undone = 0, undo_ops = ?, merge_key = NULL, updated_at = ? WHERE step_id = ?`),
  touch: db.prepare('UPDATE stories SET updated_at = ? WHERE story_uuid = ?'),
}));

const scopeOf = (storyId: string | null) => storyId ?? '';

/** What Undo and Redo would do now in a story (null: the library's own steps). */
export function historyState(db: DatabaseHandle, storyId: string | null): HistoryState {
  const s = statements(db);
  const scope = scopeOf(storyId);
  const undo = s.newestDone.get(scope) as StepRow | undefined;
  const redo = s.oldestUndone.get(scope) as StepRow | undefined;
  return {
    undo: undo ? { label: undo.label } : null,
    redo: redo ? { label: redo.label } : null,
  };
}

/** Undoes the newest step of a story (or of the library); label null when there is none. */
export function undo(db: DatabaseHandle, storyId: string | null): HistoryOutcome {
  return replay(db, storyId, 'undo');
}

/** Redoes the step undone last in a story (or in the library); label null when there is none. */
export function redo(db: DatabaseHandle, storyId: string | null): HistoryOutcome {
  return replay(db, storyId, 'redo');
}

/**
 * Applies a step's operations with the changes captured; the inverse of what actually
 * changed is stored as the other direction's operations, so redo restores exactly what undo
 * replaced (and the other way round). The step keeps its place; undo and redo add no steps.
 * When the rows are not as the step expects (changed elsewhere since), nothing changes and
 * the answer is a conflict.
 */
function replay(db: DatabaseHandle, storyId: string | null, verb: 'undo' | 'redo'): HistoryOutcome {
  const s = statements(db);
  const scope = scopeOf(storyId);
  const step = (verb === 'undo' ? s.newestDone : s.oldestUndone).get(scope) as StepRow | undefined;
  if (!step) return { label: null, storyIds: [], state: historyState(db, storyId) };
  const ops = JSON.parse(step.ops) as Op[];
  resetOrderCache(db); // rows move under the cache's feet: let SQLite answer until it reloads
  try {
    const { changes } = captured(db, () => applyOps(db, ops));
    if (changes.length !== expectedChanges(ops)) {
      throw new DomainError('conflict', 'what it holds was changed elsewhere since');
    }
    const inverse = JSON.stringify(inverseOps(changes));
    const now = new Date().toISOString();
    (verb === 'undo' ? s.markUndone : s.markRedone).run(inverse, now, step.step_id);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(
      'conflict',
      `Could not ${verb} ${step.label}: ${error.message} (in another window or tool). ` +
        'Nothing was changed.',
    );
  } finally {
    resetOrderCache(db);
  }
  const storyIds = scope === '' ? storiesIn(ops) : [scope];
  for (const id of storyIds) s.touch.run(nextStamp(), id);
  return { label: step.label, storyIds, state: historyState(db, storyId) };
}
