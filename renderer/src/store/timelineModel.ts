import type {
  Moment,
  Story,
  StoryEvent,
  StoryTimeline,
} from '../../../electron/core/contract/types';

/**
 * One open story, normalized so that a change to one beat or one event replaces only that
 * record and the id arrays that actually changed; components keyed by id re-render narrowly.
 * A beat's number is its index in `momentIds[eventId]`, not its stored sequenceIndex.
 */
export interface TimelineModel {
  story: Story;
  eventOrder: string[];
  events: Record<string, StoryEvent>;
  momentIds: Record<string, string[]>;
  moments: Record<string, Moment>;
  /**
   * React keys for records created here: a beat or event appears at once under a temporary
   * id and keeps its key when the server's id replaces it, so its card is not remounted.
   */
  keys: Record<string, string>;
}

/** The model of a loaded story; `keys` from an earlier model of it keep cards mounted. */
export function modelFromServer(
  timeline: StoryTimeline,
  keys: Record<string, string> = {},
): TimelineModel {
  const events: Record<string, StoryEvent> = {};
  const momentIds: Record<string, string[]> = {};
  const moments: Record<string, Moment> = {};
  const ordered = [...timeline.events].sort((a, b) => a.position - b.position);
  for (const { moments: beats, ...event } of ordered) {
    events[event.id] = event;
    const sorted = [...beats].sort((a, b) => a.sequenceIndex - b.sequenceIndex);
    momentIds[event.id] = sorted.map((m) => m.id);
    for (const m of sorted) moments[m.id] = m;
  }
  return {
    story: timeline.story,
    eventOrder: ordered.map((e) => e.id),
    events,
    momentIds,
    moments,
    keys: Object.fromEntries(
      Object.entries(keys).filter(([id]) => events[id] !== undefined || moments[id] !== undefined),
    ),
  };
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
  patch: Partial<Pick<Moment, 'description' | 'timestampOffset' | 'updatedAt'>>,
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
  for (const id of gone) delete moments[id];
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
  patch: Partial<Pick<StoryEvent, 'title' | 'description' | 'updatedAt'>>,
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
 * Where to draw a drop indicator: before the `dropIndex`-th item that is not the dragged one
 * (its id), at the end (`null`), or nowhere (`undefined`, when `dropIndex` is negative).
 */
export function indicatorBefore(
  ids: readonly string[],
  draggedId: string | null,
  dropIndex: number,
): string | null | undefined {
  if (dropIndex < 0) return undefined;
  const others = ids.filter((id) => id !== draggedId);
  return others[dropIndex] ?? null;
}

function rekey(keys: Record<string, string>, from: string, to: string): Record<string, string> {
  const next = { ...keys, [to]: keys[from] ?? from };
  delete next[from];
  return next;
}

/** Gives a beat created under a temporary id the id the database gave it. */
export function renameMomentIn(model: TimelineModel, from: string, to: string): TimelineModel {
  const moment = model.moments[from];
  if (!moment || from === to) return model;
  const moments = { ...model.moments, [to]: { ...moment, id: to } };
  delete moments[from];
  return {
    ...model,
    momentIds: {
      ...model.momentIds,
      [moment.eventId]: (model.momentIds[moment.eventId] ?? []).map((id) =>
        id === from ? to : id,
      ),
    },
    moments,
    keys: rekey(model.keys, from, to),
  };
}

/** Gives an event created under a temporary id the id the database gave it. */
export function renameEventIn(model: TimelineModel, from: string, to: string): TimelineModel {
  const event = model.events[from];
  if (!event || from === to) return model;
  const events = { ...model.events, [to]: { ...event, id: to } };
  delete events[from];
  const beatIds = model.momentIds[from] ?? [];
  const momentIds = { ...model.momentIds, [to]: beatIds };
  delete momentIds[from];
  const moments = { ...model.moments };
  for (const id of beatIds) {
    const m = moments[id];
    if (m) moments[id] = { ...m, eventId: to };
  }
  return {
    ...model,
    eventOrder: model.eventOrder.map((id) => (id === from ? to : id)),
    events,
    momentIds,
    moments,
    keys: rekey(model.keys, from, to),
  };
}
