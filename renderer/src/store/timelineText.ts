import { api } from '../api/bridge';
import { call, type Engine } from './engine';
import { saveOverBase } from './saveText';
import { patchEventIn, patchMomentIn } from './timelineModel';
import type { GetStore, SetStore, TimelineSlice } from './types';

/** A beat's time as the typed time's save compares it (`saveOverBase`): seconds, or ''. */
export const offsetText = (seconds: number | null): string =>
  seconds === null ? '' : String(seconds);

/**
 * The timeline's typed text: each save goes over what the typing started from (a change made
 * elsewhere meanwhile is a conflict), and the page closing sends the text at once.
 */

/** Saving an event's typed title and description. */
export function eventTextActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<TimelineSlice, 'saveEventText' | 'sendEventTextNow'> {
  return {
    saveEventText: async (eventId, patch, base) => {
      const field = 'title' in patch ? 'title' : 'description';
      const result = await engine.enqueue(() =>
        saveOverBase(
          base,
          patch[field] ?? '',
          (expectedUpdatedAt) =>
            call(() => api().events.update({ eventId, ...patch, expectedUpdatedAt })),
          async () => {
            const fresh = await call(() => api().events.get({ eventId }));
            return fresh.ok
              ? {
                  ok: true,
                  value: { text: fresh.value[field], updatedAt: fresh.value.updatedAt },
                }
              : fresh;
          },
          (updatedAt) => engine.isOwnChange(eventId, updatedAt),
        ),
      );
      if (!result.ok) return result.error;
      const { id, updatedAt } = result.value;
      const model = get().timeline;
      if (model?.events[id]) {
        set({ timeline: patchEventIn(model, id, { [field]: result.value[field], updatedAt }) });
      }
      // The story check names a beat by its event's title.
      if (field === 'title') get().logicNamesChanged({ eventId: id });
      return null;
    },

    sendEventTextNow: (eventId, patch, expectedUpdatedAt) => {
      void call(() => api().events.update({ eventId, ...patch, expectedUpdatedAt }));
    },
  };
}

/** Saving a beat's typed text and its time. */
export function beatTextActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<TimelineSlice, 'saveMomentText' | 'sendMomentTextNow' | 'sendMomentOffsetNow'> {
  return {
    saveMomentText: async (momentId, description, base) => {
      const result = await engine.enqueue(() =>
        saveOverBase(
          base,
          description,
          (expectedUpdatedAt) =>
            call(() => api().moments.update({ momentId, description, expectedUpdatedAt })),
          async () => {
            const fresh = await call(() => api().moments.get({ momentId }));
            return fresh.ok
              ? {
                  ok: true,
                  value: { text: fresh.value.description, updatedAt: fresh.value.updatedAt },
                }
              : fresh;
          },
          (updatedAt) => engine.isOwnChange(momentId, updatedAt),
        ),
      );
      if (!result.ok) return result.error;
      const model = get().timeline;
      const { id, updatedAt } = result.value;
      if (model?.moments[id]) {
        set({
          timeline: patchMomentIn(model, id, {
            description: result.value.description,
            updatedAt,
          }),
        });
      }
      // The story check quotes a beat's text.
      get().logicNamesChanged({ momentId: id });
      return null;
    },

    sendMomentTextNow: (momentId, description, expectedUpdatedAt) => {
      void call(() => api().moments.update({ momentId, description, expectedUpdatedAt }));
    },

    sendMomentOffsetNow: (momentId, seconds, expectedUpdatedAt) => {
      void call(() =>
        api().moments.update({ momentId, timestampOffset: seconds, expectedUpdatedAt }),
      );
    },
  };
}

/** Saving a beat's typed time over the time the typing started from (see `setMomentOffset`). */
export function beatTimeActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<TimelineSlice, 'setMomentOffset'> {
  return {
    setMomentOffset: async (momentId, seconds, base) => {
      // Also with no story open: a time kept when a page closed is saved at the next open.
      const moment = get().timeline?.moments[momentId];
      if (moment?.timestampOffset === seconds && base.stamp === moment.updatedAt) return null;
      const result = await engine.enqueue(() =>
        saveOverBase(
          base,
          offsetText(seconds),
          (expectedUpdatedAt) =>
            call(() =>
              api().moments.update({ momentId, timestampOffset: seconds, expectedUpdatedAt }),
            ),
          async () => {
            const fresh = await call(() => api().moments.get({ momentId }));
            return fresh.ok
              ? {
                  ok: true,
                  value: {
                    text: offsetText(fresh.value.timestampOffset),
                    updatedAt: fresh.value.updatedAt,
                  },
                }
              : fresh;
          },
          (updatedAt) => engine.isOwnChange(momentId, updatedAt),
        ),
      );
      if (!result.ok) return result.error;
      const model = get().timeline;
      const { timestampOffset, updatedAt } = result.value;
      if (model?.moments[momentId]) {
        set({ timeline: patchMomentIn(model, momentId, { timestampOffset, updatedAt }) });
      }
      // A time can break or mend a link's order in story time (the logic layer).
      get().logicAfterWrite(result.check, false);
      return null;
    },
  };
}
