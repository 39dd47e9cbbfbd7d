// Model-based test (fast-check `fc.commands`): random sequences of every story, event and
// moment operation run against a real library file and against a plain in-memory model; after
// each command the whole library must equal the model. Operations the model expects to be
// refused (a beat moved into another story, a position out of range, a deleted id) must be
// refused and change nothing. Undo and redo (history:undo / history:redo) are commands too: the
// model keeps its own stack per story and one for the library, with typing merges (Date is
// frozen, so consecutive edits of one field always fall inside the merge window).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../electron/core/contract/types';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

interface MBeat {
  id: string;
  description: string;
  offset: number | null;
}
interface MEvent {
  id: string;
  title: string;
  description: string;
  beats: MBeat[];
}
interface MStory {
  id: string;
  title: string;
  events: MEvent[];
}
/** One undo step: the story's events (story scope) or the story (library) before and after. */
interface Step {
  kind: 'story' | 'create' | 'rename' | 'delete';
  key: string | null;
  before: unknown;
  after: unknown;
}
interface Stacks {
  done: Step[];
  undone: Step[];
}
interface Model {
  stories: MStory[];
  /** Ids that existed once and were deleted: calls on them must answer not_found. */
  gone: string[];
  /** Undo history per scope: a story id, or '' for the library. */
  history: Record<string, Stacks>;
  /** Every story id ever created (undo may be asked in a story that is gone). */
  storyIds: string[];
  /** Set by a command that wrote: the step it records (Checked records it). */
  pending?: { scope: string; kind: Step['kind']; key: string | null; storyId: string };
}
interface Real {
  d: Dispatcher;
  dump: () => string;
}

type Cmd = fc.Command<Model, Real>;

const allEvents = (m: Model) => m.stories.flatMap((s) => s.events.map((e) => ({ s, e })));
const allBeats = (m: Model) =>
  allEvents(m).flatMap(({ s, e }) => e.beats.map((b) => ({ s, e, b })));
const nth = <T>(items: T[], n: number): T => items[n % items.length]!;
const clone = <T>(v: T): T => structuredClone(v);
const presentIds = (m: Model) =>
  new Set(
    m.stories.flatMap((s) => [
      s.id,
      ...s.events.flatMap((e) => [e.id, ...e.beats.map((b) => b.id)]),
    ]),
  );

/** What a successful write records (see Checked). */
function note(m: Model, storyId: string, key: string | null = null): void {
  m.pending = { scope: storyId, kind: 'story', key, storyId };
}
function noteLibrary(m: Model, kind: Step['kind'], storyId: string, key: string | null = null) {
  m.pending = { scope: '', kind, key, storyId };
}
const storyOfEvent = (m: Model, e: MEvent) => m.stories.find((s) => s.events.includes(e))!;

/** A call the model says must fail: it fails with `code` and the database is unchanged. */
function expectRefused(r: Real, call: () => Result<unknown>, code: string): void {
  const before = r.dump();
  const result = call();
  expect(result).toMatchObject({ ok: false, error: { code } });
  expect(r.dump()).toBe(before);
}

const title = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,15}$/);
const text = fc.string({ maxLength: 24 });
const offset = fc.option(fc.integer({ min: 0, max: 200_000 }).map((n) => n / 2));

class CreateStory implements Cmd {
  constructor(readonly title: string) {}
  check = () => true;
  run(m: Model, r: Real) {
    const story = must(r.d.call('stories:create', { title: this.title }));
    m.stories.push({ id: story.id, title: this.title.trim(), events: [] });
    m.storyIds.push(story.id);
    noteLibrary(m, 'create', story.id);
  }
  toString = () => `createStory(${JSON.stringify(this.title)})`;
}

class RenameStory implements Cmd {
  constructor(
    readonly pick: number,
    readonly title: string,
  ) {}
  check = (m: Readonly<Model>) => m.stories.length > 0;
  run(m: Model, r: Real) {
    const story = nth(m.stories, this.pick);
    must(r.d.call('stories:update', { storyId: story.id, title: this.title }));
    story.title = this.title.trim();
    noteLibrary(m, 'rename', story.id, `story:${story.id}`);
  }
  toString = () => `renameStory(${this.pick})`;
}

class DeleteStory implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.stories.length > 0;
  run(m: Model, r: Real) {
    const story = nth(m.stories, this.pick);
    must(r.d.call('stories:delete', { storyId: story.id }));
    noteLibrary(m, 'delete', story.id);
    m.stories.splice(m.stories.indexOf(story), 1);
    m.gone.push(story.id, ...story.events.flatMap((e) => [e.id, ...e.beats.map((b) => b.id)]));
  }
  toString = () => `deleteStory(${this.pick})`;
}

class CreateEvent implements Cmd {
  constructor(
    readonly pick: number,
    readonly title: string,
    readonly description: string,
    readonly position: number | null,
  ) {}
  check = (m: Readonly<Model>) => m.stories.length > 0;
  run(m: Model, r: Real) {
    const story = nth(m.stories, this.pick);
    const count = story.events.length;
    const at = Math.min(this.position ?? count, count);
    const beforeEventId = story.events[at]?.id ?? null;
    const event = must(
      r.d.call('events:create', {
        storyId: story.id,
        title: this.title,
        description: this.description,
        ...(this.position === null ? {} : { beforeEventId }),
      }),
    );
    note(m, story.id);
    story.events.splice(at, 0, {
      id: event.id,
      title: this.title.trim(),
      description: this.description,
      beats: [],
    });
  }
  toString = () => `createEvent(${this.pick}, at ${this.position})`;
}

class UpdateEvent implements Cmd {
  constructor(
    readonly pick: number,
    readonly title: string,
    readonly description: string | null,
  ) {}
  check = (m: Readonly<Model>) => allEvents(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { s, e } = nth(allEvents(m), this.pick);
    const changes = this.description === null ? {} : { description: this.description };
    must(r.d.call('events:update', { eventId: e.id, title: this.title, ...changes }));
    note(m, s.id, `event:${e.id}:${this.description === null ? 't' : 'td'}`);
    e.title = this.title.trim();
    if (this.description !== null) e.description = this.description;
  }
  toString = () => `updateEvent(${this.pick})`;
}

class MoveEvent implements Cmd {
  constructor(
    readonly pick: number,
    readonly position: number,
  ) {}
  check = (m: Readonly<Model>) => allEvents(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { s, e } = nth(allEvents(m), this.pick);
    if (s.events.length > 1 && this.position === 0 && s.events[0] !== e) {
      // Before an event of another story: refused, nothing changes.
      const other = m.stories.find((x) => x !== s && x.events.length > 0)?.events[0];
      if (other) {
        expectRefused(
          r,
          () => r.d.call('events:move', { eventId: e.id, beforeEventId: other.id }),
          'conflict',
        );
        return;
      }
    }
    const others = s.events.filter((x) => x !== e);
    const at = Math.min(this.position, others.length);
    const moved = must(
      r.d.call('events:move', { eventId: e.id, beforeEventId: others[at]?.id ?? null }),
    );
    note(m, s.id);
    others.splice(at, 0, e);
    s.events.splice(0, s.events.length, ...others);
    expect(moved.id).toBe(e.id);
    const order = must(r.d.call('events:list', { storyId: s.id }));
    expect(order.map((x) => x.id)).toEqual(s.events.map((x) => x.id));
  }
  toString = () => `moveEvent(${this.pick} -> ${this.position})`;
}

class DeleteEvent implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => allEvents(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { s, e } = nth(allEvents(m), this.pick);
    must(r.d.call('events:delete', { eventId: e.id }));
    note(m, s.id);
    s.events.splice(s.events.indexOf(e), 1);
    m.gone.push(e.id, ...e.beats.map((b) => b.id));
  }
  toString = () => `deleteEvent(${this.pick})`;
}

class CreateMoment implements Cmd {
  constructor(
    readonly pick: number,
    readonly description: string,
    readonly offset: number | null,
    readonly position: number | null,
  ) {}
  check = (m: Readonly<Model>) => allEvents(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { e } = nth(allEvents(m), this.pick);
    const at = Math.min(this.position ?? e.beats.length, e.beats.length);
    const input = {
      eventId: e.id,
      description: this.description,
      timestampOffset: this.offset,
      ...(this.position === null ? {} : { beforeMomentId: e.beats[at]?.id ?? null }),
    };
    const beat = must(r.d.call('moments:create', input));
    note(m, storyOfEvent(m, e).id);
    e.beats.splice(at, 0, { id: beat.id, description: this.description, offset: this.offset });
  }
  toString = () => `createMoment(${this.pick}, at ${this.position})`;
}

class UpdateMoment implements Cmd {
  constructor(
    readonly pick: number,
    readonly description: string | null,
    readonly offset: number | null | undefined,
  ) {}
  check = (m: Readonly<Model>) => allBeats(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { e, b } = nth(allBeats(m), this.pick);
    const input = {
      momentId: b.id,
      ...(this.description === null ? {} : { description: this.description }),
      ...(this.offset === undefined ? {} : { timestampOffset: this.offset }),
    };
    if (Object.keys(input).length === 1) {
      expectRefused(r, () => r.d.call('moments:update', input), 'invalid_input');
      return;
    }
    must(r.d.call('moments:update', input));
    const fields = `${this.description === null ? '' : 'd'}${this.offset === undefined ? '' : 'o'}`;
    note(m, storyOfEvent(m, e).id, `beat:${b.id}:${fields}`);
    if (this.description !== null) b.description = this.description;
    if (this.offset !== undefined) b.offset = this.offset;
  }
  toString = () => `updateMoment(${this.pick})`;
}

class MoveMoment implements Cmd {
  constructor(
    readonly pick: number,
    readonly toEvent: number,
    readonly position: number,
  ) {}
  check = (m: Readonly<Model>) => allBeats(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { s, e, b } = nth(allBeats(m), this.pick);
    const target = nth(allEvents(m), this.toEvent);
    const others = target.e.beats.filter((x) => x !== b);
    const at = Math.min(this.position, others.length);
    const input = {
      momentId: b.id,
      toEventId: target.e.id,
      beforeMomentId: others[at]?.id ?? null,
    };
    if (target.s !== s) {
      expectRefused(r, () => r.d.call('moments:move', input), 'conflict');
      return;
    }
    const moved = must(r.d.call('moments:move', input));
    note(m, s.id);
    e.beats.splice(e.beats.indexOf(b), 1);
    target.e.beats.splice(at, 0, b);
    expect(moved.eventId).toBe(target.e.id);
  }
  toString = () => `moveMoment(${this.pick} -> event ${this.toEvent} at ${this.position})`;
}

class MoveMomentBefore implements Cmd {
  constructor(
    readonly pick: number,
    readonly before: number,
  ) {}
  check = (m: Readonly<Model>) => allBeats(m as Model).length > 1;
  run(m: Model, r: Real) {
    const beats = allBeats(m);
    const { s, e, b } = nth(beats, this.pick);
    const other = nth(beats, this.before);
    const input = { momentId: b.id, toEventId: other.e.id, beforeMomentId: other.b.id };
    if (other.b === b || other.s !== s) {
      expectRefused(r, () => r.d.call('moments:move', input), 'conflict');
      return;
    }
    const moved = must(r.d.call('moments:move', input));
    note(m, s.id);
    e.beats.splice(e.beats.indexOf(b), 1);
    other.e.beats.splice(other.e.beats.indexOf(other.b), 0, b);
    expect(moved.eventId).toBe(other.e.id);
  }
  toString = () => `moveMomentBefore(${this.pick} before ${this.before})`;
}

class DeleteMoment implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => allBeats(m as Model).length > 0;
  run(m: Model, r: Real) {
    const { s, e, b } = nth(allBeats(m), this.pick);
    must(r.d.call('moments:delete', { momentId: b.id }));
    note(m, s.id);
    e.beats.splice(e.beats.indexOf(b), 1);
    m.gone.push(b.id);
  }
  toString = () => `deleteMoment(${this.pick})`;
}

const goneNow = (m: Model) => {
  const present = presentIds(m);
  return m.gone.filter((id) => !present.has(id));
};

class TouchDeleted implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => goneNow(m as Model).length > 0;
  run(m: Model, r: Real) {
    const id = nth(goneNow(m), this.pick);
    for (const [channel, input] of [
      ['stories:get', { storyId: id }],
      ['events:get', { eventId: id }],
      ['moments:get', { momentId: id }],
      ['moments:delete', { momentId: id }],
      ['events:move', { eventId: id, beforeEventId: null }],
    ] as const) {
      expectRefused(r, () => r.d.invoke(channel, input), 'not_found');
    }
  }
  toString = () => `touchDeleted(${this.pick})`;
}

const countRows = (s: MStory) => s.events.reduce((n, e) => n + 1 + e.beats.length, 0);

/**
 * history:undo / history:redo in a story (or the library). The model applies its own step:
 * a story step puts the story's events back as they were; a library step undoes or redoes a
 * create, rename or delete. Where the real library must refuse (the story is gone, a created
 * story has events now, a story to delete again holds other rows), the model expects a
 * conflict that changes nothing.
 */
class Replay implements Cmd {
  constructor(
    readonly verb: 'undo' | 'redo',
    readonly pick: number,
    readonly library: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    const scope = this.library || m.storyIds.length === 0 ? '' : nth(m.storyIds, this.pick);
    const storyId = scope === '' ? null : scope;
    const stacks = (m.history[scope] ??= { done: [], undone: [] });
    const undo = this.verb === 'undo';
    const step = undo ? stacks.done.at(-1) : stacks.undone[0];
    const channel = undo ? 'history:undo' : 'history:redo';
    const kept = stacks.done.length + stacks.undone.length > 0;
    if (storyId !== null && !kept && !m.stories.some((s) => s.id === storyId)) {
      // A story that is gone and has no history kept: as on every story channel (h69).
      expectRefused(r, () => r.d.call(channel, { storyId }), 'not_found');
      return;
    }
    if (!step) {
      const before = r.dump();
      expect(must(r.d.call(channel, { storyId }))).toMatchObject({ label: null, storyIds: [] });
      expect(r.dump()).toBe(before);
      return;
    }
    const present = presentIds(m);
    if (!applyStep(m, scope, step, undo)) {
      expectRefused(r, () => r.d.call(channel, { storyId }), 'conflict');
      return;
    }
    expect(must(r.d.call(channel, { storyId })).label).not.toBeNull();
    step.key = null; // a step undone or redone never merges again
    if (undo) stacks.undone.unshift(stacks.done.pop()!);
    else stacks.done.push(stacks.undone.shift()!);
    const now = presentIds(m);
    m.gone.push(...[...present].filter((id) => !now.has(id)));
  }
  toString = () => `${this.verb}(${this.library ? 'library' : `story ${this.pick}`})`;
}

/** Applies a step to the model; false when the real library must refuse it (a conflict). */
function applyStep(m: Model, scope: string, step: Step, undo: boolean): boolean {
  const target = undo ? step.before : step.after;
  const storyId = scope !== '' ? scope : ((step.before ?? step.after) as MStory).id;
  const story = m.stories.find((s) => s.id === storyId);
  switch (step.kind) {
    case 'story':
      if (!story) return false;
      story.events = clone(target as MEvent[]);
      return true;
    case 'rename':
      if (!story) return false;
      story.title = (target as MStory).title;
      return true;
    case 'create':
      if (undo) {
        if (!story || story.events.length > 0) return false;
        m.stories.splice(m.stories.indexOf(story), 1);
      } else {
        if (story) return false;
        m.stories.push({ ...clone(step.after as MStory), events: [] });
      }
      return true;
    case 'delete':
      if (undo) {
        if (story) return false;
        m.stories.push(clone(step.before as MStory));
      } else {
        if (!story || countRows(story) !== countRows(step.before as MStory)) return false;
        // The library keeps what a replay actually removed: edits made to the story since the
        // undo come back with the next undo.
        step.before = clone(story);
        m.stories.splice(m.stories.indexOf(story), 1);
      }
      return true;
  }
}

const createEvent = fc
  .tuple(fc.nat(), fc.oneof(title, fc.constant('')), text, fc.option(fc.nat(6)))
  .map(([p, t, d, at]) => new CreateEvent(p, t, d, at));
const createMoment = fc
  .tuple(fc.nat(), text, offset, fc.option(fc.nat(8)))
  .map(([p, d, o, at]) => new CreateMoment(p, d, o, at));

// Creators appear more than once so stories fill up with events and beats to work on.
const commands = [
  title.map((t) => new CreateStory(t)),
  createEvent,
  createEvent,
  createMoment,
  createMoment,
  createMoment,
  fc.tuple(fc.nat(), title).map(([p, t]) => new RenameStory(p, t)),
  fc.nat().map((p) => new DeleteStory(p)),
  fc
    .tuple(fc.nat(), fc.oneof(title, fc.constant('')), text, fc.option(fc.nat(6)))
    .map(([p, t, d, at]) => new CreateEvent(p, t, d, at)),
  fc.tuple(fc.nat(), title, fc.option(text)).map(([p, t, d]) => new UpdateEvent(p, t, d)),
  fc.tuple(fc.nat(), fc.nat(6)).map(([p, at]) => new MoveEvent(p, at)),
  fc.nat().map((p) => new DeleteEvent(p)),
  fc
    .tuple(fc.nat(), fc.option(text), fc.option(offset, { nil: undefined }))
    .map(([p, d, o]) => new UpdateMoment(p, d, o)),
  fc.tuple(fc.nat(), fc.nat(), fc.nat(8)).map(([p, to, at]) => new MoveMoment(p, to, at)),
  fc.tuple(fc.nat(), fc.nat(), fc.nat(8)).map(([p, to, at]) => new MoveMoment(p, to, at)),
  fc.tuple(fc.nat(), fc.nat()).map(([p, before]) => new MoveMomentBefore(p, before)),
  fc.nat().map((p) => new DeleteMoment(p)),
  fc.nat().map((p) => new TouchDeleted(p)),
  fc.tuple(fc.nat(), fc.boolean()).map(([p, lib]) => new Replay('undo', p, lib)),
  fc.tuple(fc.nat(), fc.boolean()).map(([p, lib]) => new Replay('undo', p, lib)),
  fc.tuple(fc.nat(), fc.boolean()).map(([p, lib]) => new Replay('redo', p, lib)),
];

/** The whole library, read through the channels, must be exactly the model. */
function expectSameAsModel(m: Model, r: Real): void {
  const listed = must(r.d.call('stories:list', {}));
  const byId = [...m.stories].sort((a, b) => a.id.localeCompare(b.id));
  expect(
    listed
      .map((s) => ({ id: s.id, title: s.title, events: s.eventCount, beats: s.beatCount }))
      .sort((a, b) => a.id.localeCompare(b.id)),
  ).toEqual(
    byId.map((s) => ({
      id: s.id,
      title: s.title,
      events: s.events.length,
      beats: s.events.reduce((n, e) => n + e.beats.length, 0),
    })),
  );
  for (const story of m.stories) {
    const timeline = must(r.d.call('stories:load', { storyId: story.id }));
    expect(
      timeline.events.map((e, i) => ({
        id: e.id,
        title: e.title,
        description: e.description,
        ordered: i === 0 || timeline.events[i - 1]!.orderKey < e.orderKey,
        beats: e.moments.map((b, j) => ({
          id: b.id,
          description: b.description,
          offset: b.timestampOffset,
          ordered: (j === 0 || e.moments[j - 1]!.orderKey < b.orderKey) && b.eventId === e.id,
        })),
      })),
    ).toEqual(
      story.events.map((e) => ({
        id: e.id,
        title: e.title,
        description: e.description,
        ordered: true,
        beats: e.beats.map((b) => ({
          id: b.id,
          description: b.description,
          offset: b.offset,
          ordered: true,
        })),
      })),
    );
  }
}

/** Two stories to start from, so most commands have something to act on; the model mirrors them. */
function seededModel(d: Dispatcher): Model {
  const stories: MStory[] = [];
  const shapes: Array<[string, Record<string, string[]>]> = [
    ['First', { A: ['a1', 'a2', 'a3'], B: ['b1'], C: [] }],
    ['Second', { X: ['x1', 'x2'], Y: ['y1'] }],
  ];
  for (const [storyTitle, shape] of shapes) {
    const { story, events } = seedStory(d, shape, storyTitle);
    stories.push({
      id: story.id,
      title: storyTitle,
      events: events.map(({ event, moments }) => ({
        id: event.id,
        title: event.title,
        description: '',
        beats: moments.map((b) => ({ id: b.id, description: b.description, offset: null })),
      })),
    });
  }
  // The seed went through the channels too: its steps are history (one per call).
  const history: Record<string, Stacks> = { '': { done: [], undone: [] } };
  for (const story of stories) {
    history['']!.done.push({
      kind: 'create',
      key: null,
      before: null,
      after: { ...clone(story), events: [] },
    });
    const done: Step[] = [];
    const events: MEvent[] = [];
    for (const e of story.events) {
      const before = clone(events);
      events.push({ ...clone(e), beats: [] });
      done.push({ kind: 'story', key: null, before, after: clone(events) });
      for (const b of e.beats) {
        const prev = clone(events);
        events.at(-1)!.beats.push(clone(b));
        done.push({ kind: 'story', key: null, before: prev, after: clone(events) });
      }
    }
    history[story.id] = { done, undone: [] };
  }
  return { stories, gone: [], history, storyIds: stories.map((s) => s.id) };
}

/** Records the step a command noted, as the real library does (typing merges included). */
function recordStep(m: Model, before: MStory[]): void {
  const p = m.pending;
  if (!p) return;
  m.pending = undefined;
  const stacks = (m.history[p.scope] ??= { done: [], undone: [] });
  stacks.undone = [];
  const old = before.find((s) => s.id === p.storyId) ?? null;
  const now = m.stories.find((s) => s.id === p.storyId) ?? null;
  const step: Step =
    p.kind === 'story'
      ? { kind: 'story', key: p.key, before: clone(old!.events), after: clone(now!.events) }
      : { kind: p.kind, key: p.key, before: clone(old), after: clone(now) };
  const top = stacks.done.at(-1);
  if (p.key !== null && top?.key === p.key) top.after = step.after;
  else stacks.done.push(step);
}

/** Wraps each command so the whole library is compared with the model after it runs. */
class Checked implements Cmd {
  constructor(readonly inner: Cmd) {}
  check = (m: Readonly<Model>) => this.inner.check(m);
  run(m: Model, r: Real) {
    const before = clone(m.stories);
    m.pending = undefined;
    this.inner.run(m, r);
    recordStep(m, before);
    expectSameAsModel(m, r);
  }
  toString = () => this.inner.toString();
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('every story, event and moment operation against a plain model (fc.commands)', () => {
  it('keeps the real library equal to the model after every command', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(
          commands.map((arb) => arb.map((c) => new Checked(c) as Cmd)),
          { maxCommands: 50, size: 'max' },
        ),
        async (cmds) => {
          const lib = await tempLibrary();
          try {
            fc.modelRun(
              () => ({
                model: seededModel(lib.dispatcher),
                real: { d: lib.dispatcher, dump: () => dumpDatabase(lib.db) },
              }),
              cmds,
            );
            expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
            expect(lib.db.pragma('foreign_key_check')).toEqual([]);
          } finally {
            lib.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
