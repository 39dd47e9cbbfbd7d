import type { StoryEvent } from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { call } from '../store/call';
import { insertEventIn, patchEventIn } from '../store/timelineModel';
import type { OpModule } from './context';

export interface CreateEvent {
  t: 'event.create';
  storyId: string;
  index: number;
  event: { id: string };
}

/** Add an empty event: shown at once under the id chosen here, which the library keeps. */
export const createEvent: OpModule<CreateEvent> = {
  apply(ctx, op, local) {
    if (!ctx.open(op.storyId)) return;
    const now = new Date().toISOString();
    const event: StoryEvent = {
      id: op.event.id,
      storyId: op.storyId,
      title: '',
      description: '',
      orderKey: 0, // the library's key arrives with its answer; the screen orders by list
      createdAt: now,
      updatedAt: now,
    };
    ctx.mutate((m) => insertEventIn(m, event, op.index, []));
    const order = ctx.get().timeline?.eventOrder ?? [];
    local.beforeId = order[order.indexOf(op.event.id) + 1] ?? null;
  },
  async send(ctx, op, local) {
    const result = await call(() =>
      api().events.create({
        id: op.event.id,
        storyId: op.storyId,
        title: '',
        description: '',
        beforeEventId: local.beforeId ?? null,
      }),
    );
    if (result.ok && ctx.open(op.storyId)?.events[op.event.id]) {
      ctx.mutate((m) =>
        patchEventIn(m, op.event.id, {
          updatedAt: result.value.updatedAt,
          orderKey: result.value.orderKey,
        }),
      );
      ctx.settle(local);
    }
    return result;
  },
};
