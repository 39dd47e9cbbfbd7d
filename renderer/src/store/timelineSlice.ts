import { api } from '../api/bridge';
import { call, type Engine } from './engine';
import type { Op } from './history';
import { pushHistory } from './historySlice';
import { plural } from '../lib/text';
import { perform } from './perform';
import { snapEvent, snapMoment } from './snapshots';
import { locateMoment, patchEventIn, patchMomentIn } from './timelineModel';
import type { Slice, TimelineSlice } from './types';

function beatsGo(n: number): string {
  if (n === 0) return '';
  return `Its ${plural(n, 'beat')} ${n === 1 ? 'goes' : 'go'} with it. `;
}

export const createTimelineSlice =
  (engine: Engine): Slice<TimelineSlice> =>
  (set, get) => {
    /** The id history uses for a record the store (or a card) knows as `id`. */
    const logical = (id: string) => engine.ids.logicalOf(engine.current(id));
    const openStoryId = () => get().timeline?.story.id ?? null;
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
        const op: Op = {
          t: 'event.create',
          storyId: logical(storyId),
          index: index ?? get().timeline?.eventOrder.length ?? 0,
          event: { id: '', title: '', description: '', moments: [] },
        };
        // The event appears at once under a temporary id; the database's id replaces it.
        void perform(engine, set, op, 'add event');
        const id = engine.ids.real(op.event.id);
        get().requestFocus('title', id);
        return id;
      },

      saveEventText: async (eventId, patch) => {
        const result = await engine.enqueue(() =>
          call(() => api().events.update({ eventId: engine.current(eventId), ...patch })),
        );
        if (!result.ok) return result.error;
        const { id, title, description, updatedAt } = result.value;
        const model = get().timeline;
        if (model?.events[id]) {
          const fields = 'title' in patch ? { title } : { description };
          set({ timeline: patchEventIn(model, id, { ...fields, updatedAt }) });
        }
        return null;
      },

      sendEventTextNow: (eventId, patch) => {
        void call(() => api().events.update({ eventId: engine.current(eventId), ...patch }));
      },

      recordEventEdit: (eventId, field, before, after) => {
        const storyId = openStoryId();
        if (!storyId || before === after) return;
        const op: Op = {
          t: 'event.update',
          storyId: logical(storyId),
          eventId: logical(eventId),
          before: { [field]: before },
          after: { [field]: after },
        };
        const label = field === 'title' ? 'rename event' : 'edit event';
        // Queued after the save: the step joins history only if the text was accepted.
        void engine.enqueue(async () => {
          if (get().timeline?.events[engine.current(eventId)]?.[field] === after) {
            set(pushHistory({ label, op }));
          }
        });
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
        // Undo re-creates the event from its snapshot, so every beat of it is read first.
        const loaded = await engine.windows.loadEvent(eventId);
        const latest = get().timeline;
        const snap = loaded && latest ? snapEvent(engine.ids, latest, eventId) : null;
        if (!snap) {
          get().toast('error', 'The event’s beats could not be read, so it was not deleted.');
          return false;
        }
        const op: Op = {
          t: 'event.delete',
          storyId: logical(model.story.id),
          index: Math.max(0, get().timeline?.eventOrder.indexOf(eventId) ?? 0),
          event: snap,
        };
        get().announce(`Deleted event ${name}.`);
        return perform(engine, set, op, 'delete event', (entry) => {
          get().toast('info', `Deleted “${name}”.`, {
            label: 'Undo',
            run: () => {
              if (get().past.at(-1) === entry) void get().undo();
            },
          });
        });
      },

      moveEvent: (eventId, toIndex) => {
        const model = get().timeline;
        if (!model) return;
        const from = model.eventOrder.indexOf(eventId);
        const to = Math.min(Math.max(0, toIndex), model.eventOrder.length - 1);
        if (from < 0 || from === to) return;
        const op: Op = {
          t: 'event.move',
          storyId: logical(model.story.id),
          eventId: logical(eventId),
          from,
          to,
        };
        void perform(engine, set, op, 'move event');
      },

      addMoment: async (eventId, index) => {
        const model = get().timeline;
        if (!model?.events[eventId]) return null;
        const op: Op = {
          t: 'moment.create',
          storyId: logical(model.story.id),
          eventId: logical(eventId),
          index: index ?? model.momentIds[eventId]?.length ?? 0,
          moment: { id: '', description: '', timestampOffset: null },
        };
        // The beat appears at once, ready to type into; nothing typed waits for the database.
        void perform(engine, set, op, 'add beat');
        const id = engine.ids.real(op.moment.id);
        set({ editingMomentId: id });
        return id;
      },

      saveMomentText: async (momentId, description) => {
        const result = await engine.enqueue(() =>
          call(() => api().moments.update({ momentId: engine.current(momentId), description })),
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
        void call(() => api().moments.update({ momentId: engine.current(momentId), description }));
      },

      recordMomentEdit: (momentId, before, after) => {
        const storyId = openStoryId();
        if (!storyId || before === after) return;
        const op: Op = {
          t: 'moment.update',
          storyId: logical(storyId),
          momentId: logical(momentId),
          before: { description: before },
          after: { description: after },
        };
        void engine.enqueue(async () => {
          if (get().timeline?.moments[engine.current(momentId)]?.description === after) {
            set(pushHistory({ label: 'edit beat', op }));
          }
        });
      },

      setMomentOffset: async (momentId, seconds) => {
        const model = get().timeline;
        const moment = model?.moments[momentId];
        if (!model || !moment) return 'This beat is gone.';
        if (moment.timestampOffset === seconds) return null;
        const op: Op = {
          t: 'moment.update',
          storyId: logical(model.story.id),
          momentId: logical(momentId),
          before: { timestampOffset: moment.timestampOffset },
          after: { timestampOffset: seconds },
        };
        const ok = await perform(
          engine,
          set,
          op,
          seconds === null ? 'clear beat time' : 'set beat time',
        );
        return ok ? null : 'The time was not saved.';
      },

      deleteMoment: (momentId) => {
        const model = get().timeline;
        const moment = model?.moments[momentId];
        const place = model ? locateMoment(model, momentId) : null;
        if (!model || !moment || !place) return;
        const op: Op = {
          t: 'moment.delete',
          storyId: logical(model.story.id),
          eventId: logical(place.eventId),
          index: place.index,
          moment: snapMoment(engine.ids, moment),
        };
        get().announce(`Deleted beat ${place.index + 1}.`);
        void perform(engine, set, op, 'delete beat', (entry) => {
          get().toast('info', `Deleted beat ${place.index + 1}.`, {
            label: 'Undo',
            run: () => {
              if (get().past.at(-1) === entry) void get().undo();
            },
          });
        });
      },

      moveMoment: (momentId, toEventId, toIndex) => {
        const model = get().timeline;
        const from = model ? locateMoment(model, momentId) : null;
        if (!model || !from || !model.momentIds[toEventId]) return;
        if (from.eventId === toEventId && from.index === toIndex) return;
        const op: Op = {
          t: 'moment.move',
          storyId: logical(model.story.id),
          momentId: logical(momentId),
          from: { eventId: logical(from.eventId), index: from.index },
          to: { eventId: logical(toEventId), index: toIndex },
        };
        void perform(engine, set, op, 'move beat');
      },
    };
  };
