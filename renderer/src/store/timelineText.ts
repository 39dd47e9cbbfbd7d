import { api } from '../api/bridge';
import { call, type Engine } from './engine';
import { perform } from './perform';
import { saveOverBase } from './saveText';
import { patchEventIn, patchMomentIn } from './timelineModel';
import type { GetStore, SetStore, TimelineSlice } from './types';

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

    sendEventTextNow: (eventId, patch) => {
      void call(() => api().events.update({ eventId, ...patch }));
    },
  };
}

/** Saving a beat's typed text and its time. */
export function beatTextActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<
  TimelineSlice,
  'saveMomentText' | 'sendMomentTextNow' | 'sendMomentOffsetNow' | 'setMomentOffset'
> {
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

    sendMomentTextNow: (momentId, description) => {
      void call(() => api().moments.update({ momentId, description }));
    },

    sendMomentOffsetNow: (momentId, seconds) => {
      void call(() => api().moments.update({ momentId, timestampOffset: seconds }));
    },

    setMomentOffset: async (momentId, seconds) => {
      const model = get().timeline;
      const moment = model?.moments[momentId];
      if (!model || !moment) return 'This beat is gone.';
      if (moment.timestampOffset === seconds) return null;
      const op = { t: 'moment.offset', storyId: model.story.id, momentId, seconds } as const;
      const ok = await perform(engine, op);
      return ok ? null : 'The time was not saved.';
    },
  };
}
