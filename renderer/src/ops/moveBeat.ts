import { api } from '../api/bridge';
import { call } from '../store/call';
import { locateMoment, moveMomentIn } from '../store/timelineModel';
import type { OpModule } from './context';

export interface MoveBeat {
  t: 'moment.move';
  storyId: string;
  momentId: string;
  to: { eventId: string; index: number };
}

/**
 * Move a beat: shown where it lands at once; the library is told by intent (before the beat
 * now after it, or at the end), and a different answer reloads the story.
 */
export const moveBeat: OpModule<MoveBeat> = {
  apply(ctx, op, local) {
    if (!ctx.open(op.storyId)) return;
    ctx.mutate((m) => moveMomentIn(m, op.momentId, op.to.eventId, op.to.index));
    const after = ctx.get().timeline;
    const place = after ? locateMoment(after, op.momentId) : null;
    if (after && place) {
      // The beat now after it, by id; by position when that beat is not loaded here.
      const next = after.momentIds[place.eventId]?.[place.index + 1];
      local.beforeMomentId = next === null ? undefined : (next ?? null);
    }
  },
  async send(ctx, op, local) {
    const { momentId } = op;
    const toEventId = op.to.eventId;
    const result = await call(() =>
      local.beforeMomentId === undefined
        ? api().moments.move({ momentId, toEventId, position: op.to.index })
        : api().moments.move({ momentId, toEventId, beforeMomentId: local.beforeMomentId }),
    );
    const model = ctx.open(op.storyId);
    if (result.ok && model) {
      const place = locateMoment(model, momentId);
      const truth = result.value;
      if (!place || place.eventId !== truth.eventId || place.index !== truth.sequenceIndex) {
        ctx.flagResync();
      }
    }
    return result;
  },
};
