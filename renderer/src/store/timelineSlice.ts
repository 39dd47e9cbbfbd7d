import { api } from '../api/bridge';
import { newId } from '../lib/ids';
import { call, type Engine } from './engine';
import { plural } from '../lib/text';
import { perform } from './perform';
import { saveOverBase } from './saveText';
import { locateMoment, patchEventIn, patchMomentIn } from './timelineModel';
import type { Slice, TimelineSlice } from './types';

function beatsGo(n: number): string {
  if (n === 0) return '';
  return `Its ${plural(n, 'beat')} ${n === 1 ? 'goes' : 'go'} with it. `;
}

export const createTimelineSlice =
  (engine: Engine): Slice<TimelineSlice> =>
  (set, get) => {
    const openStoryId = () => get().timeline?.story.id ?? null;
    /** A notice with Undo, for a deletion: it undoes the newest step if that is a deletion. */
    const undoToast = (message: string) => {
      get().toast('info', message, {
        label: 'Undo',
        run: () => {
          if (get().undoLabel?.startsWith('delete')) void get().undo();
        },
      });
    };

    /**
     * Beats the writer added in this window (Enter, Add beat): one left empty with Escape is
     * removed rather than lingering as "Empty beat". Ids are UUIDv7 chosen here, never reused.
     */
    const freshBeats = new Set<string>();

    /** The story being opened: asking again while it loads waits for the same load. */
    let opening: { storyId: string; done: Promise<void> } | null = null;

    // A reload that comes back to a story starts reading it before the first render.
    queueMicrotask(() => {
      const { view } = get();
      if (view.name === 'story') void get().loadTimeline(view.storyId);
    });

    const openTimeline = async (storyId: string): Promise<void> => {
      const same = get().timeline?.story.id === storyId;
      set({
        timelineStatus: 'loading',
        timelineError: null,
        ...(same ? {} : { timeline: null }),
      });
      const result = await engine.enqueue(() => engine.loadStory(storyId));
      const { view } = get();
      if (view.name !== 'story' || view.storyId !== storyId) return;
      if (result.ok) {
        set({ timeline: result.value, timelineStatus: 'ready' });
      } else if (result.error.code === 'not_found') {
        get().openLibrary();
        get().toast('error', 'That story no longer exists.');
      } else {
        set({ timelineStatus: 'error', timelineError: result.error.message });
      }
    };

    return {
      takeFreshBeat: (momentId) => freshBeats.delete(momentId),
      timeline: null,
      timelineStatus: 'idle',
      timelineError: null,

      loadTimeline: (storyId) => {
        if (opening?.storyId === storyId) return opening.done;
        const done = openTimeline(storyId).finally(() => {
          if (opening?.done === done) opening = null;
        });
        opening = { storyId, done };
        return done;
      },

      showBeats: (eventId, from, to) => engine.windows.show(eventId, from, to),
      hideBeats: (eventId) => engine.windows.hide(eventId),
      wantBeats: (eventId, from, to) => engine.windows.want(eventId, from, to),

      addEvent: async (index) => {
        const storyId = openStoryId();
        if (!storyId) return null;
        const id = newId();
        void perform(engine, {
          t: 'event.create',
          storyId,
          index: index ?? get().timeline?.eventOrder.length ?? 0,
          event: { id },
        });
        get().requestFocus('title', id);
        return id;
      },

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
          ),
        );
        if (!result.ok) return result.error;
        const { id, updatedAt } = result.value;
        const model = get().timeline;
        if (model?.events[id]) {
          set({ timeline: patchEventIn(model, id, { [field]: result.value[field], updatedAt }) });
        }
        return null;
      },

      sendEventTextNow: (eventId, patch) => {
        void call(() => api().events.update({ eventId, ...patch }));
      },

      deleteEvent: async (eventId) => {
        const model = get().timeline;
        const event = model?.events[eventId];
        if (!model || !event) return false;
        const name = event.title.trim() || 'Untitled event';
        const confirmed = await get().confirm({
          title: `Delete “${name}”?`,
          body: `${beatsGo(model.momentIds[eventId]?.length ?? 0)}You can undo this with Undo (Ctrl+Z).`,
          confirmLabel: 'Delete event',
        });
        if (!confirmed || get().timeline?.story.id !== model.story.id) return false;
        get().announce(`Deleted event ${name}.`);
        const ok = await perform(engine, { t: 'event.delete', storyId: model.story.id, eventId });
        if (ok) undoToast(`Deleted “${name}”.`);
        return ok;
      },

      moveEvent: (eventId, toIndex) => {
        const model = get().timeline;
        if (!model) return;
        const from = model.eventOrder.indexOf(eventId);
        const to = Math.min(Math.max(0, toIndex), model.eventOrder.length - 1);
        if (from < 0 || from === to) return;
        void perform(engine, { t: 'event.move', storyId: model.story.id, eventId, to });
      },

      addMoment: async (eventId, index) => {
        const model = get().timeline;
        if (!model?.events[eventId]) return null;
        const id = newId();
        // The beat appears at once, ready to type into; nothing typed waits for the database.
        void perform(engine, {
          t: 'moment.create',
          storyId: model.story.id,
          eventId,
          index: index ?? model.momentIds[eventId]?.length ?? 0,
          moment: { id, description: '', timestampOffset: null },
        });
        freshBeats.add(id);
        set({ editingMomentId: id });
        return id;
      },

      addMomentAfter: (momentId, text) => {
        const model = get().timeline;
        const place = model ? locateMoment(model, momentId) : null;
        if (!model || !place) return;
        void perform(engine, {
          t: 'moment.create',
          storyId: model.story.id,
          eventId: place.eventId,
          index: place.index + 1,
          moment: { id: newId(), description: text, timestampOffset: null },
        });
      },

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
        return null;
      },

      sendMomentTextNow: (momentId, description) => {
        void call(() => api().moments.update({ momentId, description }));
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

      deleteMoment: (momentId) => {
        const model = get().timeline;
        const place = model ? locateMoment(model, momentId) : null;
        if (!model || !place) return;
        get().announce(`Deleted beat ${place.index + 1}.`);
        void perform(engine, { t: 'moment.delete', storyId: model.story.id, momentId }).then(
          (ok) => {
            if (ok) undoToast(`Deleted beat ${place.index + 1}.`);
          },
        );
      },

      moveMoment: (momentId, toEventId, toIndex) => {
        const model = get().timeline;
        const from = model ? locateMoment(model, momentId) : null;
        if (!model || !from || !model.momentIds[toEventId]) return;
        if (from.eventId === toEventId && from.index === toIndex) return;
        void perform(engine, {
          t: 'moment.move',
          storyId: model.story.id,
          momentId,
          to: { eventId: toEventId, index: toIndex },
        });
      },
    };
  };
