import { api } from '../api/bridge';
import { call } from '../store/call';
import { removeMomentFrom } from '../store/timelineModel';
import type { OpModule } from './context';

export interface DeleteBeat {
  t: 'moment.delete';
  storyId: string;
  momentId: string;
}

/** Delete a beat (the library's Undo brings it back, same id). */
export const deleteBeat: OpModule<DeleteBeat> = {
  apply(ctx, op) {
    if (!ctx.open(op.storyId)) return;
    ctx.mutate((m) => removeMomentFrom(m, op.momentId));
    if (ctx.get().editingMomentId === op.momentId) ctx.set({ editingMomentId: null });
  },
  send: (_ctx, op) => call(() => api().moments.delete({ momentId: op.momentId })),
};
