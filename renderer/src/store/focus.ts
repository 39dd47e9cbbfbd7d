import type { Store } from './types';

/**
 * Where the pending focus request points (`focusRequest` is `kind:id`): the event, and
 * the beat for a beat. The virtualized timeline renders that place so the request can land.
 */
export function focusTarget(s: Store): { eventId: string; momentId: string | null } | null {
  const request = s.focusRequest;
  const model = s.timeline;
  if (!request || !model) return null;
  const colon = request.indexOf(':');
  const kind = request.slice(0, colon);
  const id = request.slice(colon + 1);
  if (kind === 'beat') {
    const moment = model.moments[id];
    return moment ? { eventId: moment.eventId, momentId: id } : null;
  }
  return model.events[id] ? { eventId: id, momentId: null } : null;
}
