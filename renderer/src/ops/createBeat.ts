import type { Moment } from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { call } from '../store/call';
import { insertMomentIn, patchMomentIn } from '../store/timelineModel';
import type { OpModule } from './context';
import { idAfter, loadedId } from './neighbours';

export interface CreateBeat {
  t: 'moment.create';
  storyId: string;
  eventId: string;
  index: number;
  moment: { id: string; description: string; timestampOffset: number | null };
}

/** Add a beat: shown at once under the id chosen here, which the library keeps. */
export const createBeat: OpModule<CreateBeat> = {
  apply(ctx, op, local) {
    if (!ctx.open(op.storyId)) return;
    const now = new Date().toISOString();
    const moment: Moment = {
      ...op.moment,
      eventId: op.eventId,
      orderKey: 0, // the library's key arrives with its answer; the screen orders by list
      createdAt: now,
      updatedAt: now,
    };
    ctx.mutate((m) => insertMomentIn(m, moment, op.index));
    const ids = ctx.get().timeline?.momentIds[op.eventId];
    const at = ids?.indexOf(op.moment.id) ?? -1;
    local.beforeId = idAfter(ids, at);
    local.beforeOffset = at; // the library's list does not hold the new beat yet
  },
  async send(ctx, op, local) {
    const result = await call(async () =>
      api().moments.create({
        id: op.moment.id,
        eventId: op.eventId,
        description: op.moment.description,
        timestampOffset: op.moment.timestampOffset,
        beforeMomentId:
          local.beforeId !== undefined
            ? local.beforeId
            : await loadedId(op.eventId, local.beforeOffset ?? 0),
      }),
    );
    // The library's stamp: the first save of the beat's text sends it (a conflict check).
    if (result.ok && ctx.open(op.storyId)?.moments[op.moment.id]) {
      ctx.mutate((m) =>
        patchMomentIn(m, op.moment.id, {
          updatedAt: result.value.updatedAt,
          orderKey: result.value.orderKey,
        }),
      );
      ctx.settle(local);
    }
    return result;
  },
};
