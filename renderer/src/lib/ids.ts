import { v7 } from 'uuid';

/**
 * Ids for what the writer creates, chosen here (UUIDv7, RFC 9562, by the same library as
 * electron/core/ids.ts): the library takes them as given, so one id names a thing on screen, in
 * the file and through undo and redo. The library keeps the clock and counter that make each
 * id greater than the one before, so this page keeps none of its own.
 */

/** A fresh lowercase UUIDv7, greater than every id this page made before it. */
export function newId(): string {
  return v7();
}
