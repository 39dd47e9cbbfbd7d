import { api } from '../api/bridge';
import { call } from '../store/call';
import { moveEventIn, patchEventIn } from '../store/timelineModel';
import type { OpModule } from './context';

export interface MoveEvent {
  t: 'event.move';
  storyId: string;
  eventId: string;
  to: number;
}

/** Move an event; the library is told by intent (before the event now after it, or last). */
export const moveEvent: OpModule<MoveEvent> = {
  apply(ctx, op, local) {
    if (!ctx.open(op.storyId)) return;
    ctx.mutate((m) => moveEventIn(m, op.eventId, op.to));
    const order = ctx.get().timeline?.eventOrder ?? [];
    local.beforeId = order[order.indexOf(op.eventId) + 1] ?? null;
  },
  async send(ctx, op, local) {
    const beforeEventId = local.beforeId ?? null;
    const result = await call(() => api().events.move({ eventId: op.eventId, beforeEventId }));
    if (result.ok && ctx.open(op.storyId)?.events[op.eventId]) {
      ctx.mutate((m) =>
        patchEventIn(m, op.eventId, {
          updatedAt: result.value.updatedAt,
          orderKey: result.value.orderKey,
        }),
      );
      ctx.settle(local);
    }
    return result;
  },
};
