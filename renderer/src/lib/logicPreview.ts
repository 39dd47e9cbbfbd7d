import {
  checkLink,
  describeBeat,
  setupEdge,
  type BeatPlace,
} from '../../../electron/core/logic/check';
import { setupKnots } from '../../../electron/core/logic/setup-loops';
import type {
  BeatLink,
  StoryProblem,
  StoryTime,
  TimeMode,
} from '../../../electron/core/contract/types';
import { arrayMove, type TimelineModel } from '../store/timelineModel';

/**
 * What the renderer knows of the story's logic: its links, each event's story time, and the
 * place of linked beats the timeline has not loaded (read with `moments:get`).
 */
export interface LogicSnapshot {
  links: readonly BeatLink[];
  /** By event id. */
  times: Readonly<Record<string, StoryTime>>;
  /** Linked beats not loaded in the timeline: their event, index, text and offset. */
  places: Readonly<Record<string, KnownPlace>>;
  /** `linksInLoops(links)`, found once per read of the links (else on each call). */
  looped?: ReadonlySet<string>;
}

export interface KnownPlace {
  eventId: string;
  index: number;
  description: string;
  offset: number | null;
}

/** A move the writer is about to make, in either order. */
export type PendingMove =
  | { kind: 'moment'; id: string; eventId: string; index: number }
  | { kind: 'event'; id: string; index: number }
  | { kind: 'chrono'; id: string; index: number };

/** Where a beat sits now, from the timeline when it is loaded, else from the snapshot. */
export function placeOf(
  model: TimelineModel,
  logic: LogicSnapshot,
  momentId: string,
): KnownPlace | null {
  const moment = model.moments[momentId];
  if (moment) {
    const index = model.momentIds[moment.eventId]?.indexOf(momentId) ?? -1;
    if (index >= 0) {
      return {
        eventId: moment.eventId,
        index,
        description: moment.description,
        offset: moment.timestampOffset,
      };
    }
  }
  return logic.places[momentId] ?? null;
}

/** The events in story time: by chrono position, events without one last in reading order. */
export function chronoOrder(model: TimelineModel, times: LogicSnapshot['times']): string[] {
  const at = (i: number) => times[model.eventOrder[i]!]?.chronoKey ?? Number.MAX_SAFE_INTEGER;
  return model.eventOrder
    .map((_, i) => i)
    .sort((a, b) => at(a) - at(b) || a - b)
    .map((i) => model.eventOrder[i]!);
}

/**
 * An event's place in story time (0-based; -1 when it is not in the story): how many events
 * come before it in `chronoOrder`, counted without sorting, since every column asks on every
 * change of the store.
 */
export function chronoIndexOf(
  model: TimelineModel,
  times: LogicSnapshot['times'],
  eventId: string,
): number {
  const order = model.eventOrder;
  const self = order.indexOf(eventId);
  if (self < 0) return -1;
  const at = (id: string) => times[id]?.chronoKey ?? Number.MAX_SAFE_INTEGER;
  const key = at(eventId);
  let before = 0;
  order.forEach((id, i) => {
    const other = at(id);
    if (other < key || (other === key && i < self)) before += 1;
  });
  return before;
}

/**
 * The problems each link would have with the story as it is, or after `move`. Only links
 * whose answer can change are checked: those touching the moved beat or event (a move keeps
 * the relative order of everything else). Beats whose place is unknown are skipped.
 */
export function linkProblems(
  model: TimelineModel,
  logic: LogicSnapshot,
  move: PendingMove | null,
): StoryProblem[] {
  let reading = model.eventOrder;
  let chrono = chronoOrder(model, logic.times);
  if (move?.kind === 'event') reading = arrayMove(reading, move.id, move.index);
  if (move?.kind === 'chrono') chrono = arrayMove(chrono, move.id, move.index);
  const readingAt = new Map(reading.map((id, i) => [id, i]));
  const chronoAt = new Map(chrono.map((id, i) => [id, i]));

  const place = (momentId: string): BeatPlace | null => {
    const known = placeOf(model, logic, momentId);
    if (!known) return null;
    let { eventId, index } = known;
    if (move?.kind === 'moment') {
      if (momentId === move.id) {
        eventId = move.eventId;
        index = move.index;
      } else {
        // Close the gap the moved beat leaves, then open one where it lands.
        const from = placeOf(model, logic, move.id);
        if (from && from.eventId === eventId && from.index < index) index -= 1;
        if (move.eventId === eventId && index >= move.index) index += 1;
      }
    }
    const event = model.events[eventId];
    const reads = readingAt.get(eventId);
    if (!event || reads === undefined) return null;
    const mode: TimeMode = logic.times[eventId]?.mode ?? 'linear';
    return {
      momentId,
      eventId,
      eventReading: reads,
      eventChrono: chronoAt.get(eventId) ?? reads,
      beatOrder: index,
      offset: known.offset,
      mode,
      describe: () => describeBeat(known.description, event.title, index),
    };
  };

  const touches = (link: BeatLink): boolean => {
    if (!move) return true;
    if (move.kind === 'moment') return link.fromMomentId === move.id || link.toMomentId === move.id;
    const inEvent = (id: string) => placeOf(model, logic, id)?.eventId === move.id;
    return inEvent(link.fromMomentId) || inEvent(link.toMomentId);
  };

  const looped = logic.looped ?? linksInLoops(logic.links);
  const found: StoryProblem[] = [];
  for (const link of logic.links) {
    // A link of a loop of setups is never broken by a move: the loop is the problem (h73).
    if (!touches(link) || looped.has(link.id)) continue;
    const from = place(link.fromMomentId);
    const to = place(link.toMomentId);
    if (from && to) found.push(...checkLink(link, from, to));
  }
  return found;
}

/** The ids of the `sets_up` links in a loop of them (a library made before h71). */
export function linksInLoops(links: readonly BeatLink[]): ReadonlySet<string> {
  const knots = setupKnots(links.filter((l) => l.kind === 'sets_up').map(setupEdge));
  return new Set(knots.flatMap((k) => k.map((e) => e.id)));
}

/**
 * The problems a move would create: those it finds after the move that the links touching it
 * do not have now, marked intentional or not: a mark never covers a problem a move gives its
 * link, the move lifts it (the library's withCheck, liftMarks). Empty when the move is harmless.
 */
export function problemsCreatedBy(
  model: TimelineModel,
  logic: LogicSnapshot,
  move: PendingMove,
): StoryProblem[] {
  const before = linkProblems(model, logic, stay(model, logic, move));
  const now = new Set(before.map((p) => p.id));
  // Counted as the library will count them: the move lifts the mark.
  return linkProblems(model, logic, move)
    .filter((p) => !now.has(p.id))
    .map((p) => (p.intentional ? { ...p, intentional: false } : p));
}

/** The same move with its target where the thing is now (the "before" picture). */
function stay(model: TimelineModel, logic: LogicSnapshot, move: PendingMove): PendingMove | null {
  if (move.kind === 'moment') {
    const here = placeOf(model, logic, move.id);
    return here ? { ...move, eventId: here.eventId, index: here.index } : null;
  }
  const order = move.kind === 'event' ? model.eventOrder : chronoOrder(model, logic.times);
  return { ...move, index: order.indexOf(move.id) };
}
