import type {
  BeatLink,
  StoryCheckReport,
  StoryProblem,
  StoryTime,
} from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { linksInLoops, type KnownPlace } from '../lib/logicPreview';
import { call } from './call';
import type { BeatLinks, StoryLogic } from './logicSlice';
import type { TimelineModel } from './timelineModel';
import type { GetStore, SetStore, Store } from './types';

/**
 * Reading the open story's logic (links, story time, the check) and the places of linked beats
 * the timeline has not loaded. Reads and the logic writes each take a number: a read shows its
 * answer only when nothing newer was asked for since it started (a newer read, or a write that
 * changes the logic).
 */

/** The story whose logic the store reads: the one on screen, once its timeline is loaded. */
function logicStoryId(s: Store): string | null {
  const { view, timeline } = s;
  return view.name === 'story' && timeline?.story.id === view.storyId ? view.storyId : null;
}

/** The logic reads of one store, and the numbering they share with its writes. */
export interface LogicReads {
  /**
   * Reads the logic of the open story. Outside the queue: saves never wait for the whole
   * check, and the write that called for the read has been answered before it starts.
   */
  readLogic(): Promise<void>;
  /** The beats linked to `momentId` whose place is unknown, read and added to the logic. */
  readPlacesOf(momentId: string): Promise<void>;
  /**
   * A logic write begins: a read that started before it would show the story without it. True
   * when such a read was on its way (stopped now, so the caller reads again after its write).
   */
  supersede(): boolean;
}

/** The reads of the logic for the store behind `set` and `get`. */
export function logicReads(set: SetStore, get: GetStore): LogicReads {
  let generation = 0;
  // The generation of the read on its way, if any.
  let reading: number | null = null;

  const readLogic = async (): Promise<void> => {
    const mine = ++generation;
    reading = mine;
    try {
      const id = logicStoryId(get());
      if (id) await readStoryLogic(set, get, id, () => generation === mine);
    } finally {
      if (reading === mine) reading = null;
    }
  };

  const readPlacesOf = async (momentId: string): Promise<void> => {
    const logic = get().logic;
    if (!logic) return;
    const known = (m: string) => Boolean(get().timeline?.moments[m] || logic.places[m]);
    const { out, in: into } = linksOf(logic, momentId);
    const ends = [...out.map((l) => l.toMomentId), ...into.map((l) => l.fromMomentId)];
    const missing = [...new Set(ends)].filter((m) => !known(m)).slice(0, PLACES_PER_READ);
    if (missing.length === 0) return;
    const places = await readPlaces(missing);
    const now = get().logic;
    if (now === logic || (now && now.links === logic.links)) {
      set({ logic: { ...now!, places: { ...now!.places, ...places } } });
    }
  };

  return {
    readLogic,
    readPlacesOf,
    supersede: () => {
      const stopped = reading !== null;
      reading = null;
      generation += 1;
      return stopped;
    },
  };
}

/**
 * Reads the logic of story `id` into the store, unless `wanted()` turns false on the way (a
 * newer read or a logic write) or the story is no longer open.
 */
async function readStoryLogic(
  set: SetStore,
  get: GetStore,
  id: string,
  wanted: () => boolean,
): Promise<void> {
  const current = () => wanted() && logicStoryId(get()) === id;
  const [links, times, check] = await Promise.all([
    call(() => api().links.list({ storyId: id })),
    call(() => api().events.chronology({ storyId: id })),
    call(() => api().stories.check({ storyId: id })),
  ]);
  if (!links.ok || !times.ok || !current()) return;
  const places = await readPlaces(
    unknownEnds(get().timeline, links.value, get().highlightBeat),
    current,
  );
  if (!current()) return;
  const byEvent: Record<string, StoryTime> = {};
  for (const t of times.value) byEvent[t.eventId] = t;
  const report = check.ok ? check.value : (get().logic?.check ?? null);
  set({
    logic: {
      storyId: id,
      links: links.value,
      times: byEvent,
      places,
      check: report,
      byBeat: indexLinks(links.value),
      looped: linksInLoops(links.value),
      broken: brokenIn(report),
    },
  });
}

/**
 * The linked beats the timeline has not loaded whose place the logic read asks for: those
 * linked to the beat in focus first, then others, at most `PLACES_PER_READ` (a story with
 * thousands of linked beats off screen reads their places as the writer reaches them).
 */
function unknownEnds(
  model: TimelineModel | null,
  links: readonly BeatLink[],
  focus: string | null,
): string[] {
  const missing = new Set<string>();
  const add = (m: string) => {
    if (missing.size < PLACES_PER_READ && !model?.moments[m]) missing.add(m);
  };
  if (focus) {
    for (const link of links) {
      if (link.fromMomentId === focus) add(link.toMomentId);
      if (link.toMomentId === focus) add(link.fromMomentId);
    }
  }
  for (const link of links) {
    add(link.fromMomentId);
    add(link.toMomentId);
  }
  return [...missing];
}

/** Most places of linked beats off screen one read of the logic asks for (one request each). */
export const PLACES_PER_READ = 100;

/**
 * Most place requests in flight at once. The browser host is HTTP/1.1: Chromium opens six
 * connections to it, one held by the change stream and some by the logic read itself, so a
 * hundred requests side by side (after every change notice) kept a save waiting seconds for
 * a connection (`npm run bench:ui-check`, "another writer moving linked beats").
 */
export const PLACE_READS_AT_ONCE = 2;

/**
 * The places of beats (`moments:get`, one request each, `PLACE_READS_AT_ONCE` at a time); the
 * gone ones left out. Stops asking once `wanted()` is false (a newer read superseded this one).
 */
async function readPlaces(
  momentIds: readonly string[],
  wanted: () => boolean = () => true,
): Promise<Record<string, KnownPlace>> {
  const places: Record<string, KnownPlace> = {};
  let next = 0;
  const reader = async () => {
    while (next < momentIds.length && wanted()) {
      const momentId = momentIds[next++]!;
      const got = await call(() => api().moments.get({ momentId }));
      if (got.ok) {
        places[momentId] = {
          eventId: got.value.eventId,
          index: got.value.place,
          description: got.value.description,
          offset: got.value.timestampOffset,
        };
      }
    }
  };
  await Promise.all(Array.from({ length: PLACE_READS_AT_ONCE }, reader));
  return places;
}

const NO_LINKS: BeatLinks = { out: [], in: [] };

/** The links of each linked beat, split by direction. */
function indexLinks(links: readonly BeatLink[]): Map<string, BeatLinks> {
  const index = new Map<string, BeatLinks>();
  const entry = (id: string) => {
    let e = index.get(id);
    if (!e) index.set(id, (e = { out: [], in: [] }));
    return e;
  };
  for (const link of links) {
    entry(link.fromMomentId).out.push(link);
    entry(link.toMomentId).in.push(link);
  }
  return index;
}

/** The beats with a problem that counts (not marked intentional), with the worst severity. */
function brokenIn(check: StoryCheckReport | null): Map<string, 'error' | 'warning'> {
  const found = new Map<string, 'error' | 'warning'>();
  for (const p of check?.problems ?? []) {
    if (p.intentional) continue;
    for (const id of problemBeats(p)) {
      if (found.get(id) !== 'error') found.set(id, p.severity === 'error' ? 'error' : 'warning');
    }
  }
  return found;
}

/** The beats a problem names: its link's two, or every beat of a loop of setups. */
export function problemBeats(p: StoryProblem): readonly string[] {
  return p.loop ? p.loop.map((l) => l.fromMomentId) : p.momentIds;
}

/** The links of one beat, split by direction. */
export function linksOf(logic: StoryLogic | null, momentId: string): BeatLinks {
  return logic?.byBeat.get(momentId) ?? NO_LINKS;
}
