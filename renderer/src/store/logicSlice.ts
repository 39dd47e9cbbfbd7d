import type {
  BeatLink,
  LinkKind,
  LinkStrength,
  Result,
  StoryCheckDelta,
  StoryCheckReport,
  TimeMode,
} from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { newId } from '../lib/ids';
import { plural } from '../lib/text';
import { chronoOrder, type LogicSnapshot } from '../lib/logicPreview';
import { call } from './call';
import type { Engine } from './engine';
import { logicReads, problemBeats, type LogicReads } from './logicRead';
import type { DraftBase, SaveProblem } from './saveText';
import type { GetStore, SetStore, Slice, Store } from './types';

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
  /**
   * A write that touched no link changed what the check's sentences name (a beat's text, an
   * event's title, the numbers of the beats of `eventIds`): reads the logic again when a
   * problem names it.
   */
  logicNamesChanged(changed: NamesChanged): void;
  createLink(input: {
    fromMomentId: string;
    toMomentId: string;
    kind: LinkKind;
    strength: LinkStrength;
  }): Promise<boolean>;
  deleteLink(linkId: string): Promise<boolean>;
  markIntentional(linkId: string, intentional: boolean): Promise<boolean>;
  setStoryTime(eventId: string, patch: { label?: string; mode?: TimeMode }): Promise<boolean>;
  /**
   * Saves a story-time label as it is typed (queued) over `base.text`, the label the typing
   * started from (a label changed elsewhere since is a conflict; an empty `base.stamp` writes
   * over it); resolves to null, or to why not. An accepted save moves `base` on.
   */
  saveStoryTimeLabel(eventId: string, label: string, base: DraftBase): Promise<SaveProblem | null>;
  /**
   * Sends a typed story-time label at once, outside the queue, over `base` as
   * `saveStoryTimeLabel` does: the page is closing.
   */
  sendStoryTimeLabelNow(eventId: string, label: string, base: DraftBase): void;
  moveInChronology(eventId: string, toIndex: number): Promise<boolean>;
  setLogicView(view: 'reading' | 'chronology'): void;
  setCheckOpen(open: boolean): void;
  openLinkPicker(momentId: string | null): void;
  setHighlightBeat(momentId: string | null): void;
  setLinkDraw(draw: LogicSlice['linkDraw']): void;
}

/** The story-time label's stamp (`useAutosaveText`): a label has none, so any, never empty. */
export const LABEL_STAMP = 'label';

/** The label a typed one goes over (an empty stamp: written over whatever is there). */
const labelTypedOver = (base: DraftBase) => (base.stamp ? base.text : undefined);

/**
 * What a write broke, for an announcement, or '' when the delta created nothing: "A link is
 * broken: …", "3 links are broken: …"; a loop of setups is no broken link, so it is counted
 * in the Story check's words ("1 broken link and 1 loop of setups: …", "2 loops of setups:
 * …"; a lone loop's sentence says what it is). The first problem's sentence follows.
 */
export function describeCreated(delta: StoryCheckDelta | undefined): string {
  const created = (delta?.created ?? []).filter((p) => !p.intentional);
  if (created.length === 0) return '';
  const first = created[0]!;
  const loops = created.filter((p) => p.code === 'setup_loop').length;
  const links = created.length - loops;
  if (created.length === 1 && loops === 1) return first.message;
  const loopWords = plural(loops, 'loop of setups', 'loops of setups');
  let head = links === 1 ? 'A link is broken' : `${links} links are broken`;
  if (loops > 0)
    head = links === 0 ? loopWords : `${plural(links, 'broken link')} and ${loopWords}`;
  return `${head}: ${first.message}`;
}

/** What a write that touched no link changed: a beat's text, an event's title, beats' numbers. */
export interface NamesChanged {
  momentId?: string;
  eventId?: string;
  /** Events whose beats were renumbered (a beat moved or added) or that moved themselves. */
  eventIds?: readonly string[];
}

/**
 * Whether a problem on screen names what changed: the beat itself, or a beat of an event that
 * changed. A move elsewhere changes no sentence and not the list's order (h71: every move read
 * the whole check again in a story with problems).
 */
export function problemsName(s: Store, changed: NamesChanged): boolean {
  const problems = s.logic?.check?.problems ?? [];
  if (problems.length === 0) return false;
  const events = new Set(changed.eventIds);
  if (changed.eventId !== undefined) events.add(changed.eventId);
  const eventOf = (m: string) => s.timeline?.moments[m]?.eventId ?? s.logic?.places[m]?.eventId;
  return problems.some((p) =>
    problemBeats(p).some((m) => m === changed.momentId || events.has(eventOf(m) ?? '')),
  );
}

/** The logic writes: each in the queue, a refusal a toast, the answer's deltas shown. */
function logicWriteActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
  reads: LogicReads,
): Pick<
  LogicSlice,
  | 'logicAfterWrite'
  | 'logicNamesChanged'
  | 'createLink'
  | 'deleteLink'
  | 'markIntentional'
  | 'setStoryTime'
  | 'moveInChronology'
> {
  /** Runs one logic write in the queue; a refusal is a toast, the answer's deltas are shown. */
  const write = <T>(run: () => Promise<Result<T>>) =>
    engine.enqueue(async () => {
      // A read that started before this write would show the story without it.
      reads.supersede();
      const result = await call(run);
      if (!result.ok) {
        get().toast('error', result.error.message);
        // An optimistic change on screen goes back to what the library holds.
        void reads.readLogic();
        return false;
      }
      const broke = describeCreated(result.check);
      if (broke) get().toast('info', broke);
      void reads.readLogic();
      return true;
    });

  return {
    logicAfterWrite: (delta, force = false) => {
      const broke = describeCreated(delta);
      if (broke) get().toast('info', broke);
      if (delta || force) void reads.readLogic();
    },

    logicNamesChanged: (changed) => {
      if (problemsName(get(), changed)) void reads.readLogic();
    },

    createLink: (input) => write(() => api().links.create({ linkId: newId(), ...input })),

    deleteLink: (linkId) => write(() => api().links.delete({ linkId })),

    markIntentional: (linkId, intentional) =>
      write(() => api().links.update({ linkId, intentional })),

    setStoryTime: (eventId, patch) => write(() => api().events.setStoryTime({ eventId, ...patch })),

    moveInChronology: (eventId, toIndex) => {
      const { logic, timeline } = get();
      if (!logic || !timeline) return Promise.resolve(false);
      // `toIndex` is a place in the chronology as shown: the same order, without the event.
      const order = chronoOrder(timeline, logic.times).filter((id) => id !== eventId);
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
  };
}

/** A story-time label typed in the Chronology: saved as it is typed, as the other text fields. */
function storyTimeLabelActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
  reads: LogicReads,
): Pick<LogicSlice, 'saveStoryTimeLabel' | 'sendStoryTimeLabelNow'> {
  return {
    // A refusal is said by the field (no toast); the label as saved is shown at once.
    saveStoryTimeLabel: (eventId, label, base) =>
      engine.enqueue(async () => {
        // A label changes no finding: the logic is read again only when a read was stopped.
        const stopped = reads.supersede();
        const expectedLabel = labelTypedOver(base);
        const result = await call(() =>
          api().events.setStoryTime({ eventId, label, expectedLabel }),
        );
        if (result.ok) base.text = label;
        const logic = get().logic;
        const time = logic?.times[eventId];
        if (result.ok && logic && time) {
          const times = { ...logic.times, [eventId]: { ...time, label: result.value.label } };
          set({ logic: { ...logic, times } });
        }
        if (stopped) void reads.readLogic();
        return result.ok ? null : result.error;
      }),

    sendStoryTimeLabelNow: (eventId, label, base) => {
      const expectedLabel = labelTypedOver(base);
      void call(() => api().events.setStoryTime({ eventId, label, expectedLabel }));
    },
  };
}

/** What the story view shows of the logic: its order, the check, the link picker, highlights. */
function logicViewActions(
  set: SetStore,
  get: GetStore,
  reads: LogicReads,
): Pick<
  LogicSlice,
  'setLogicView' | 'setCheckOpen' | 'openLinkPicker' | 'setHighlightBeat' | 'setLinkDraw'
> {
  return {
    setLogicView: (logicView) => set({ logicView }),
    setCheckOpen: (checkOpen) => set({ checkOpen }),
    openLinkPicker: (linkPickerFor) => set({ linkPickerFor }),
    setHighlightBeat: (highlightBeat) => {
      if (get().highlightBeat === highlightBeat) return;
      set({ highlightBeat });
      if (highlightBeat) void reads.readPlacesOf(highlightBeat);
    },
    setLinkDraw: (linkDraw) => set({ linkDraw }),
  };
}

export const createLogicSlice =
  (engine: Engine): Slice<LogicSlice> =>
  (set, get) => {
    const reads = logicReads(set, get);
    return {
      logic: null,
      logicView: 'reading',
      checkOpen: false,
      linkPickerFor: null,
      highlightBeat: null,
      linkDraw: null,
      reloadLogic: () => reads.readLogic(),
      ...logicWriteActions(engine, set, get, reads),
      ...storyTimeLabelActions(engine, set, get, reads),
      ...logicViewActions(set, get, reads),
    };
  };

export { linksOf, PLACE_READS_AT_ONCE, PLACES_PER_READ } from './logicRead';

/** Each linked beat's links, by direction. */
export type BeatLinks = { out: BeatLink[]; in: BeatLink[] };
const NOT_BROKEN: ReadonlyMap<string, 'error' | 'warning'> = new Map();

/** The beats with a problem that counts (not marked intentional), with the worst severity. */
export function brokenBeats(s: Store): ReadonlyMap<string, 'error' | 'warning'> {
  return s.logic?.broken ?? NOT_BROKEN;
}
