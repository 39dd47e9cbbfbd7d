import type { Result } from '../../../electron/core/contract/types';
import type { DraftBase } from '../hooks/useAutosaveText';

/**
 * Saves typed text over what the typing started from. The write sends the row's updatedAt then
 * (`expectedUpdatedAt`); a conflict is real only when the field's own text changed elsewhere:
 * when the row changed in another way (a move, the event's other field, this window's earlier
 * write), the write goes again over the row as it is now. An accepted write moves `base` on.
 */
export async function saveOverBase<T extends { updatedAt: string }>(
  base: DraftBase,
  text: string,
  write: (expectedUpdatedAt: string | undefined) => Promise<Result<T>>,
  read: () => Promise<Result<{ text: string; updatedAt: string }>>,
): Promise<Result<T>> {
  // An empty stamp: the writer chose to keep their text over a change made elsewhere.
  let result = await write(base.stamp || undefined);
  if (!result.ok && result.error.code === 'conflict' && base.stamp) {
    const fresh = await read();
    if (fresh.ok && fresh.value.text === base.text) result = await write(fresh.value.updatedAt);
  }
  if (result.ok) {
    base.text = text;
    base.stamp = result.value.updatedAt;
  }
  return result;
}
