import type { Result } from '../../../electron/core/contract/types';

/** Why the library did not take a save: a Result's error. */
export interface SaveProblem {
  code: string;
  message: string;
}

/**
 * What a run of typing started from: the field's text and the row's updatedAt then. Each save
 * sends the stamp (a row changed elsewhere since is refused as a conflict) and, once accepted,
 * moves both on, so the next save of the same run sends the stamp of the last.
 */
export interface DraftBase {
  text: string;
  stamp: string;
}

/**
 * Saves typed text over what the typing started from. The write sends the row's updatedAt then
 * (`expectedUpdatedAt`); a conflict is real only when the field's own text changed elsewhere:
 * when the row changed in another way (a move, the event's other field, this window's earlier
 * write, this window's own Undo or Redo: `own`), the write goes again over the row as it is
 * now. An accepted write moves `base` on.
 */
export async function saveOverBase<T extends { updatedAt: string }>(
  base: DraftBase,
  text: string,
  write: (expectedUpdatedAt: string | undefined) => Promise<Result<T>>,
  read: () => Promise<Result<{ text: string; updatedAt: string }>>,
  own: (updatedAt: string) => boolean = () => false,
): Promise<Result<T>> {
  // An empty stamp: the writer chose to keep their text over a change made elsewhere.
  let result = await write(base.stamp || undefined);
  if (!result.ok && result.error.code === 'conflict' && base.stamp) {
    const fresh = await read();
    if (fresh.ok && (fresh.value.text === base.text || own(fresh.value.updatedAt))) {
      result = await write(fresh.value.updatedAt);
    }
  }
  if (result.ok) {
    base.text = text;
    base.stamp = result.value.updatedAt;
  }
  return result;
}
