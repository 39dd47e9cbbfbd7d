import type {
  LinkKind,
  LinkStrength,
  ProblemCode,
  ProblemSeverity,
  StoryProblem,
  TimeMode,
} from '../contract/types';
import { eventName } from '../names';
import {
  fromFirstRead,
  loopProblem,
  namedBeats,
  namedLoop,
  setupKnots,
  type SetupEdge,
} from './setup-loops';
import { kindWords, quoteBeat } from './words';

export { quoteBeat };

/**
 * The story check as a pure function. Every problem comes from one link and depends only on
 * the places of its two beats, compared with each other: where each sits in reading order,
 * where it sits in story time, and its event's mode. So a write only changes the problems of
 * the links that touch what it moved (the incremental form, incremental.ts, relies on this).
 *
 * Rules (a link from A to B):
 * - `causes`: B happening before A in story time is `effect_before_cause`; A in a dream and B
 *   not is `dream_causes_real` (a warning, whatever the strength).
 * - `precedes`: B happening before A in story time is `precedes_violated`.
 * - `sets_up`: B read before A is `payoff_before_setup`.
 * Broken hard links are errors, soft ones warnings. Reading order is never compared with story
 * time, so a flashback read before the events it precedes in story time is not a problem.
 * There is no "setup with no payoff": a `sets_up` link always has both beats (deleting either
 * deletes the link), and a beat without links makes no claim to check.
 */

/** Where one beat of a link sits. Order values compare only with each other (ties: by id). */
export interface BeatPlace {
  momentId: string;
  eventId: string;
  /** The event's order in reading order and in story time (dense ranks or sort keys). */
  eventReading: number;
  eventChrono: number;
  /** The beat's order inside its event (a dense rank or its sort key). */
  beatOrder: number;
  offset: number | null;
  mode: TimeMode;
  /** "'She breaks in' (Night watch, beat 1)": computed only when a problem needs it. */
  describe: () => string;
}

export interface CheckedLink {
  id: string;
  fromMomentId: string;
  toMomentId: string;
  kind: LinkKind;
  strength: LinkStrength;
  intentional: boolean;
}

const byKey = (ka: number, ia: string, kb: number, ib: string) =>
  ka !== kb ? ka - kb : ia < ib ? -1 : ia > ib ? 1 : 0;

/**
 * Story time: the event's place in the chronology, then inside the event the offsets when
 * both beats have one, else their positions. Negative when `a` happens first; 0 for two beats
 * of one event at the same offset.
 */
export function compareStoryTime(a: BeatPlace, b: BeatPlace): number {
  if (a.eventId !== b.eventId) return byKey(a.eventChrono, a.eventId, b.eventChrono, b.eventId);
  if (a.offset !== null && b.offset !== null) return a.offset - b.offset;
  return byKey(a.beatOrder, a.momentId, b.beatOrder, b.momentId);
}

/** Reading order: the event's place in the story, then the beat's place in the event. */
export function compareReading(a: BeatPlace, b: BeatPlace): number {
  if (a.eventId !== b.eventId) return byKey(a.eventReading, a.eventId, b.eventReading, b.eventId);
  return byKey(a.beatOrder, a.momentId, b.beatOrder, b.momentId);
}

/** The problems of one link, given where its beats sit (none: a shared empty list). */
export function checkLink(link: CheckedLink, from: BeatPlace, to: BeatPlace): StoryProblem[] {
  const broken: ProblemSeverity = link.strength === 'hard' ? 'error' : 'warning';
  if (link.kind === 'sets_up') {
    if (compareReading(to, from) >= 0) return NONE;
    return [
      problem(
        link,
        'payoff_before_setup',
        broken,
        `${from.describe()} sets up ${to.describe()}, but the payoff is now read first.`,
      ),
    ];
  }
  const late = compareStoryTime(to, from) < 0;
  const dream = link.kind === 'causes' && from.mode === 'dream' && to.mode !== 'dream';
  if (!late && !dream) return NONE;
  const found: StoryProblem[] = [];
  if (late) {
    found.push(
      problem(
        link,
        link.kind === 'causes' ? 'effect_before_cause' : 'precedes_violated',
        broken,
        `${from.describe()} ${kindWords(link.kind)} ${to.describe()}, but now happens after it.`,
      ),
    );
  }
  if (dream) {
    found.push(
      problem(
        link,
        'dream_causes_real',
        'warning',
        `${from.describe()} is in a dream but causes ${to.describe()}: a dream causes a real ` +
          'event. Mark the link intentional if the dream is meant to.',
      ),
    );
  }
  return found;
}

const NONE: StoryProblem[] = [];

function problem(
  link: CheckedLink,
  code: ProblemCode,
  severity: ProblemSeverity,
  message: string,
): StoryProblem {
  return {
    id: `${code}:${link.id}`,
    code,
    severity,
    linkId: link.id,
    momentIds: [link.fromMomentId, link.toMomentId],
    message,
    intentional: link.intentional,
  };
}

/**
 * How the messages name a beat: its text, its event's name as the board shows it (its title
 * or "Untitled event": `eventName`) and its number in the event.
 */
export function describeBeat(text: string, eventTitle: string, beatIndex: number): string {
  return `${quoteBeat(text)} (${eventName(eventTitle)}, beat ${beatIndex + 1})`;
}

/**
 * A story as the check reads it: events, beats and links. Positions are order values: dense
 * 0-based positions, or sort keys that order the same way (ties broken by id). With sort keys,
 * `lookups` gives the beats' dense places the sentences name.
 */
export interface StoryLogicModel {
  /** The events the links touch (more are allowed). */
  events: ReadonlyArray<{
    id: string;
    title: string;
    /** The event's order in reading and in story time. */
    position: number;
    chronoPosition: number;
    mode: TimeMode;
  }>;
  /** The beats the links touch (more are allowed). */
  beats: ReadonlyArray<{
    id: string;
    eventId: string;
    /** The beat's order in its event. */
    position: number;
    offset: number | null;
    /** The beat's text; when absent, `lookups.beats` gives it. */
    description?: string;
  }>;
  links: readonly CheckedLink[];
  /**
   * What the sentences name, asked only for the problems found: the beats' 0-based dense places
   * when the positions above are sort keys, and the text of beats given without it.
   */
  lookups?: {
    /** The dense place and the text of each of these beats, by id (all asked at once). */
    beats(beats: ReadonlyArray<StoryLogicModel['beats'][number]>): Map<string, BeatName>;
  };
}

/** How a sentence names a beat: its 0-based dense place in its event and its text. */
export interface BeatName {
  place: number;
  text: string;
}

type ModelEvent = StoryLogicModel['events'][number];
type ModelBeat = StoryLogicModel['beats'][number];

/** A beat of the model where the check sees it; `name` makes its sentence when asked. */
class ModelPlace implements BeatPlace {
  readonly momentId: string;
  readonly eventId: string;
  readonly eventReading: number;
  readonly eventChrono: number;
  readonly beatOrder: number;
  readonly offset: number | null;
  readonly mode: TimeMode;

  constructor(
    readonly beat: ModelBeat,
    private readonly event: ModelEvent,
    private readonly name: (beat: ModelBeat, event: ModelEvent) => string,
  ) {
    this.momentId = beat.id;
    this.eventId = event.id;
    this.eventReading = event.position;
    this.eventChrono = event.chronoPosition;
    this.beatOrder = beat.position;
    this.offset = beat.offset;
    this.mode = event.mode;
  }

  describe(): string {
    return this.name(this.beat, this.event);
  }
}

/**
 * Every problem of a story, in reading order of the link's first beat, then by id. The rules
 * run first with blank sentences (most links break none); the beats of the links that break
 * one are then named all at once (`lookups.beats`: one read for a library), and only those
 * links are checked again with their sentences. A loop of `sets_up` links is one problem
 * (`setup_loop`, setup-loops.ts), and its links report no "payoff read first" of their own.
 */
export function checkStory(story: StoryLogicModel): StoryProblem[] {
  const naming = { on: false, names: undefined as Map<string, BeatName> | undefined };
  const textOf = (beat: ModelBeat) => beat.description ?? naming.names?.get(beat.id)?.text ?? '';
  const place = storyPlaces(story, (beat, event) => {
    if (!naming.on) return '';
    const known = naming.names?.get(beat.id);
    return describeBeat(textOf(beat), event.title, known ? known.place : beat.position);
  });
  const knots = setupKnots(story.links.filter((l) => l.kind === 'sets_up').map(setupEdge));
  const loops = knots.map((k) =>
    fromFirstRead(namedLoop(k), (a, b) => compareReading(place(a), place(b))),
  );
  const inLoop = new Set(knots.flatMap((k) => k.map((e) => e.id)));
  const broken = story.links.filter(
    (link) =>
      !inLoop.has(link.id) &&
      checkLink(link, place(link.fromMomentId), place(link.toMomentId)).length > 0,
  );
  const named = new Set<ModelBeat>();
  for (const link of broken) {
    named.add(place(link.fromMomentId).beat).add(place(link.toMomentId).beat);
  }
  for (const id of loops.flatMap(namedBeats)) named.add(place(id).beat);
  if (story.lookups && named.size > 0) naming.names = story.lookups.beats([...named]);
  naming.on = true;
  const found: Array<{ problem: StoryProblem; from: BeatPlace }> = [];
  for (const link of broken) {
    const from = place(link.fromMomentId);
    for (const problem of checkLink(link, from, place(link.toMomentId))) {
      found.push({ problem, from });
    }
  }
  for (const loop of loops) {
    const quote = (id: string) => quoteBeat(textOf(place(id).beat));
    const problem = loopProblem(loop, (id) => place(id).describe(), quote);
    found.push({ problem, from: place(loop[0]!.from) });
  }
  found.sort((a, b) => compareReading(a.from, b.from) || (a.problem.id < b.problem.id ? -1 : 1));
  return found.map((f) => f.problem);
}

/** A link as the loop finder sees it. */
export const setupEdge = (l: CheckedLink): SetupEdge => ({
  id: l.id,
  from: l.fromMomentId,
  to: l.toMomentId,
  strength: l.strength,
});

/** Where each beat of the model sits, by id; `name` makes its sentence when asked. */
function storyPlaces(
  story: StoryLogicModel,
  name: (beat: ModelBeat, event: ModelEvent) => string,
): (momentId: string) => ModelPlace {
  const events = new Map<string, ModelEvent>();
  for (const e of story.events) events.set(e.id, e);
  const places = new Map<string, ModelPlace>();
  for (const beat of story.beats) {
    const event = events.get(beat.eventId);
    if (event) places.set(beat.id, new ModelPlace(beat, event, name));
  }
  return (momentId) => {
    const p = places.get(momentId);
    if (!p) throw new Error(`the story model has no beat ${momentId} in its events`);
    return p;
  };
}
