// The keyboard drag's pure state machine (renderer/src/drag/keyboard.ts): every key, every
// edge, on the model (beats not loaded, columns never rendered), with the exact words the
// live region says. The e2e specs (drag, large-story, logic) drive the same steps in a browser.
import { describe, expect, it } from 'vitest';
import type { BeatLink } from '../../electron/core/contract/types';
import { step, type DragModel, type Resting } from '../../renderer/src/drag/keyboard';
import type { LogicSnapshot } from '../../renderer/src/lib/logicPreview';
import {
  moveEventIn,
  moveMomentIn,
  type Slot,
  type TimelineModel,
} from '../../renderer/src/store/timelineModel';
import type { DragState } from '../../renderer/src/store/types';

const NOW = '2026-01-01T00:00:00.000Z';

/**
 * A story of events `[title, slots]`; a slot is a beat id (loaded) or null (not loaded yet).
 * Event ids are e1, e2, ...
 */
function story(...events: Array<[string, Slot[]]>): TimelineModel {
  const model: TimelineModel = {
    story: { id: 's', title: 'S', createdAt: NOW, updatedAt: NOW },
    eventOrder: [],
    events: {},
    momentIds: {},
    moments: {},
  };
  events.forEach(([title, slots], position) => {
    const eventId = `e${position + 1}`;
    model.eventOrder.push(eventId);
    model.events[eventId] = {
      id: eventId,
      storyId: 's',
      title,
      description: '',
      orderKey: position,
      createdAt: NOW,
      updatedAt: NOW,
    };
    model.momentIds[eventId] = slots;
    slots.forEach((id, i) => {
      if (id === null) return;
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
  return deepFreeze(model);
}

/** Freezes an object graph, so a step that writes into its input throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const desert = () =>
  story(['The road', ['a1', 'a2', 'a3']], ['The pass', ['b1', 'b2']], ['  ', []]);

const on = (timeline: TimelineModel, logic: LogicSnapshot | null = null): DragModel => ({
  timeline,
  logic,
});
const resting = (kind: 'moment' | 'event', id: string): Resting => ({ kind, id, mode: 'resting' });

/** Picks `id` up with Space and presses `keys`; the drag and what was said after each. */
function run(model: DragModel, kind: 'moment' | 'event', id: string, keys: string[]) {
  let result = step(resting(kind, id), ' ', model);
  const said = [result.announcement];
  for (const key of keys) {
    if (!result.drag) throw new Error(`no drag before ${key}`);
    result = step(result.drag, key, model);
    said.push(result.announcement);
  }
  return { result, said };
}

describe('keyboard drag: picking up', () => {
  it('Space on a beat picks it up where it is and says how to move it', () => {
    const result = step(resting('moment', 'a2'), ' ', on(desert()));
    const at = { eventId: 'e1', index: 1 };
    expect(result).toEqual({
      drag: { kind: 'moment', id: 'a2', mode: 'keyboard', origin: at, target: at },
      announcement:
        'Picked up beat at position 2 of 3 in event 1, The road. ' +
        'Up and down arrows move it within the event, left and right to other events. ' +
        'Space drops it, Escape cancels.',
      handled: true,
    });
  });

  it('Enter on a beat is not a pick-up (it edits the beat)', () => {
    expect(step(resting('moment', 'a1'), 'Enter', on(desert()))).toEqual({
      drag: null,
      announcement: null,
      handled: false,
    });
  });

  it('Space or Enter on an event handle picks the event up', () => {
    for (const key of [' ', 'Enter']) {
      const result = step(resting('event', 'e2'), key, on(desert()));
      expect(result.drag).toEqual({
        kind: 'event',
        id: 'e2',
        mode: 'keyboard',
        origin: { index: 1 },
        target: { index: 1 },
      });
      expect(result.announcement).toBe(
        'Picked up event at position 2 of 3. Left and right arrows move it. ' +
          'Space drops it, Escape cancels.',
      );
    }
  });

  it('a beat or an event the model does not hold is not picked up, and nothing is said', () => {
    for (const item of [resting('moment', 'gone'), resting('event', 'gone')]) {
      const result = step(item, ' ', on(desert()));
      expect(result.drag).toBeNull();
      expect(result.announcement).toBeNull();
    }
  });

  it('any other key on a resting item is left to the page', () => {
    for (const key of ['ArrowDown', 'Escape', 'a', 'Tab']) {
      expect(step(resting('moment', 'a1'), key, on(desert())).handled).toBe(false);
      expect(step(resting('event', 'e1'), key, on(desert())).handled).toBe(false);
    }
  });
});

describe('keyboard drag: a beat moves on the model', () => {
  it('Down and Up move it within its event and say the new place', () => {
    const { result, said } = run(on(desert()), 'moment', 'a1', [
      'ArrowDown',
      'ArrowDown',
      'ArrowUp',
    ]);
    expect(said.slice(1)).toEqual([
      'Beat moved to position 2 of 3 in event 1, The road.',
      'Beat moved to position 3 of 3 in event 1, The road.',
      'Beat moved to position 2 of 3 in event 1, The road.',
    ]);
    expect(result.drag).toMatchObject({ origin: { eventId: 'e1', index: 0 } });
    expect(result.drag).toMatchObject({ target: { eventId: 'e1', index: 1 } });
  });

  it('Up at the first place and Down at the last keep the drag and say so', () => {
    const model = on(desert());
    const first = step(resting('moment', 'a1'), ' ', model).drag!;
    const up = step(first, 'ArrowUp', model);
    expect(up.drag).toBe(first);
    expect(up.announcement).toBe('The beat is already first in event 1, The road.');
    expect(up.handled).toBe(true);

    const last = step(resting('moment', 'a3'), ' ', model).drag!;
    const down = step(last, 'ArrowDown', model);
    expect(down.drag).toBe(last);
    expect(down.announcement).toBe('The beat is already last in event 1, The road.');
  });

  it('Right and Left cross events, keeping its place where the other event has one', () => {
    const { result, said } = run(on(desert()), 'moment', 'a3', ['ArrowRight']);
    // Event 2 holds 2 beats: the third place is its last (the beat would be the third).
    expect(said[1]).toBe('Beat moved to position 3 of 3 in event 2, The pass.');
    expect(result.drag).toMatchObject({ target: { eventId: 'e2', index: 2 } });

    const back = run(on(desert()), 'moment', 'a2', ['ArrowRight', 'ArrowLeft']);
    expect(back.said[2]).toBe('Beat moved to position 2 of 3 in event 1, The road.');
  });

  it('into an empty event it is the only beat; an untitled event is named so', () => {
    const { result, said } = run(on(desert()), 'moment', 'b2', ['ArrowRight']);
    expect(said[1]).toBe('Beat moved to position 1 of 1 in event 3, Untitled event.');
    expect(result.drag).toMatchObject({ target: { eventId: 'e3', index: 0 } });
  });

  it('no event further left or right: the drag stays and that is said', () => {
    const model = on(desert());
    const left = run(model, 'moment', 'a1', ['ArrowLeft']);
    expect(left.said[1]).toBe('There is no event further left.');
    expect(left.result.drag).toMatchObject({ target: { eventId: 'e1', index: 0 } });
    const right = run(model, 'moment', 'a1', ['ArrowRight', 'ArrowRight', 'ArrowRight']);
    expect(right.said[3]).toBe('There is no event further right.');
    expect(right.result.drag).toMatchObject({ target: { eventId: 'e3', index: 0 } });
  });

  it('travels through events whose beats are not loaded (columns never rendered)', () => {
    // A large story as it opens: only the first event's first window is loaded.
    const unloaded = (n: number): Slot[] => new Array<Slot>(n).fill(null);
    const events: Array<[string, Slot[]]> = [['Scene 1', ['x1', 'x2', ...unloaded(298)]]];
    for (let i = 2; i <= 20; i += 1) events.push([`Scene ${i}`, unloaded(300)]);
    const model = on(story(...events));
    const keys = [...new Array<string>(15).fill('ArrowRight'), 'ArrowDown'];
    const { result, said } = run(model, 'moment', 'x2', keys);
    expect(said[15]).toBe('Beat moved to position 2 of 301 in event 16, Scene 16.');
    expect(said[16]).toBe('Beat moved to position 3 of 301 in event 16, Scene 16.');
    expect(result.drag).toMatchObject({ target: { eventId: 'e16', index: 2 } });
    // Down to the last of 300 unloaded places, and no further.
    let drag = result.drag!;
    for (let i = 0; i < 298; i += 1) drag = step(drag, 'ArrowDown', model).drag!;
    expect(drag).toMatchObject({ target: { eventId: 'e16', index: 300 } });
    expect(step(drag, 'ArrowDown', model).announcement).toBe(
      'The beat is already last in event 16, Scene 16.',
    );
  });

  it('its own place in its event does not count twice (unloaded places do count)', () => {
    const model = on(story(['Only', [null, 'm', null]]));
    const { said } = run(model, 'moment', 'm', ['ArrowDown', 'ArrowDown']);
    expect(said[0]).toContain('position 2 of 3 in event 1, Only');
    expect(said[1]).toBe('Beat moved to position 3 of 3 in event 1, Only.');
    expect(said[2]).toBe('The beat is already last in event 1, Only.');
  });
});

describe('keyboard drag: an event moves along the row', () => {
  it('Left and Up move it back, Right and Down forward, within the row', () => {
    const model = on(desert());
    const { result, said } = run(model, 'event', 'e1', ['ArrowRight', 'ArrowDown', 'ArrowDown']);
    expect(said.slice(1)).toEqual([
      'Event moved to position 2 of 3.',
      'Event moved to position 3 of 3.',
      'The event is already last.',
    ]);
    expect(result.drag).toMatchObject({ origin: { index: 0 }, target: { index: 2 } });
    const back = run(model, 'event', 'e2', ['ArrowLeft', 'ArrowUp']);
    expect(back.said.slice(1)).toEqual([
      'Event moved to position 1 of 3.',
      'The event is already first.',
    ]);
  });

  it('the only event is both first and last', () => {
    const model = on(story(['Alone', []]));
    expect(run(model, 'event', 'e1', ['ArrowLeft']).said[1]).toBe('The event is already first.');
    expect(run(model, 'event', 'e1', ['ArrowRight']).said[1]).toBe('The event is already last.');
  });
});

describe('keyboard drag: drop, cancel and the other keys', () => {
  it('Space drops a beat: the move to make, where it is, and the focus back on it', () => {
    const { result } = run(on(desert()), 'moment', 'a1', ['ArrowRight', 'ArrowDown', ' ']);
    expect(result).toEqual({
      drag: null,
      announcement: 'Dropped. The beat is at position 2 of 3 in event 2, The pass.',
      commit: { kind: 'moment', id: 'a1', eventId: 'e2', index: 1 },
      focus: { kind: 'beat', id: 'a1' },
      handled: true,
    });
  });

  it('Enter drops too; an event drop gives its handle the focus', () => {
    const { result } = run(on(desert()), 'event', 'e3', ['ArrowLeft', 'Enter']);
    expect(result).toEqual({
      drag: null,
      announcement: 'Dropped. The event is at position 2 of 3.',
      commit: { kind: 'event', id: 'e3', index: 1 },
      focus: { kind: 'handle', id: 'e3' },
      handled: true,
    });
  });

  it('a drop where it was picked up still commits (the move is a no-op) and says so', () => {
    const { result } = run(on(desert()), 'moment', 'b1', [' ']);
    expect(result.commit).toEqual({ kind: 'moment', id: 'b1', eventId: 'e2', index: 0 });
    expect(result.announcement).toBe(
      'Dropped. The beat is at position 1 of 2 in event 2, The pass.',
    );
  });

  it('Escape cancels: nothing to move, where it stays, the focus back on it', () => {
    const beat = run(on(desert()), 'moment', 'a2', ['ArrowRight', 'ArrowDown', 'Escape']);
    expect(beat.result).toEqual({
      drag: null,
      announcement: 'Move cancelled. The beat stays at position 2 of 3 in event 1, The road.',
      focus: { kind: 'beat', id: 'a2' },
      handled: true,
    });
    const event = run(on(desert()), 'event', 'e2', ['ArrowRight', 'Escape']);
    expect(event.result).toEqual({
      drag: null,
      announcement: 'Move cancelled. The event stays at position 2.',
      focus: { kind: 'handle', id: 'e2' },
      handled: true,
    });
  });

  it('Tab is held (the focus stays on the lifted item); other keys are left to the page', () => {
    const model = on(desert());
    const drag = step(resting('moment', 'a1'), ' ', model).drag!;
    expect(step(drag, 'Tab', model)).toEqual({ drag, announcement: null, handled: true });
    for (const key of ['a', 'Home', 'End', 'Delete', 'F2']) {
      expect(step(drag, key, model)).toEqual({ drag, announcement: null, handled: false });
    }
  });

  it('a pointer drag is not the keyboard’s: every key is left alone', () => {
    const at = { eventId: 'e1', index: 0 };
    const drag: DragState = { kind: 'moment', id: 'a1', mode: 'pointer', origin: at, target: at };
    for (const key of [' ', 'Escape', 'ArrowDown']) {
      expect(step(drag, key, on(desert()))).toEqual({ drag, announcement: null, handled: false });
    }
  });
});

describe('keyboard drag: the whole drag.spec sequence on the model', () => {
  it('down twice and drop; right, up twice and drop; then a cancelled move', () => {
    let timeline = desert();
    const drop = (id: string, keys: string[]) => {
      const { result } = run(on(timeline), 'moment', id, keys);
      const c = result.commit;
      if (c?.kind === 'moment') timeline = moveMomentIn(timeline, c.id, c.eventId, c.index);
      return result;
    };
    drop('a1', ['ArrowDown', 'ArrowDown', ' ']);
    expect(timeline.momentIds.e1).toEqual(['a2', 'a3', 'a1']);
    drop('a1', ['ArrowRight', 'ArrowUp', 'ArrowUp', ' ']);
    expect(timeline.momentIds.e1).toEqual(['a2', 'a3']);
    expect(timeline.momentIds.e2).toEqual(['a1', 'b1', 'b2']);
    const cancelled = drop('a1', ['ArrowDown', 'ArrowLeft', 'Escape']);
    expect(cancelled.commit).toBeUndefined();
    expect(timeline.momentIds.e2).toEqual(['a1', 'b1', 'b2']);

    const { result } = run(on(timeline), 'event', 'e1', ['ArrowRight', ' ']);
    const c = result.commit!;
    timeline = moveEventIn(timeline, c.id, c.index);
    expect(timeline.eventOrder).toEqual(['e2', 'e1', 'e3']);
  });
});

describe('keyboard drag: a drop that would break a link says so before the drop', () => {
  const link = (
    kind: BeatLink['kind'],
    from: string,
    to: string,
    intentional = false,
  ): BeatLink => ({
    id: `${from}>${to}`,
    storyId: 's',
    fromMomentId: from,
    toMomentId: to,
    kind,
    strength: 'hard',
    note: '',
    intentional,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const causes = (from: string, to: string, intentional = false): BeatLink =>
    link('causes', from, to, intentional);
  const logic = (links: BeatLink[]): LogicSnapshot => ({ links, times: {}, places: {} });

  it('moving a cause after its effect warns on the step that breaks it, not before', () => {
    const model = on(desert(), logic([causes('a1', 'b1')]));
    const { said } = run(model, 'moment', 'a1', ['ArrowRight', 'ArrowDown', 'ArrowUp']);
    expect(said[1]).toBe('Beat moved to position 1 of 3 in event 2, The pass.');
    expect(said[2]).toMatch(
      /^Beat moved to position 2 of 3 in event 2, The pass\. Warning: Breaks a link: .*now happens after it\.$/,
    );
    expect(said[3]).toBe('Beat moved to position 1 of 3 in event 2, The pass.');
  });

  it('an event moved past the event whose payoff it sets up warns too', () => {
    const model = on(desert(), logic([link('sets_up', 'a1', 'b1')]));
    const { said } = run(model, 'event', 'e1', ['ArrowRight']);
    expect(said[1]).toMatch(
      /^Event moved to position 2 of 3\. Warning: Breaks a link: .*the payoff is now read first\.$/,
    );
  });

  it('no warning without links; a link marked intentional but not broken warns (h71)', () => {
    for (const l of [null, logic([])]) {
      const { said } = run(on(desert(), l), 'moment', 'a1', ['ArrowRight', 'ArrowDown']);
      expect(said[2]).toBe('Beat moved to position 2 of 3 in event 2, The pass.');
    }
    // The mark covers the problems a link has; the drop would give it one (and lift the mark).
    const marked = on(desert(), logic([causes('a1', 'b1', true)]));
    const { said } = run(marked, 'moment', 'a1', ['ArrowRight', 'ArrowDown']);
    expect(said[2]).toMatch(/Warning: Breaks a link: .*now happens after it\.$/);
  });
});
