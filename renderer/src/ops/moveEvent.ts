import { api } from '../api/bridge';
import { call } from '../store/call';
import { moveEventIn } from '../store/timelineModel';
import type { OpModule } from './context';

export interface MoveEvent {
  t: 'event.move';
  storyId: string;
  eventId: string;
  to: number;
}

/** Move an event; a different order in the answer reloads the story. */
export const moveEvent: OpModule<MoveEvent> = {
  apply(ctx, op) {
    if (ctx.open(op.storyId)) ctx.mutate((m) => moveEventIn(m, op.eventId, op.to));
  },
  async send(ctx, op) {
    const result = await call(() => api().events.move({ eventId: op.eventId, position: op.to }));
    const model = ctx.open(op.storyId);
    if (result.ok && model) {
      const truth = result.value.map((e) => e.id);
      if (truth.join() !== model.eventOrder.join()) ctx.flagResync();
    }
    return result;
  },
};
