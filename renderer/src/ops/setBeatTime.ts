import { api } from '../api/bridge';
import { call } from '../store/call';
import { patchMomentIn, replaceMomentIn } from '../store/timelineModel';
import type { OpModule } from './context';

export interface SetBeatTime {
  t: 'moment.offset';
  storyId: string;
  momentId: string;
  seconds: number | null;
}

/** Set or clear a beat's time offset. */
export const setBeatTime: OpModule<SetBeatTime> = {
  apply(ctx, op) {
    if (!ctx.open(op.storyId)) return;
    ctx.mutate((m) => patchMomentIn(m, op.momentId, { timestampOffset: op.seconds }));
  },
  async send(ctx, op, local) {
    const result = await call(() =>
      api().moments.update({ momentId: op.momentId, timestampOffset: op.seconds }),
    );
    if (result.ok && ctx.open(op.storyId)) {
      ctx.mutate((m) => replaceMomentIn(m, result.value));
      ctx.settle(local);
    }
    return result;
  },
};
