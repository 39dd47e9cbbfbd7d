import type {
  BeatLink,
  LinkKind,
  LinkStrength,
  Result,
  StoryCheckDelta,
  StoryCheckReport,
  StoryTime,
  TimeMode,
} from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { newId } from '../lib/ids';
import type { KnownPlace, LogicSnapshot } from '../lib/logicPreview';
import { call } from './call';
import type { Engine } from './engine';
import type { Slice, Store } from './types';

/** The open story's logic as the library holds it (links, story time, the check). */
export interface StoryLogic extends LogicSnapshot {
  storyId: string;
  check: StoryCheckReport | null;
  /** Each linked beat's links by direction, indexed once per read of the links. */
  byBeat: ReadonlyMap<string, BeatLinks>;
  /** The beats with a problem that counts, with the worst severity (from `check`). */
  broken: ReadonlyMap<string, 'error' | 'warning'>;
}

export interface LogicSlice {
  logic: StoryLogic | null;
  /** Which order the story view shows. */
  logicView: 'reading' | 'chronology';
  checkOpen: boolean;
  /** The beat whose "Link…" picker is open. */
  linkPickerFor: string | null;
  /** The beat the writer focuses or points at: its linked beats are highlighted. */
  highlightBeat: string | null;
  /** A link being drawn by pointer: from this beat, over that one. */
  linkDraw: { fromId: string; overId: string | null } | null;
  /** Reads the open story's links, story time and check again (queued, quiet). */
  reloadLogic(): Promise<void>;
  /** A write answered with check deltas: says what it broke, then reads the logic again. */
  logicAfterWrite(delta: StoryCheckDelta | undefined, force?: boolean): void;
  createLink(input: {
    fromMomentId: string;
    toMomentId: string;
    kind: LinkKind;
    strength: LinkStrength;
  }): Promise<boolean>;
  deleteLink(linkId: string): Promise<boolean>;
  markIntentional(linkId: string, intentional: boolean): Promise<boolean>;
  setStoryTime(eventId: string, patch: { label?: string; mode?: TimeMode }): Promise<boolean>;
  moveInChronology(eventId: string, toIndex: number): Promise<boolean>;
  setLogicView(view: 'reading' | 'chronology'): void;
  setCheckOpen(open: boolean): void;
  openLinkPicker(momentId: string | null): void;
  setHighlightBeat(momentId: string | null): void;
  setLinkDraw(draw: LogicSlice['linkDraw']): void;
}

/** "1 link broken: …" for an announcement, or '' when the delta created nothing. */
export function describeCreated(delta: StoryCheckDelta | undefined): string {
  const created = (delta?.created ?? []).filter((p) => !p.intentional);
  if (created.length === 0) return '';
  const head = created.length === 1 ? 'A link is broken' : `${created.length} links are broken`;
  return `${head}: ${created[0]!.message}`;
}

export const createLogicSlice =
  (engine: Engine): Slice<LogicSlice> =>
  (set, get) => {
    const storyId = (): string | null => {
      const { view, timeline } = get();
      return view.name === 'story' && timeline?.story.id === view.storyId ? view.storyId : null;
    };

    /** Reads the logic of the open story (inside a queued task). */
    const readLogic = async (): Promise<void> => {
      const id = storyId();
      if (!id) return;
      const [links, times, check] = await Promise.all([
        call(() => api().links.list({ storyId: id })),
        call(() => api().events.chronology({ storyId: id })),
        call(() => api().stories.check({ storyId: id })),
      ]);
      if (!links.ok || !times.ok || storyId() !== id) return;
      const model = get().timeline;
      const missing = new Set<string>();
      for (const link of links.value) {
        for (const m of [link.fromMomentId, link.toMomentId]) {
          if (!model?.moments[m]) missing.add(m);
        }
      }
      const places: Record<string, KnownPlace> = {};
      await Promise.all(
        [...missing].map(async (momentId) => {
          const got = await call(() => api().moments.get({ momentId }));
          if (got.ok) {
            places[momentId] = {
              eventId: got.value.eventId,
              index: got.value.place,
              description: got.value.description,
              offset: got.value.timestampOffset,
            };
          }
        }),
      );
      if (storyId() !== id) return;
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
          broken: brokenIn(report),
        },
      });
    };

    const reloadLogic = () => engine.enqueue(readLogic, { quiet: true });

    /** Runs one logic write in the queue; a refusal is a toast, the answer's deltas are shown. */
    const write = <T>(run: () => Promise<Result<T>>) =>
      engine.enqueue(async () => {
        const result = await call(run);
        if (!result.ok) {
          get().toast('error', result.error.message);
          // An optimistic change on screen goes back to what the library holds.
          await readLogic();
          return false;
        }
        const broke = describeCreated(result.check);
        if (broke) get().toast('info', broke);
        await readLogic();
        return true;
      });

    return {
      logic: null,
      logicView: 'reading',
      checkOpen: false,
      linkPickerFor: null,
      highlightBeat: null,
      linkDraw: null,

      reloadLogic,

      logicAfterWrite: (delta, force = false) => {
        const broke = describeCreated(delta);
        if (broke) get().toast('info', broke);
        if (delta || force) void reloadLogic();
      },

      createLink: (input) => write(() => api().links.create({ linkId: newId(), ...input })),

      deleteLink: (linkId) => write(() => api().links.delete({ linkId })),

      markIntentional: (linkId, intentional) =>
        write(() => api().links.update({ linkId, intentional })),

      setStoryTime: (eventId, patch) =>
        write(() => api().events.setStoryTime({ eventId, ...patch })),

      moveInChronology: (eventId, toIndex) => {
        const { logic, timeline } = get();
        if (!logic || !timeline) return Promise.resolve(false);
        const order = Object.values(logic.times)
          .sort((a, b) => a.chronoKey - b.chronoKey)
          .map((t) => t.eventId)
          .filter((id) => id !== eventId);
        const beforeEventId = order[toIndex] ?? null;
        // Shown at once; the library's answer replaces it.
        const moved = [...order.slice(0, toIndex), eventId, ...order.slice(toIndex)];
        const times = { ...logic.times };
        moved.forEach((id, i) => {
          const t = times[id];
          if (t) times[id] = { ...t, chronoKey: i };
        });
        set({ logic: { ...logic, times } });
        return write(() => api().events.moveInChronology({ eventId, beforeEventId }));
      },

      setLogicView: (logicView) => set({ logicView }),
      setCheckOpen: (checkOpen) => set({ checkOpen }),
      openLinkPicker: (linkPickerFor) => set({ linkPickerFor }),
      setHighlightBeat: (highlightBeat) => {
        if (get().highlightBeat !== highlightBeat) set({ highlightBeat });
      },
      setLinkDraw: (linkDraw) => set({ linkDraw }),
    };
  };

type BeatLinks = { out: BeatLink[]; in: BeatLink[] };
const NO_LINKS: BeatLinks = { out: [], in: [] };
const NOT_BROKEN: ReadonlyMap<string, 'error' | 'warning'> = new Map();

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
    for (const id of p.momentIds) {
      if (found.get(id) !== 'error') found.set(id, p.severity === 'error' ? 'error' : 'warning');
    }
  }
  return found;
}

/** The links of one beat, split by direction. */
export function linksOf(logic: StoryLogic | null, momentId: string): BeatLinks {
  return logic?.byBeat.get(momentId) ?? NO_LINKS;
}

/** The beats with a problem that counts (not marked intentional), with the worst severity. */
export function brokenBeats(s: Store): ReadonlyMap<string, 'error' | 'warning'> {
  return s.logic?.broken ?? NOT_BROKEN;
}
