import type { Engine } from './engine';
import type { HistoryEntry, Op } from './history';
import { pushHistory } from './historySlice';
import type { Store } from './types';
import type { StoreApi } from 'zustand';

/**
 * Does what the writer asked: the store changes now, the channel call follows in order,
 * and the step joins the undo history once the database has accepted it.
 */
export function perform(
  engine: Engine,
  set: StoreApi<Store>['setState'],
  op: Op,
  label: string,
  onDone?: (entry: HistoryEntry) => void,
): Promise<boolean> {
  const local = engine.applyLocal(op);
  return engine.enqueue(async () => {
    const ok = await engine.send(op, local);
    if (ok) {
      const entry = { label, op };
      set(pushHistory(entry));
      onDone?.(entry);
    }
    return ok;
  });
}

/** Like `perform`, but the store changes only when the task runs (creations need ids). */
export function performQueued(
  engine: Engine,
  set: StoreApi<Store>['setState'],
  op: Op,
  label: string,
): Promise<boolean> {
  return engine.enqueue(async () => {
    const ok = await engine.runInline(op);
    if (ok) set(pushHistory({ label, op }));
    return ok;
  });
}
