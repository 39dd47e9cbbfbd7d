// The drag warning's pure function (renderer/src/lib/logicPreview.ts), checked against the
// library's own story check (electron/core/logic/check.ts) as the oracle: for every possible
// drop of every beat and event in both orders, the problems the renderer predicts are exactly
// those the whole-story check finds after the move and not before.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  BeatLink,
  LinkKind,
  LinkStrength,
  StoryTime,
  TimeMode,
} from '../../electron/core/contract/types';
import { checkStory, type StoryLogicModel } from '../../electron/core/logic/check';
import {
  chronoIndexOf,
  chronoOrder,
  linkProblems,
  problemsCreatedBy,
  type LogicSnapshot,
  type PendingMove,
} from '../../renderer/src/lib/logicPreview';
import {
  arrayMove,
  moveEventIn,
  moveMomentIn,
  type TimelineModel,
} from '../../renderer/src/store/timelineModel';

const NOW = '2026-01-01T00:00:00.000Z';

/** A story: events with beat texts (ids are the texts), in reading order. */
function story(events: Record<string, string[]>): TimelineModel {
  const model: TimelineModel = {
    story: { id: 's', title: 'S', createdAt: NOW, updatedAt: NOW },
    eventOrder: Object.keys(events),
    events: {},
    momentIds: {},
    moments: {},
  };
  Object.entries(events).forEach(([eventId, beats], position) => {
    model.events[eventId] = {
      id: eventId,
      storyId: 's',
      title: eventId,
      description: '',
      orderKey: position,
      createdAt: NOW,
      updatedAt: NOW,
    };
    model.momentIds[eventId] = beats;
    beats.forEach((id, i) => {
      model.moments[id] = {
        id,
        eventId,
        orderKey: i,
        description: id,
        timestampOffset: null,
        createdAt: NOW,
        updatedAt: NOW,
      };
    });
  });
  return model;
}

function link(
  from: string,
  to: string,
  kind: LinkKind,
  strength: LinkStrength = 'hard',
  intentional = false,
): BeatLink {
  return {
    id: `${from}>${to}:${kind}`,
    storyId: 's',
    fromMomentId: from,
    toMomentId: to,
    kind,
    strength,
    note: '',
    intentional,
    createdAt: NOW,
    updatedAt: NOW,
  };
}

/** Story time: `chrono` lists the events in story time; modes default to linear. */
function snapshot(
  links: BeatLink[],
  chrono: string[],
  modes: Record<string, TimeMode> = {},
): LogicSnapshot {
  const times: Record<string, StoryTime> = {};
  chrono.forEach((eventId, chronoKey) => {
    times[eventId] = {
      eventId,
      storyId: 's',
      chronoKey,
      label: '',
      mode: modes[eventId] ?? 'linear',
    };
  });
  return { links, times, places: {} };
}

/** The library's check of the same story (the oracle), as problem ids. */
function oracle(model: TimelineModel, logic: LogicSnapshot): string[] {
  return checkOf(model, logic)
    .filter((p) => !p.intentional)
    .map((p) => p.id)
    .sort();
}

/** Every problem the library's check finds in the story, marked ones included. */
function checkOf(model: TimelineModel, logic: LogicSnapshot) {
  const chrono = chronoOrder(model, logic.times);
  const input: StoryLogicModel = {
    events: model.eventOrder.map((id, position) => ({
      id,
      title: id,
      position,
      chronoPosition: chrono.indexOf(id),
      mode: logic.times[id]?.mode ?? 'linear',
    })),
    beats: model.eventOrder.flatMap((eventId) =>
      (model.momentIds[eventId] ?? []).map((id, position) => ({
        id: id!,
        eventId,
        position,
        offset: model.moments[id!]!.timestampOffset,
        description: id!,
      })),
    ),
    links: [...logic.links],
  };
  return checkStory(input);
}

/**
 * What the oracle says a move creates: problems after it that were not there before, marked
 * intentional or not (the library lifts the mark then: incremental.ts, liftMarks).
 */
function oracleCreated(model: TimelineModel, logic: LogicSnapshot, move: PendingMove): string[] {
  const was = checkOf(model, logic);
  const before = new Set(was.map((p) => p.id));
  let after = model;
  let afterLogic = logic;
  if (move.kind === 'moment') after = moveMomentIn(model, move.id, move.eventId, move.index);
  if (move.kind === 'event') after = moveEventIn(model, move.id, move.index);
  if (move.kind === 'chrono') {
    const order = arrayMove(chronoOrder(model, logic.times), move.id, move.index);
    afterLogic = snapshot([...logic.links], order, modesOf(logic));
  }
  return checkOf(after, afterLogic)
    .filter((p) => !before.has(p.id))
    .map((p) => p.id)
    .sort();
}

function modesOf(logic: LogicSnapshot): Record<string, TimeMode> {
  return Object.fromEntries(Object.values(logic.times).map((t) => [t.eventId, t.mode]));
}

const ids = (problems: { id: string }[]) => problems.map((p) => p.id).sort();

const MODEL = story({
  arrival: ['bolted', 'ladder', 'sea'],
  tower: ['supper', 'footprints'],
  watch: ['lamp', 'answer'],
});
const LINKS = [
  link('bolted', 'lamp', 'causes'),
  link('ladder', 'sea', 'precedes', 'soft'),
  link('footprints', 'answer', 'sets_up'),
  link('supper', 'bolted', 'causes', 'hard', true),
  link('answer', 'supper', 'sets_up', 'soft'),
];

describe('the drag warning (logicPreview)', () => {
  it('finds, with nothing moved, the problems the library finds', () => {
    const logic = snapshot(LINKS, ['arrival', 'tower', 'watch']);
    expect(ids(linkProblems(MODEL, logic, null).filter((p) => !p.intentional))).toEqual(
      oracle(MODEL, logic),
    );
  });

  it('says a cause dropped after its effect breaks the link, before the drop', () => {
    const logic = snapshot(LINKS, ['arrival', 'tower', 'watch']);
    const created = problemsCreatedBy(MODEL, logic, {
      kind: 'moment',
      id: 'bolted',
      eventId: 'watch',
      index: 1,
    });
    expect(created.map((p) => p.code)).toEqual(['effect_before_cause']);
    expect(created[0]!.severity).toBe('error');
    expect(created[0]!.message).toBe(
      "'bolted' (watch, beat 2) causes 'lamp' (watch, beat 1), but now happens after it.",
    );
    // Just before the effect, in the same event: nothing breaks.
    expect(
      problemsCreatedBy(MODEL, logic, { kind: 'moment', id: 'bolted', eventId: 'watch', index: 0 }),
    ).toEqual([]);
  });

  it('does not warn about a flashback: reading order moves never break story-time links', () => {
    // "watch" happens first in story time; moving it in reading order breaks only sets_up links.
    const logic = snapshot([link('lamp', 'bolted', 'causes')], ['watch', 'arrival', 'tower']);
    expect(problemsCreatedBy(MODEL, logic, { kind: 'event', id: 'watch', index: 0 })).toEqual([]);
    expect(
      problemsCreatedBy(MODEL, logic, { kind: 'chrono', id: 'watch', index: 2 }).map((p) => p.code),
    ).toEqual(['effect_before_cause']);
  });

  it('leaves a marked problem a move keeps silent, and says one a move gives a marked link', () => {
    // The break-in causes the bolted door, which is read and happens first: broken, marked.
    const kept = snapshot(
      [link('lamp', 'bolted', 'causes', 'hard', true)],
      ['arrival', 'tower', 'watch'],
    );
    expect(
      problemsCreatedBy(MODEL, kept, { kind: 'moment', id: 'bolted', eventId: 'tower', index: 0 }),
    ).toEqual([]);
    // A marked link with no problem now: the mark covers none a move gives it (h71), and the
    // library lifts it, so the warning counts it.
    const mended = snapshot(
      [link('bolted', 'lamp', 'causes', 'hard', true)],
      ['arrival', 'tower', 'watch'],
    );
    const move: PendingMove = { kind: 'moment', id: 'bolted', eventId: 'watch', index: 2 };
    expect(problemsCreatedBy(MODEL, mended, move).map((p) => [p.code, p.intentional])).toEqual([
      ['effect_before_cause', false],
    ]);
  });

  it('uses the places of linked beats the timeline has not loaded, and skips unknown ones', () => {
    const partial: TimelineModel = {
      ...MODEL,
      momentIds: { ...MODEL.momentIds, watch: [null, 'answer'] },
      moments: Object.fromEntries(Object.entries(MODEL.moments).filter(([id]) => id !== 'lamp')),
    };
    const logic = snapshot([link('bolted', 'lamp', 'causes')], ['arrival', 'tower', 'watch']);
    const move: PendingMove = { kind: 'moment', id: 'bolted', eventId: 'watch', index: 2 };
    expect(problemsCreatedBy(partial, logic, move)).toEqual([]);
    const known: LogicSnapshot = {
      ...logic,
      places: { lamp: { eventId: 'watch', index: 0, description: 'lamp', offset: null } },
    };
    expect(problemsCreatedBy(partial, known, move).map((p) => p.code)).toEqual([
      'effect_before_cause',
    ]);
  });

  it('agrees with the library on every drop of every beat and event, in both orders', () => {
    const chronos = [
      ['arrival', 'tower', 'watch'],
      ['tower', 'watch', 'arrival'],
    ];
    const modes: Record<string, TimeMode> = { tower: 'dream' };
    let compared = 0;
    for (const chrono of chronos) {
      const logic = snapshot(LINKS, chrono, modes);
      const moves: PendingMove[] = [];
      for (const id of Object.keys(MODEL.moments)) {
        for (const eventId of MODEL.eventOrder) {
          const room = MODEL.momentIds[eventId]!.filter((m) => m !== id).length;
          for (let index = 0; index <= room; index += 1) {
            moves.push({ kind: 'moment', id, eventId, index });
          }
        }
      }
      for (const id of MODEL.eventOrder) {
        for (let index = 0; index < MODEL.eventOrder.length; index += 1) {
          moves.push({ kind: 'event', id, index }, { kind: 'chrono', id, index });
        }
      }
      for (const move of moves) {
        expect(ids(problemsCreatedBy(MODEL, logic, move)), JSON.stringify(move)).toEqual(
          oracleCreated(MODEL, logic, move),
        );
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('counts each event’s place in story time as the sorted chronology does, ties and gaps included', () => {
    const events = ['a', 'b', 'c', 'd', 'e'];
    const model = story(Object.fromEntries(events.map((e) => [e, []])));
    // Keys with ties (read in reading order) and events without a time (last).
    for (const keys of [
      [3, 1, 3, 0, 2],
      [5, 5, 5, 5, 5],
      [2, null, 0, null, 1],
      [4, 3, 2, 1, 0],
    ]) {
      const times: Record<string, StoryTime> = {};
      keys.forEach((key, i) => {
        const eventId = events[i]!;
        if (key !== null)
          times[eventId] = { eventId, storyId: 's', chronoKey: key, label: '', mode: 'linear' };
      });
      const logic = { ...snapshot([], []), times };
      const sorted = chronoOrder(model, logic.times);
      for (const id of events)
        expect(chronoIndexOf(model, logic.times, id), `${id} in ${keys}`).toBe(sorted.indexOf(id));
    }
    expect(chronoIndexOf(model, {}, 'nowhere')).toBe(-1);
  });

  it('shares only pure code with the renderer: the check imports no Node module', () => {
    for (const file of ['check.ts', 'words.ts', 'setup-loops.ts', '../names.ts']) {
      const source = readFileSync(
        resolve(import.meta.dirname, '../../electron/core/logic', file),
        'utf8',
      );
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const name of imports) {
        expect(name).toMatch(/^(\.\/words|\.\/setup-loops|\.\.\/contract\/types|\.\.\/names)$/);
      }
    }
  });
});
