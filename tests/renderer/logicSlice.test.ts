// The logic layer's store slice (links, story time, the check) on a real library: what a write's
// check deltas and Undo/Redo (which answer no deltas) leave on screen, read again from the file.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { storeOnLibrary } from './store-on-library';
import { brokenBeats, describeCreated } from '../../renderer/src/store/logicSlice';
import type { StoryProblem } from '../../electron/core/contract/types';

let lib: Library;
let store: { getState(): Store };

/** A fresh store module on a fresh library, with `window.beatline` over its dispatcher. */
beforeEach(async () => {
  ({ lib, store } = await storeOnLibrary());
});

afterEach(() => {
  vi.unstubAllGlobals();
});

/** Waits until every queued call has been answered and the state holds `check`. */
async function until(check: (s: Store) => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check(store.getState()) || store.getState().pending > 0) throw new Error('not yet');
    },
    { timeout: 10_000, interval: 10 },
  );
}

const storedIntentional = () =>
  lib.db.prepare('SELECT intentional FROM beat_links').pluck().all() as number[];

describe('the logic slice on a real library', () => {
  it('shows a move’s check deltas, and Undo/Redo (no deltas) re-read the check', async () => {
    await store.getState().createStory('Tide');
    await until((s) => s.timelineStatus === 'ready');
    const first = (await store.getState().addEvent())!;
    const second = (await store.getState().addEvent())!;
    const cause = (await store.getState().addMoment(first))!;
    const effect = (await store.getState().addMoment(second))!;
    await until((s) => s.pending === 0);

    expect(
      await store.getState().createLink({
        fromMomentId: cause,
        toMomentId: effect,
        kind: 'causes',
        strength: 'hard',
      }),
    ).toBe(true);
    await until((s) => s.logic?.links.length === 1 && s.logic.check?.errors === 0);

    // The cause dropped after its effect: the move's Result carries the new problem.
    store.getState().moveMoment(cause, second, 1);
    await until((s) => s.logic?.check?.errors === 1);
    expect(store.getState().logic!.check!.problems[0]!.code).toBe('effect_before_cause');
    expect([...brokenBeats(store.getState()).keys()].sort()).toEqual([cause, effect].sort());

    // Mark it intentional: listed, not counted, in the file too.
    const linkId = store.getState().logic!.links[0]!.id;
    await store.getState().markIntentional(linkId, true);
    await until((s) => s.logic?.check?.problems[0]?.intentional === true);
    expect(store.getState().logic!.check!.errors).toBe(0);
    expect(brokenBeats(store.getState()).size).toBe(0);
    expect(storedIntentional()).toEqual([1]);

    // Undo the mark, then the move: each time the check on screen is the library's.
    await store.getState().undo();
    await until((s) => s.logic?.check?.errors === 1 && s.undoLabel !== null);
    expect(storedIntentional()).toEqual([0]);
    await store.getState().undo();
    await until(
      (s) => s.logic?.check?.errors === 0 && s.timeline?.moments[cause]?.eventId === first,
    );
    await store.getState().redo();
    await until((s) => s.logic?.check?.errors === 1);

    // Undo back to before the link: the badges' source is empty again.
    await store.getState().undo();
    await store.getState().undo();
    await until((s) => s.logic?.links.length === 0);
    expect(lib.db.prepare('SELECT count(*) FROM beat_links').pluck().get()).toBe(0);
  });
});

describe('what a write that made a problem says', () => {
  const problem = (code: StoryProblem['code'], message: string): StoryProblem => ({
    id: `${code}:l1`,
    code,
    severity: 'error',
    linkId: 'l1',
    momentIds: ['a', 'b'],
    message,
    intentional: false,
  });
  it('a broken link is said to be one; a loop of setups (brought back by Undo) is said as a loop', () => {
    const broken = problem(
      'payoff_before_setup',
      "'A' sets up 'B', but the payoff is now read first.",
    );
    expect(describeCreated({ created: [broken], resolved: [] })).toBe(
      `A link is broken: ${broken.message}`,
    );
    const loop = problem('setup_loop', "'A' sets up 'B' sets up 'A': these setups make a loop.");
    expect(describeCreated({ created: [loop], resolved: [] })).toBe(loop.message);
  });
  it('several problems are counted as what they are: broken links, loops of setups, or both', () => {
    const broken = problem('precedes_violated', "'A' must come before 'B', but happens after it.");
    const other = { ...problem('effect_before_cause', "'C' causes 'D'..."), id: 'x:l2' };
    const loop = problem('setup_loop', "'A' sets up 'B' sets up 'A': these setups make a loop.");
    const loop2 = { ...problem('setup_loop', "'C' sets up 'D' sets up 'C'."), id: 'setup_loop:l3' };
    const said = (...created: StoryProblem[]) => describeCreated({ created, resolved: [] });
    expect(said(broken, other)).toBe(`2 links are broken: ${broken.message}`);
    expect(said(loop, broken)).toBe(`1 broken link and 1 loop of setups: ${loop.message}`);
    expect(said(broken, other, loop)).toBe(
      `2 broken links and 1 loop of setups: ${broken.message}`,
    );
    expect(said(loop, loop2)).toBe(`2 loops of setups: ${loop.message}`);
    // An intentional problem is not announced, and does not count.
    expect(said({ ...broken, intentional: true }, loop)).toBe(loop.message);
  });
});
