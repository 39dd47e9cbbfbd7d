import type { Engine } from './engine';
import type { Op } from '../ops';

/**
 * Does what the writer asked: the store changes now and the channel call follows in order.
 * The library records the undo step itself; Undo/Redo are read again once the queue is idle.
 */
export function perform(engine: Engine, op: Op): Promise<boolean> {
  const local = engine.applyLocal(op);
  return engine.enqueue(() => engine.send(op, local));
}
