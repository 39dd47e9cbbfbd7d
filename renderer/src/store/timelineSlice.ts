import { newId } from '../lib/ids';
import type { Engine } from './engine';
import { plural } from '../lib/text';
import { perform } from './perform';
import { locateMoment } from './timelineModel';
import { beatTextActions, beatTimeActions, eventTextActions } from './timelineText';
import type { GetStore, SetStore, Slice, TimelineSlice } from './types';
import { eventName } from '../../../electron/core/names';

function beatsGo(n: number): string {
  if (n === 0) return '';
  return `Its ${plural(n, 'beat')} ${n === 1 ? 'goes' : 'go'} with it. `;
}

/** Opening a story and loading the beats its columns show. */
function openingActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<TimelineSlice, 'loadTimeline' | 'resumeStory' | 'showBeats' | 'hideBeats' | 'wantBeats'> {
  /** The story being opened: asking again while it loads waits for the same load. */
  let opening: { storyId: string; done: Promise<void> } | null = null;

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
    loadTimeline: (storyId) => {
      if (opening?.storyId === storyId) return opening.done;
      const done = openTimeline(storyId).finally(() => {
        if (opening?.done === done) opening = null;
      });
      opening = { storyId, done };
      return done;
    },

    resumeStory: () => {
      const { view } = get();
      if (view.name === 'story') void get().loadTimeline(view.storyId);
    },

    showBeats: (eventId, from, to) => engine.windows.show(eventId, from, to),
    hideBeats: (eventId) => engine.windows.hide(eventId),
    wantBeats: (eventId, from, to) => engine.windows.want(eventId, from, to),
  };
}

/** Adding and moving events. */
function eventActions(
  engine: Engine,
  get: GetStore,
): Pick<TimelineSlice, 'addEvent' | 'moveEvent'> {
  const openStoryId = () => get().timeline?.story.id ?? null;

  return {
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

    moveEvent: (eventId, toIndex) => {
      const model = get().timeline;
      if (!model) return;
      const from = model.eventOrder.indexOf(eventId);
      const to = Math.min(Math.max(0, toIndex), model.eventOrder.length - 1);
      if (from < 0 || from === to) return;
      void perform(engine, { t: 'event.move', storyId: model.story.id, eventId, to });
    },
  };
}

/** Adding and moving beats. */
function beatActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<TimelineSlice, 'takeFreshBeat' | 'addMoment' | 'addMomentAfter' | 'moveMoment'> {
  /**
   * Beats the writer added in this window (Enter, Add beat): one left empty with Escape is
   * removed rather than lingering as "Empty beat". Ids are UUIDv7 chosen here, never reused.
   */
  const freshBeats = new Set<string>();

  return {
    takeFreshBeat: (momentId) => freshBeats.delete(momentId),

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
}

/** Deleting events and beats, each with an Undo in its notice. */
function deletionActions(
  engine: Engine,
  get: GetStore,
): Pick<TimelineSlice, 'deleteEvent' | 'deleteMoment'> {
  /** A notice with Undo, for a deletion: it undoes the newest step if that is a deletion. */
  const undoToast = (message: string) => {
    get().toast('info', message, {
      label: 'Undo',
      run: () => {
        if (get().undoLabel?.startsWith('delete')) void get().undo();
      },
    });
  };

  return {
    deleteEvent: async (eventId) => {
      const model = get().timeline;
      const event = model?.events[eventId];
      if (!model || !event) return false;
      const name = eventName(event.title);
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

    deleteMoment: (momentId) => {
      const model = get().timeline;
      const place = model ? locateMoment(model, momentId) : null;
      if (!model || !place) return;
      get().announce(`Deleted beat ${place.index + 1}.`);
      void perform(engine, { t: 'moment.delete', storyId: model.story.id, momentId }).then((ok) => {
        if (ok) undoToast(`Deleted beat ${place.index + 1}.`);
      });
    },
  };
}

export const createTimelineSlice =
  (engine: Engine): Slice<TimelineSlice> =>
  (set, get) => ({
    timeline: null,
    timelineStatus: 'idle',
    timelineError: null,
    ...openingActions(engine, set, get),
    ...eventActions(engine, get),
    ...eventTextActions(engine, set, get),
    ...beatActions(engine, set, get),
    ...beatTextActions(engine, set, get),
    ...beatTimeActions(engine, set, get),
    ...deletionActions(engine, get),
  });
