import { z } from 'zod';
import { LIMITS, textProblem } from '../contract/schemas';
import {
  LINK_KINDS,
  LINK_STRENGTHS,
  TIME_MODES,
  type LinkKind,
  type LinkStrength,
  type TimeMode,
} from '../contract/types';
import { UUID_PATTERN, type StoryFile } from './json-schema';
import { StoryFileError, type StoryDocument } from './model';
import { describeFileIssue, formatPath } from './validate';

/**
 * Story file version 2 (logic layer, issue 14): version 1 plus each event's `storyTime` and the
 * story's `links`. A story with neither links nor story time apart from its reading order is
 * still written as version 1, byte for byte as before, so older Beatlines read it. Published
 * in docs/schema/beatline-story.v2.schema.json and described in docs/story-file-format.md.
 */
export const STORY_FILE_LOGIC_VERSION = 2;

/** Story time and links of a document; beats are named by their place: [event, beat]. */
export interface StoryLogicDocument {
  /** One per event, in reading order. `order`: the event's 0-based place in story time. */
  times: Array<{ order: number; label: string; mode: TimeMode }>;
  links: Array<{
    from: [number, number];
    to: [number, number];
    kind: LinkKind;
    strength: LinkStrength;
    note: string;
    intentional: boolean;
  }>;
}

const text = (max: number, singleLine: boolean) =>
  z.string({ error: 'must be text' }).superRefine((s, ctx) => {
    const problem = textProblem(s, { max, singleLine });
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: s });
  });

const beatRef = z
  .string({ error: 'must be the id of a beat in this file' })
  .regex(UUID_PATTERN, { error: 'must be the id of a beat in this file' });

const fileStoryTime = z.strictObject(
  {
    order: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(0, { error: 'must be >= 0' }),
    label: text(LIMITS.timeLabel, true).optional(),
    mode: z
      .enum(TIME_MODES, { error: 'must be linear, flashback, flash-forward, parallel or dream' })
      .optional(),
  },
  { error: (i) => (i.code === 'invalid_type' ? 'must be an object' : undefined) },
);

const fileLink = z.strictObject(
  {
    id: z
      .string({ error: 'must be a UUID' })
      .regex(UUID_PATTERN, { error: 'must be a UUID' })
      .optional(),
    from: beatRef,
    to: beatRef,
    kind: z.enum(LINK_KINDS, { error: 'must be causes, sets_up or precedes' }),
    strength: z.enum(LINK_STRENGTHS, { error: 'must be hard or soft' }),
    note: text(LIMITS.linkNote, false).optional(),
    intentional: z.boolean({ error: 'must be true or false' }).optional(),
  },
  { error: (i) => (i.code === 'invalid_type' ? 'must be an object' : undefined) },
);

/** The version 2 parts of a file; the rest is checked as version 1. */
const logicParts = z.looseObject({
  story: z.looseObject({
    events: z.array(z.looseObject({ storyTime: fileStoryTime.optional() })),
    links: z.array(fileLink, { error: 'must be a list' }).optional(),
  }),
});

type LogicParts = z.output<typeof logicParts>;

/**
 * Splits a version 2 file: checks its story time and links, and gives the file as version 1
 * (without them) for the version 1 reader, and a function that resolves the links against the
 * document that reader returns.
 */
export function splitVersion2(root: unknown): {
  version1: unknown;
  resolve: (doc: StoryDocument) => StoryDocument;
} {
  const parsed = logicParts.safeParse(root);
  if (!parsed.success) {
    // The version 1 reader names shape problems (a missing list) in its words; ours first.
    const outer = z.looseObject({ story: z.looseObject({ events: z.array(z.unknown()) }) });
    if (!outer.safeParse(root).success)
      return { version1: { ...(root as object), version: 1 }, resolve: (d) => d };
    throw new StoryFileError(describeFileIssue(parsed.error.issues[0], root));
  }
  const file = root as Record<string, unknown> & { story: Record<string, unknown> };
  const { links: _links, ...story } = file.story;
  const events = (story.events as Array<Record<string, unknown>>).map((event) => {
    const { storyTime: _time, ...rest } = event;
    return rest;
  });
  return {
    version1: { ...file, version: 1, story: { ...story, events } },
    resolve: (doc) => ({ ...doc, logic: resolveLogic(parsed.data, doc) }),
  };
}

function resolveLogic(parts: LogicParts, doc: StoryDocument): StoryLogicDocument {
  const events = parts.story.events;
  const timed = events.filter((e) => e.storyTime !== undefined).length;
  if (timed !== 0 && timed !== events.length) {
    const missing = events.findIndex((e) => e.storyTime === undefined);
    throw new StoryFileError(
      `${formatPath(['story', 'events', missing, 'storyTime'])}: is missing (when one event ` +
        'has storyTime, every event needs it).',
    );
  }
  const seen = new Set<number>();
  const times = events.map((e, i) => {
    const order = e.storyTime?.order ?? i;
    if (order >= events.length || seen.has(order)) {
      throw new StoryFileError(
        `${formatPath(['story', 'events', i, 'storyTime', 'order'])}: must be a place from 0 ` +
          `to ${events.length - 1} that no other event has.`,
      );
    }
    seen.add(order);
    return { order, label: e.storyTime?.label?.trim() ?? '', mode: e.storyTime?.mode ?? 'linear' };
  });

  const places = beatPlaces(doc);
  const keys = new Set<string>();
  const links = (parts.story.links ?? []).map((link, i) => {
    const at = (field: string) => formatPath(['story', 'links', i, field]);
    const from = placeOf(places, link.from, at('from'));
    const to = placeOf(places, link.to, at('to'));
    if (from[0] === to[0] && from[1] === to[1]) {
      throw new StoryFileError(`${at('to')}: a beat cannot be linked to itself.`);
    }
    const key = `${from.join(',')}>${to.join(',')}:${link.kind}`;
    if (keys.has(key)) {
      throw new StoryFileError(`${at('kind')}: these beats already have a ${link.kind} link.`);
    }
    keys.add(key);
    return {
      from,
      to,
      kind: link.kind,
      strength: link.strength,
      note: link.note ?? '',
      intentional: link.intentional ?? false,
    };
  });
  refuseLoops(links);
  return { times, links };
}

/** Each beat id of the file (in small letters) with the places (event, beat) of its beats. */
function beatPlaces(doc: StoryDocument): Map<string, Array<[number, number]>> {
  const places = new Map<string, Array<[number, number]>>();
  doc.events.forEach((event, e) =>
    event.moments.forEach((moment, m) => {
      if (moment.id === undefined) return;
      const id = moment.id.toLowerCase();
      places.set(id, [...(places.get(id) ?? []), [e, m]]);
    }),
  );
  return places;
}

/**
 * The one beat a link's end names. A file may repeat a beat's id (a beat's block copied in an
 * editor: ids are informational), but not one a link names: the link went to the last such
 * beat, silently (h78).
 */
function placeOf(
  places: Map<string, Array<[number, number]>>,
  id: string,
  at: string,
): [number, number] {
  const found = places.get(id.toLowerCase()) ?? [];
  if (found.length === 0) throw new StoryFileError(`${at}: no beat in this file has the id ${id}.`);
  if (found.length > 1) {
    const where = found
      .slice(0, 2)
      .map(([e, m]) => formatPath(['story', 'events', e, 'moments', m]))
      .join(' and ');
    throw new StoryFileError(
      `${at}: two beats in this file have the id ${id} (${where}), so the link could mean ` +
        'either: give each beat its own id.',
    );
  }
  return found[0]!;
}

/**
 * The indexes of links of one order that make a loop, in the loop's order from the first of
 * them in the list (empty when they make none): `causes`/`precedes` links (story time) or,
 * with `reading`, `sets_up` links (reading order, where a loop always has one link broken).
 */
export function loopLinks(links: StoryLogicDocument['links'], reading = false): number[] {
  const into = new Map<string, number[]>();
  const out = new Map<string, number[]>();
  const indegree = new Map<string, number>();
  const key = (beat: [number, number]) => beat.join(',');
  links.forEach((link, i) => {
    if ((link.kind === 'sets_up') !== reading) return;
    const [a, b] = [key(link.from), key(link.to)];
    out.set(a, [...(out.get(a) ?? []), i]);
    into.set(b, [...(into.get(b) ?? []), i]);
    indegree.set(b, (indegree.get(b) ?? 0) + 1);
    if (!indegree.has(a)) indegree.set(a, 0);
  });
  // Kahn's algorithm: the beats left with links into them each have one from a beat also left.
  const ready = [...indegree].filter(([, n]) => n === 0).map(([k]) => k);
  while (ready.length > 0) {
    for (const i of out.get(ready.pop()!) ?? []) {
      const next = key(links[i]!.to);
      const n = indegree.get(next)! - 1;
      indegree.set(next, n);
      if (n === 0) ready.push(next);
    }
  }
  const left = [...indegree].find(([, n]) => n > 0)?.[0];
  if (left === undefined) return [];
  // Walk back from a beat left, along links from beats left, until a beat comes round again.
  const walk: Array<{ beat: string; link: number }> = [];
  const seen = new Map<string, number>();
  for (let at = left; !seen.has(at);) {
    seen.set(at, walk.length);
    const link = into.get(at)!.find((i) => indegree.get(key(links[i]!.from))! > 0)!;
    walk.push({ beat: at, link });
    at = key(links[link]!.from);
  }
  const start = seen.get(key(links[walk.at(-1)!.link]!.from))!;
  const loop = walk
    .slice(start)
    .map((w) => w.link)
    .reverse();
  // The loop's order, from its first link in the file.
  const first = loop.indexOf(Math.min(...loop));
  return [...loop.slice(first), ...loop.slice(0, first)];
}

/**
 * Refuses `causes`/`precedes` links that make a loop in story time, naming its links. A loop
 * of `sets_up` links is kept (h73): a library made before h71 may hold one and export it, so
 * its file must import again; the story check then reports the loop (`setup_loop`).
 */
function refuseLoops(links: StoryLogicDocument['links']): void {
  const loop = loopLinks(links);
  if (loop.length === 0) return;
  const paths = loop.map((i) => formatPath(['story', 'links', i])).join(', ');
  throw new StoryFileError(
    `${formatPath(['story', 'links', loop[0]!])}: the causes and precedes links make a loop ` +
      `in story time (${paths}): a beat would have to happen before itself.`,
  );
}

/**
 * A version 1 file object with the document's story time and links added, as version 2.
 * Links name their beats by the beats' ids, which a document read from the library has.
 */
export function addLogicToFile(file: StoryFile, doc: StoryDocument): unknown {
  const logic = doc.logic!;
  const beatId = ([e, m]: [number, number]) => doc.events[e]!.moments[m]!.id;
  return {
    ...file,
    version: STORY_FILE_LOGIC_VERSION,
    story: {
      ...file.story,
      events: file.story.events.map((event, i) => {
        const { moments, ...rest } = event;
        return { ...rest, storyTime: logic.times[i], moments };
      }),
      links: logic.links.map((link) => ({
        from: beatId(link.from),
        to: beatId(link.to),
        kind: link.kind,
        strength: link.strength,
        note: link.note,
        intentional: link.intentional,
      })),
    },
  };
}

/** True when a document's logic says nothing a version 1 file does not (no links, plain time). */
export function isPlainLogic(logic: StoryLogicDocument | undefined): boolean {
  return (
    logic === undefined ||
    (logic.links.length === 0 &&
      logic.times.every((t, i) => t.order === i && t.label === '' && t.mode === 'linear'))
  );
}
