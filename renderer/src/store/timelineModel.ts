import type {
  Moment,
  MomentRange,
  Story,
  StoryEvent,
  StoryOutline,
} from '../../../electron/core/contract/types';

/** A place in an event's list of beats: the beat's id, or null while that beat is not loaded. */
export type Slot = string | null;

/**
 * One open story, normalized so that a change to one beat or one event replaces only that
 * record and the id arrays that actually changed; components keyed by id re-render narrowly.
 * A beat's number is its index in `momentIds[eventId]` (its orderKey only sorts).
 *
 * A story opens from its outline (events and beat counts): every event's list has its full
 * length from the start, and beats arrive in windows as the view shows them, so positions,
 * counts and moves work before (and without) every beat being loaded.
 */
export interface TimelineModel {
  story: Story;
  eventOrder: string[];
  events: Record<string, StoryEvent>;
  momentIds: Record<string, Slot[]>;
  moments: Record<string, Moment>;
}

/** The model of a story's outline: every beat's place known, no beat loaded yet. */
export function modelFromOutline(outline: StoryOutline): TimelineModel {
  const events: Record<string, StoryEvent> = {};
  const momentIds: Record<string, Slot[]> = {};
  const ordered = outline.events; // in order, as the library lists them
  for (const { beatCount, ...event } of ordered) {
    events[event.id] = event;
    momentIds[event.id] = new Array<Slot>(beatCount).fill(null);
  }
  return {
    story: outline.story,
    eventOrder: ordered.map((e) => e.id),
    events,
    momentIds,
    moments: {},
  };
}

/**
 * Fills empty places of events with windows of their beats (one copy of the model for all of
 * them). Places already holding a beat are left alone (they may carry local changes); `ok` is
 * false when a window does not fit the model (another count, or a beat the model has
 * elsewhere), which calls for a resync.
 */
export function mergeWindows(
  model: TimelineModel,
  ranges: readonly MomentRange[],
): { model: TimelineModel; ok: boolean } {
  let momentIds: Record<string, Slot[]> | null = null;
  let moments: Record<string, Moment> | null = null;
  let ok = true;
  for (const range of ranges) {
    const slots = momentIds?.[range.eventId] ?? model.momentIds[range.eventId];
    if (!slots) continue;
    if (slots.length !== range.total) {
      ok = false;
      continue;
    }
    let next: Slot[] | null = null;
    for (const [i, moment] of range.moments.entries()) {
      const at = range.offset + i;
      const current = slots[at];
      if (current === moment.id) continue;
      if (current !== null || (moments ?? model.moments)[moment.id]) {
        ok = false;
        continue;
      }
      next ??= [...slots];
      moments ??= { ...model.moments };
      next[at] = moment.id;
      moments[moment.id] = { ...moment, eventId: range.eventId };
    }
    if (next) {
      momentIds ??= { ...model.momentIds };
      momentIds[range.eventId] = next;
    }
  }
  if (!momentIds || !moments) return { model, ok };
  return { model: { ...model, momentIds, moments }, ok };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

/** Where a beat sits: its event and 0-based index, or null when it is not in the model. */
export function locateMoment(
  model: TimelineModel,
  momentId: string,
): { eventId: string; index: number } | null {
  const moment = model.moments[momentId];
  if (!moment) return null;
  const index = model.momentIds[moment.eventId]?.indexOf(momentId) ?? -1;
  return index < 0 ? null : { eventId: moment.eventId, index };
}

/** Moves a beat to `index` (its final index) in `toEventId`. */
export function moveMomentIn(
  model: TimelineModel,
  momentId: string,
  toEventId: string,
  index: number,
): TimelineModel {
  const from = locateMoment(model, momentId);
  const target = model.momentIds[toEventId];
  const moment = model.moments[momentId];
  if (!from || !target || !moment) return model;
  const momentIds = { ...model.momentIds };
  const source = (momentIds[from.eventId] ?? []).filter((id) => id !== momentId);
  momentIds[from.eventId] = source;
  const dest = from.eventId === toEventId ? source : [...target];
  const at = clamp(index, 0, dest.length);
  const next = [...dest.slice(0, at), momentId, ...dest.slice(at)];
  momentIds[toEventId] = next;
  const moments =
    moment.eventId === toEventId
      ? model.moments
      : { ...model.moments, [momentId]: { ...moment, eventId: toEventId } };
  return { ...model, momentIds, moments };
}

export function insertMomentIn(model: TimelineModel, moment: Moment, index: number): TimelineModel {
  const ids = model.momentIds[moment.eventId];
  if (!ids) return model;
  const without = ids.filter((id) => id !== moment.id);
  const at = clamp(index, 0, without.length);
  return {
    ...model,
    momentIds: {
      ...model.momentIds,
      [moment.eventId]: [...without.slice(0, at), moment.id, ...without.slice(at)],
    },
    moments: { ...model.moments, [moment.id]: moment },
  };
}

export function removeMomentFrom(model: TimelineModel, momentId: string): TimelineModel {
  const moment = model.moments[momentId];
  if (!moment) return model;
  const moments = { ...model.moments };
  delete moments[momentId];
  return {
    ...model,
    momentIds: {
      ...model.momentIds,
      [moment.eventId]: (model.momentIds[moment.eventId] ?? []).filter((id) => id !== momentId),
    },
    moments,
  };
}

export function patchMomentIn(
  model: TimelineModel,
  momentId: string,
  patch: Partial<Pick<Moment, 'description' | 'timestampOffset' | 'updatedAt' | 'orderKey'>>,
): TimelineModel {
  const moment = model.moments[momentId];
  if (!moment) return model;
  return { ...model, moments: { ...model.moments, [momentId]: { ...moment, ...patch } } };
}

/** Replaces a beat's record with the server's, keeping its place in the local order. */
export function replaceMomentIn(model: TimelineModel, moment: Moment): TimelineModel {
  const current = model.moments[moment.id];
  if (!current) return model;
  return {
    ...model,
    moments: { ...model.moments, [moment.id]: { ...moment, eventId: current.eventId } },
  };
}

export function insertEventIn(
  model: TimelineModel,
  event: StoryEvent,
  index: number,
  beats: Moment[] = [],
): TimelineModel {
  const without = model.eventOrder.filter((id) => id !== event.id);
  const at = clamp(index, 0, without.length);
  const moments = { ...model.moments };
  for (const m of beats) moments[m.id] = m;
  return {
    ...model,
    eventOrder: [...without.slice(0, at), event.id, ...without.slice(at)],
    events: { ...model.events, [event.id]: event },
    momentIds: { ...model.momentIds, [event.id]: beats.map((m) => m.id) },
    moments,
  };
}

export function removeEventFrom(model: TimelineModel, eventId: string): TimelineModel {
  if (!model.events[eventId]) return model;
  const events = { ...model.events };
  delete events[eventId];
  const momentIds = { ...model.momentIds };
  const gone = momentIds[eventId] ?? [];
  delete momentIds[eventId];
  const moments = { ...model.moments };
  for (const id of gone) if (id !== null) delete moments[id];
  return {
    ...model,
    eventOrder: model.eventOrder.filter((id) => id !== eventId),
    events,
    momentIds,
    moments,
  };
}

export function moveEventIn(model: TimelineModel, eventId: string, index: number): TimelineModel {
  const without = model.eventOrder.filter((id) => id !== eventId);
  if (without.length === model.eventOrder.length) return model;
  const at = clamp(index, 0, without.length);
  return { ...model, eventOrder: [...without.slice(0, at), eventId, ...without.slice(at)] };
}

export function patchEventIn(
  model: TimelineModel,
  eventId: string,
  patch: Partial<Pick<StoryEvent, 'title' | 'description' | 'updatedAt' | 'orderKey'>>,
): TimelineModel {
  const event = model.events[eventId];
  if (!event) return model;
  return { ...model, events: { ...model.events, [eventId]: { ...event, ...patch } } };
}

/** Moves an id inside an array to a final index: used for drag previews. */
export function arrayMove<T>(items: readonly T[], item: T, index: number): T[] {
  const without = items.filter((x) => x !== item);
  const at = clamp(index, 0, without.length);
  return [...without.slice(0, at), item, ...without.slice(at)];
}

/**
 * Where to draw a drop indicator in a list shown as `ids` (the dragged item still in its
 * place): before the item at the returned index (`ids.length`: at the end), or nowhere (-1,
 * when `dropIndex`, the final index among the other items, is negative).
 */
export function indicatorIndex(
  ids: readonly Slot[],
  draggedId: string | null,
  dropIndex: number,
): number {
  if (dropIndex < 0) return -1;
  const dragged = draggedId === null ? -1 : ids.indexOf(draggedId);
  return Math.min(ids.length, dropIndex + (dragged >= 0 && dragged <= dropIndex ? 1 : 0));
}
