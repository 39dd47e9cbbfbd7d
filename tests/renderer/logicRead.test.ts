// The logic read of the open story (links, story time, the whole check) on a real library, at
// the size where it used to stall the writer: saves never wait for it, and it reads the places of
// linked beats off screen in a bounded number of requests (it used to read every one).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../electron/core/contract/channels';
import { createEvent } from '../../electron/core/events';
import type { Library } from '../../electron/core/library';
import { createLink } from '../../electron/core/links';
import { appendMoments } from '../../electron/core/moments';
import { createStory } from '../../electron/core/stories';
import { PLACE_READS_AT_ONCE, PLACES_PER_READ } from '../../renderer/src/store/logicSlice';
import type { Store } from '../../renderer/src/store/types';
import { storeOnLibrary } from './store-on-library';

afterEach(() => {
  vi.unstubAllGlobals();
});

/** A story of `events` x 20 beats; beat b of event e links to beat b of event e + 1. */
function seed(lib: Library, events: number): { storyId: string; beats: string[][] } {
  return lib.db.transaction(() => {
    const story = createStory(lib.db, { title: 'Long' });
    const beats = Array.from({ length: events }, (_, e) => {
      const event = createEvent(lib.db, { storyId: story.id, title: `Scene ${e + 1}` });
      return appendMoments(
        lib.db,
        event.id,
        Array.from({ length: 20 }, (_, b) => ({ description: `Beat ${e}.${b}` })),
      );
    });
    for (let e = 0; e + 1 < events; e++) {
      for (let b = 0; b < 20; b++) {
        createLink(lib.db, {
          fromMomentId: beats[e]![b]!,
          toMomentId: beats[e + 1]![b]!,
          kind: 'causes',
          strength: 'soft',
        });
      }
    }
    return { storyId: story.id, beats };
  })();
}

async function until(store: { getState(): Store }, check: (s: Store) => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check(store.getState())) throw new Error('not yet');
    },
    { timeout: 20_000, interval: 10 },
  );
}

/** Opens a story as the story view does: its timeline, then its logic (LogicLayer). */
async function open(store: { getState(): Store }, storyId: string): Promise<void> {
  store.getState().openStory(storyId);
  await until(store, (s) => s.timelineStatus === 'ready' && s.timeline?.story.id === storyId);
  void store.getState().reloadLogic();
}

describe('reading the logic of a long story', () => {
  it('reads the places of linked beats off screen in a bounded number of requests', async () => {
    const reads: string[] = [];
    const { lib, store } = await storeOnLibrary({
      transport: (channel: Channel, send) => {
        if (channel === 'moments:get') reads.push(channel);
        return send();
      },
    });
    // 60 events: 1,180 links, over a thousand linked beats the open board has not loaded.
    const { storyId, beats } = seed(lib, 60);
    await open(store, storyId);
    await until(store, (s) => s.logic?.links.length === 59 * 20);
    expect(reads.length).toBeLessThanOrEqual(PLACES_PER_READ);

    // Focusing a beat reads where the beats it links to are, so its links can name them.
    const far = beats[40]![3]!;
    reads.length = 0;
    store.getState().setHighlightBeat(far);
    await until(store, (s) => Boolean(s.logic?.places[beats[41]![3]!]));
    expect(store.getState().logic!.places[beats[39]![3]!]).toMatchObject({ index: 3 });
    expect(reads.length).toBeLessThanOrEqual(2);
  });

  it('lands a save while the whole check is still being answered', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let hold = false;
    const { lib, store } = await storeOnLibrary({
      transport: async (channel: Channel, send) => {
        if (channel === 'stories:check' && hold) await held;
        return send();
      },
    });
    const { storyId, beats } = seed(lib, 3);
    await open(store, storyId);
    await until(store, (s) => s.logic !== null && s.timeline?.moments[beats[0]![0]!] !== undefined);

    // The check of the next logic read is held (a slow host); a move asks for that read.
    hold = true;
    store.getState().moveMoment(beats[0]![0]!, store.getState().timeline!.eventOrder[2]!, 20);
    await until(store, (s) => s.pending === 0);
    const moment = store.getState().timeline!.moments[beats[1]![0]!]!;
    const problem = await store.getState().saveMomentText(moment.id, 'Typed while the check ran', {
      text: moment.description,
      stamp: moment.updatedAt,
    });
    expect(problem).toBeNull();
    expect(
      lib.db
        .prepare('SELECT beat_description FROM event_moments WHERE moment_uuid = ?')
        .pluck()
        .get(moment.id),
    ).toBe('Typed while the check ran');

    // Released, the check arrives and shows the move's problem.
    release();
    await until(store, (s) => (s.logic?.check?.warnings ?? 0) > 0);
  });
  // Another writer's change re-reads the logic: its hundred place requests used to go side by
  // side and, over HTTP/1.1, held every connection the browser had while a save waited.
  it('asks for the places a few at a time, and a newer read stops an older one asking', async () => {
    let asked = 0;
    let inFlight = 0;
    let most = 0;
    let hold = false;
    const held: Array<() => void> = [];
    const { lib, store } = await storeOnLibrary({
      transport: async (channel: Channel, send) => {
        if (channel !== 'moments:get') return send();
        asked += 1;
        most = Math.max(most, ++inFlight);
        if (hold) await new Promise<void>((resolve) => held.push(resolve));
        try {
          return await send();
        } finally {
          inFlight -= 1;
        }
      },
    });
    const { storyId } = seed(lib, 60);
    await open(store, storyId);
    await until(store, (s) => s.logic?.links.length === 59 * 20);
    await vi.waitFor(() => expect(asked).toBe(PLACES_PER_READ), { timeout: 20_000 });
    expect(most).toBe(PLACE_READS_AT_ONCE);

    // Two reads (two change notices); the first is held at its first place requests.
    asked = 0;
    hold = true;
    const first = store.getState().reloadLogic();
    await vi.waitFor(() => expect(held).toHaveLength(PLACE_READS_AT_ONCE), { timeout: 20_000 });
    const second = store.getState().reloadLogic();
    await vi.waitFor(() => expect(held).toHaveLength(2 * PLACE_READS_AT_ONCE), {
      timeout: 20_000,
    });
    hold = false;
    for (const release of held.splice(0)) release();
    await Promise.all([first, second]);
    // The first asked only for what it had sent; the second for all it needed.
    expect(asked).toBe(PLACES_PER_READ + PLACE_READS_AT_ONCE);
    expect(Object.keys(store.getState().logic!.places)).toHaveLength(PLACES_PER_READ);
  });
});

describe('saving a story-time label', () => {
  it('reads the whole check again only when the save stopped a read on its way', async () => {
    let checks = 0;
    let hold = false;
    const held: Array<() => void> = [];
    const { lib, store } = await storeOnLibrary({
      transport: async (channel: Channel, send) => {
        if (channel === 'stories:check') {
          checks += 1;
          if (hold) await new Promise<void>((resolve) => held.push(resolve));
        }
        return send();
      },
    });
    const { storyId } = seed(lib, 3);
    await open(store, storyId);
    await until(store, (s) => s.logic !== null);
    const eventId = store.getState().timeline!.eventOrder[0]!;

    // A label is text: saving it changes no finding, so the check is not asked for again.
    checks = 0;
    // As the field does: each save checked against the label the typing started from.
    const base = { text: '', stamp: 'typed' };
    for (const label of ['Day', 'Day 3', 'Day 3, dawn']) {
      expect(await store.getState().saveStoryTimeLabel(eventId, label, base)).toBeNull();
    }
    expect(store.getState().logic!.times[eventId]!.label).toBe('Day 3, dawn');
    expect(checks).toBe(0);

    // A read on its way when the label is saved would show the old label: it is stopped and
    // read again, and the label shown is the saved one.
    hold = true;
    const read = store.getState().reloadLogic();
    await vi.waitFor(() => expect(held).toHaveLength(1), { timeout: 20_000 });
    hold = false;
    expect(await store.getState().saveStoryTimeLabel(eventId, 'Day 4', base)).toBeNull();
    for (const release of held.splice(0)) release();
    await read;
    await vi.waitFor(() => expect(checks).toBe(2), { timeout: 20_000 });
    await until(store, (s) => s.logic?.times[eventId]?.label === 'Day 4');
  });
});
