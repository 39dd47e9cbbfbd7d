import { nextStamp } from '../clock';
import type { HistoryOutcome, HistoryState } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { DomainError, notFound } from '../errors';
import { withCheck, type CheckScope } from '../logic/incremental';
import { cachedStatements } from '../statements';
import { storyLastEdited } from '../stories';
import { captured } from './capture';
import { applyOps, cascadeProblem, expectedChanges, inverseOps, storiesIn, type Op } from './ops';
import { trackedTable } from './tables';

interface StepRow {
  step: number;
  label: string;
  ops: string;
}

// `scope = +?`: not recompiled on every call (see `last` in record.ts).
const statements = cachedStatements((db) => ({
  newestDone: db.prepare(`SELECT step, label, undo_ops AS ops FROM history_steps
    WHERE scope = +? AND undone = 0 ORDER BY step DESC LIMIT 1`),
  // Undone steps are the newest of their scope: the first one after the newest done step.
  oldestUndone: db.prepare(`SELECT step, label, redo_ops AS ops FROM history_steps
    WHERE scope = +? AND undone = 1 AND step > coalesce((SELECT step FROM history_steps
      WHERE scope = +? AND undone = 0 ORDER BY step DESC LIMIT 1), 0)
    ORDER BY step LIMIT 1`),
  markUndone: db.prepare(`UPDATE history_steps
    SET undone = 1, redo_ops = ?, merge_key = NULL, updated_at = ? WHERE scope = ? AND step = ?`),
  markRedone: db.prepare(`UPDATE history_steps
    SET undone = 0, undo_ops = ?, merge_key = NULL, updated_at = ? WHERE scope = ? AND step = ?`),
  touch: db.prepare('UPDATE stories SET updated_at = ? WHERE story_uuid = ?'),
  storyExists: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
  scopeKept: db.prepare('SELECT 1 FROM history_steps WHERE scope = ? LIMIT 1').pluck(),
}));

/**
 * The history scope of a story ('' for the library's own steps). A story that does not exist
 * is not_found, as on every other story channel, unless its history is still kept (a deleted
 * story's, while a library step can bring it back: undo there is a conflict that says so).
 */
function scopeOf(db: DatabaseHandle, storyId: string | null): string {
  if (storyId === null) return '';
  const s = statements(db);
  if (!s.storyExists.get(storyId) && !s.scopeKept.get(storyId)) throw notFound('story', storyId);
  return storyId;
}

/** The step undo would take (the newest done one) or redo would (the oldest undone one). */
function nextStep(db: DatabaseHandle, scope: string, verb: 'undo' | 'redo'): StepRow | undefined {
  const s = statements(db);
  return (verb === 'undo' ? s.newestDone.get(scope) : s.oldestUndone.get(scope, scope)) as
    StepRow | undefined;
}

/** What Undo and Redo would do now in a story (null: the library's own steps). */
export function historyState(db: DatabaseHandle, storyId: string | null): HistoryState {
  const scope = scopeOf(db, storyId);
  const undo = nextStep(db, scope, 'undo');
  const redo = nextStep(db, scope, 'redo');
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
  const scope = scopeOf(db, storyId);
  const step = nextStep(db, scope, verb);
  if (!step) return { label: null, storyIds: [], state: historyState(db, storyId) };
  if (scope !== '' && !s.storyExists.get(scope)) {
    throw new DomainError(
      'conflict',
      `Could not ${verb} ${step.label}: the story was deleted (undo that in the library first).`,
    );
  }
  const ops = JSON.parse(step.ops) as Op[];
  try {
    // What the step changes for the story check goes on the Result, as for any write.
    const { changes } = withCheck(db, checkScope(ops), () => captured(db, () => applyOps(db, ops)));
    if (changes.length !== expectedChanges(ops)) {
      throw new DomainError('conflict', cascadeProblem(ops));
    }
    const inverse = JSON.stringify(inverseOps(db, changes));
    const now = new Date().toISOString();
    (verb === 'undo' ? s.markUndone : s.markRedone).run(inverse, now, scope, step.step);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw new DomainError(
      'conflict',
      `Could not ${verb} ${step.label}: ${error.message}. Nothing was changed.`,
    );
  }
  const storyIds = scope === '' ? storiesIn(ops) : [scope];
  // Later than the story's last-edited time, which its newest step's stamp may be (stories.ts).
  for (const id of storyIds) s.touch.run(nextStamp(storyLastEdited(db, id)), id);
  return { label: step.label, storyIds, state: historyState(db, storyId) };
}

/**
 * The events, beats and links a step's operations touch: what the story check looks at (with
 * the beats of each link it puts back).
 */
function checkScope(ops: readonly Op[]): CheckScope {
  const scope = { eventIds: [] as string[], momentIds: [] as string[], linkIds: [] as string[] };
  const lists: Record<string, string[]> = {
    events: scope.eventIds,
    event_moments: scope.momentIds,
    beat_links: scope.linkIds,
  };
  for (const op of ops) {
    const id = op.op === 'put' ? op.row[trackedTable(op.table).key] : op.id;
    lists[op.table]?.push(String(id));
    // A link put back may close a loop of setups again: its beats are where to look.
    if (op.op === 'put' && op.table === 'beat_links') {
      scope.momentIds.push(String(op.row.from_moment_uuid), String(op.row.to_moment_uuid));
    }
  }
  return scope;
}
