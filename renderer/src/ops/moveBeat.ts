import { api } from '../api/bridge';
import { call } from '../store/call';
import { locateMoment, moveMomentIn, patchMomentIn } from '../store/timelineModel';
import type { OpModule } from './context';
import { idAfter, loadedId } from './neighbours';

export interface MoveBeat {
  t: 'moment.move';
  storyId: string;
  momentId: string;
  to: { eventId: string; index: number };
}

/**
 * Move a beat: shown where it lands at once; the library is told by intent (before the beat
 * now after it, or at the end) and answers with the beat as written.
 */
export const moveBeat: OpModule<MoveBeat> = {
  apply(ctx, op, local) {
    const before = ctx.open(op.storyId);
    if (!before) return;
    const from = locateMoment(before, op.momentId);
    ctx.mutate((m) => moveMomentIn(m, op.momentId, op.to.eventId, op.to.index));
    const after = ctx.get().timeline;
    const place = after ? locateMoment(after, op.momentId) : null;
    if (!after || !place) return;
    local.beforeId = idAfter(after.momentIds[place.eventId], place.index);
    // Not loaded here: where the library holds that beat in the list before the move.
    const stays = from?.eventId === place.eventId && from.index <= place.index;
    local.beforeOffset = stays ? place.index + 1 : place.index;
  },
  async send(ctx, op, local) {
    const { momentId } = op;
    const toEventId = op.to.eventId;
    const result = await call(async () => {
      const beforeMomentId =
        local.beforeId !== undefined
          ? local.beforeId
          : await loadedId(toEventId, local.beforeOffset ?? 0);
      return api().moments.move({ momentId, toEventId, beforeMomentId });
    });
    const model = ctx.open(op.storyId);
    if (result.ok && model?.moments[momentId]) {
      const { eventId, updatedAt, orderKey } = result.value;
      if (model.moments[momentId].eventId !== eventId) ctx.flagResync();
      ctx.mutate((m) => patchMomentIn(m, momentId, { updatedAt, orderKey }));
      ctx.settle(local);
    }
    return result;
  },
};
