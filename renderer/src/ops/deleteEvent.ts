import { api } from '../api/bridge';
import { call } from '../store/call';
import { removeEventFrom } from '../store/timelineModel';
import type { OpModule } from './context';

export interface DeleteEvent {
  t: 'event.delete';
  storyId: string;
  eventId: string;
}

/** Delete an event with its beats (the library's Undo brings them back, same ids). */
export const deleteEvent: OpModule<DeleteEvent> = {
  apply(ctx, op) {
    if (ctx.open(op.storyId)) ctx.mutate((m) => removeEventFrom(m, op.eventId));
  },
  send: (_ctx, op) => call(() => api().events.delete({ eventId: op.eventId })),
};
