import { nextStamp } from '../clock';
import type { DatabaseHandle } from '../db/open';
import { cachedStatements } from '../statements';
import { currentWriter } from '../writer';
import { captured, type RowChange } from './capture';
import { STEP_NAMES } from './labels';
import { inverseOps, type Op } from './ops';
import { TRACKED_TABLES } from './tables';

/** Steps kept per scope (a story, or the library); older ones are pruned as new ones come. */
export const HISTORY_LIMIT = 1000;
/** A scope is pruned every this many steps. */
const PRUNE_EVERY = 64;
/**
 * Issue 12 (h35): bytes of undo and redo operations kept per scope. When a scope holds more,
 * its oldest steps are pruned until it does not, but its newest step is always kept (a story
 * deleted on its own stays undoable whatever its size). Checked with the count prune, every
 * `PRUNE_EVERY` steps, and at once after a step of `HISTORY_BIG_STEP_BYTES` or more, so a
 * scope never holds more than the limit plus 63 smaller steps (under 32 MiB) besides its newest.
 */
export const HISTORY_BYTES_LIMIT = 16 * 1024 * 1024;
/** A step this large (a deleted or imported story) has its scope checked against the limit at once. */
export const HISTORY_BIG_STEP_BYTES = HISTORY_BYTES_LIMIT / PRUNE_EVERY;
/**
 * Typing merges: an edit merges into the scope's newest step when that step holds the same
 * edit (same field(s) of the same beat, event or story: its merge key) and was last updated
 * less than this long ago. The merged step keeps its first undo (the text before the pause)
 * and its label; so there is one step per field per pause, as editors do.
 */
export const MERGE_WINDOW_MS = 2000;

const statements = cachedStatements((db) => ({
  /**
   * The scope's newest step (undone or not): a seek to the end of its key range. `+?`: bound
   * as `?`, SQLite recompiled this statement on every call (8-12 µs warm, ~40 µs in an edit
   * right after a commit's fsync; `npx tsx bench/history-cost.ts`).
   */
  last: db.prepare(`SELECT step, undone, merge_key, updated_at FROM history_steps
    WHERE scope = +? ORDER BY step DESC LIMIT 1`),
  undoOps: db.prepare('SELECT undo_ops FROM history_steps WHERE scope = ? AND step = ?').pluck(),
  dropRedo: db.prepare('DELETE FROM history_steps WHERE scope = ? AND undone = 1'),
  insert: db.prepare(`INSERT INTO history_steps
    (scope, step, label, undo_ops, redo_ops, merge_key, created_at, updated_at)
    VALUES (?, ?, ?, ?, '[]', ?, ?, ?)`),
  merge: db.prepare(
    'UPDATE history_steps SET undo_ops = ?, updated_at = ? WHERE scope = ? AND step = ?',
  ),
  prune: db.prepare('DELETE FROM history_steps WHERE scope = ? AND step <= ?'),
  /**
   * The scope's bytes of operations, summed in SQL: walking its 1,000 steps in JavaScript every
   * 64 steps cost each edit about 10 µs on average, for a limit almost never reached (h43).
   * octet_length reads a value's size from its record header, not its pages.
   */
  scopeBytes: db
    .prepare(
      'SELECT sum(octet_length(undo_ops) + octet_length(redo_ops)) FROM history_steps WHERE scope = ?',
    )
    .pluck(),
  // Newest first, for the rare scope over the limit.
  stepBytes: db.prepare(`SELECT step, octet_length(undo_ops) + octet_length(redo_ops) AS bytes
    FROM history_steps WHERE scope = ? ORDER BY step DESC`),
  storyStamp: db.prepare('SELECT updated_at FROM stories WHERE story_uuid = ?').pluck(),
  // Scopes of stories that no longer exist (their history outlives them for undo's sake).
  orphanScopes: db
    .prepare(
      `SELECT DISTINCT scope FROM history_steps
      WHERE scope <> '' AND scope NOT IN (SELECT story_uuid FROM stories)`,
    )
    .pluck(),
  libraryMentions: db
    .prepare(
      `SELECT 1 FROM history_steps
      WHERE scope = '' AND (instr(undo_ops, ?) > 0 OR instr(redo_ops, ?) > 0) LIMIT 1`,
    )
    .pluck(),
  dropScope: db.prepare('DELETE FROM history_steps WHERE scope = ?'),
}));

interface LastStep {
  step: number;
  undone: number;
  merge_key: string | null;
  updated_at: string;
}

/**
 * Runs a write channel's work with its row changes captured and records them as one undo
 * step in the same transaction (the caller's): Actual Budget's way, every data-changing
 * channel is undoable by construction. The step's stamp is the story's last-edited time
 * (stories.ts), so the story's row is not written.
 */
export function recorded<T>(
  db: DatabaseHandle,
  channel: string,
  input: Record<string, unknown>,
  run: () => T,
): T {
  const { value, changes } = captured(db, run);
  if (changes.length > 0) {
    const undo = inverseOps(db, changes); // reads the inserted rows the label may name
    const name = STEP_NAMES[channel]!(input, changes);
    // Typing merges only with the same writer's typing: another window's edit is its own step.
    const mergeKey = name.mergeKey === null ? null : `${currentWriter() ?? ''}|${name.mergeKey}`;
    saveStep(db, name.scope ?? scopeOf(db, changes), undo, name.label, mergeKey);
  }
  return value;
}

/** '' (the library) when a story row changed; otherwise the story the changed rows are in. */
function scopeOf(db: DatabaseHandle, changes: readonly RowChange[]): string {
  if (changes.some((c) => c.table === 'stories')) return '';
  for (const t of TRACKED_TABLES) {
    for (const c of changes) {
      if (c.table !== t.name || !t.parent) continue;
      const parentKey = c.kind === 'insert' ? c.parent : c.before![t.parent.column];
      const story = typeof parentKey === 'string' ? t.storyOf(db, parentKey) : null;
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
  let last = s.last.get(scope) as LastStep | undefined;
  if (last?.undone) {
    s.dropRedo.run(scope); // a new action: what could be redone is gone
    last = s.last.get(scope) as LastStep | undefined;
  }
  // The step's stamp is its story's last-edited time (stories.ts): later than the story's
  // row, its newest step and every stamp this process gave (so stories:list sorts edits made
  // in one ms), that time moves with every edit.
  const storyStamp = scope === '' ? '' : ((s.storyStamp.get(scope) as string | undefined) ?? '');
  const lastStamp = last?.updated_at ?? '';
  const now = nextStamp((lastStamp > storyStamp ? lastStamp : storyStamp) || undefined);
  if (
    mergeKey !== null &&
    last?.merge_key === mergeKey &&
    nowMs - Date.parse(last.updated_at) < MERGE_WINDOW_MS
  ) {
    const older = JSON.parse(s.undoOps.get(scope, last.step) as string) as Op[];
    const merged = mergeUndo(older, undo);
    if (merged) {
      s.merge.run(JSON.stringify(merged), now, scope, last.step);
      return;
    }
  }
  const step = (last?.step ?? 0) + 1;
  const undoJson = JSON.stringify(undo);
  s.insert.run(scope, step, label, undoJson, mergeKey, now, now);
  pruneHistory(db, scope, step, undoJson.length);
}

/**
 * Keeps a scope within `HISTORY_LIMIT` steps and `HISTORY_BYTES_LIMIT` bytes after `step` was
 * recorded (`stepChars` long). Steps of a scope are numbered without gaps, so a range delete
 * keeps the newest: every PRUNE_EVERY steps, down to leave room for the next PRUNE_EVERY - 1
 * (never over the count); by bytes, from the first step (newest first) that passes the limit.
 */
function pruneHistory(db: DatabaseHandle, scope: string, step: number, stepChars: number): void {
  const counted = step % PRUNE_EVERY === 0;
  // UTF-8 takes at least a byte per UTF-16 unit: a step this many characters long is big.
  if (!counted && stepChars < HISTORY_BIG_STEP_BYTES) return;
  const s = statements(db);
  if (counted) s.prune.run(scope, step - (HISTORY_LIMIT - PRUNE_EVERY + 1));
  let oldestKept = 0;
  if ((s.scopeBytes.get(scope) as number) > HISTORY_BYTES_LIMIT) {
    let total = 0;
    for (const row of s.stepBytes.iterate(scope) as Iterable<{ step: number; bytes: number }>) {
      total += row.bytes;
      if (total > HISTORY_BYTES_LIMIT && row.step < step) {
        oldestKept = row.step + 1;
        break; // ends the iteration, so the connection is free for the delete
      }
    }
  }
  if (oldestKept > 0) s.prune.run(scope, oldestKept - 1);
  if (scope === '' && (counted || oldestKept > 0)) dropOrphanHistory(db);
}

/**
 * A deleted story's history is kept while a library step can still bring the story back;
 * once none mentions it (pruned, or dropped as redo), the story's steps go too. Runs when the
 * library scope is pruned.
 */
function dropOrphanHistory(db: DatabaseHandle): void {
  const s = statements(db);
  for (const scope of s.orphanScopes.all() as string[]) {
    if (!s.libraryMentions.get(scope, scope)) s.dropScope.run(scope);
  }
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
