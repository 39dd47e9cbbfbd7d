// Issue 12's model-based test of the renderer: two views (two stores, as two windows or tabs)
// on one real library, their transport the real dispatcher. Random sequences of typing (each
// view's saves over what its field started from, also both typing at once), adds, moves,
// deletes, undo, redo, reloads and the other view's changes. After each step: acknowledged
// text is in the library, a typing refused as a conflict left the other writer's text there
// (the field keeps its own), and once the change notices are read every view equals the file.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Channel } from '../../electron/core/contract/channels';
import { buildApi, type BeatlineBridge } from '../../electron/core/contract/api';
import type { Library } from '../../electron/core/library';
import type { Store } from '../../renderer/src/store/types';
import { must, tempLibrary } from '../helpers/library';

type View = { getState(): Store };
type Cmd =
  | { t: 'type'; v: number; beat: number; text: string }
  | { t: 'typeBoth'; beat: number; a: string; b: string }
  | { t: 'add'; v: number; event: number }
  | { t: 'move'; v: number; beat: number; event: number; index: number }
  | { t: 'delete'; v: number; beat: number }
  | { t: 'undo' | 'redo' | 'reload'; v: number };

const word = fc.constantFrom('gale', 'calm', 'mast', 'tide', '', 'a b', 'Ünï');
const view = fc.nat(1);
const pick = fc.nat(20);
const command: fc.Arbitrary<Cmd> = fc.oneof(
  fc.record({ t: fc.constant('type' as const), v: view, beat: pick, text: word }),
  fc.record({ t: fc.constant('typeBoth' as const), beat: pick, a: word, b: word }),
  fc.record({ t: fc.constant('add' as const), v: view, event: pick }),
  fc.record({ t: fc.constant('move' as const), v: view, beat: pick, event: pick, index: pick }),
  fc.record({ t: fc.constant('delete' as const), v: view, beat: pick }),
  fc.record({ t: fc.constantFrom('undo' as const, 'redo' as const, 'reload' as const), v: view }),
);

/** What a view shows of the story: each event's beats in order, as `{ id, text }`. */
function shown(s: Store): unknown {
  const m = s.timeline;
  if (!m) return null;
  return m.eventOrder.map((e) =>
    (m.momentIds[e] ?? []).map((id) => {
      const beat = id === null ? undefined : m.moments[id];
      return beat ? { id: beat.id, text: beat.description } : null;
    }),
  );
}

/** The same read from the file. */
function stored(lib: Library, storyId: string): unknown {
  const events = lib.db
    .prepare('SELECT event_uuid AS id FROM events WHERE story_uuid = ? ORDER BY position')
    .all(storyId) as { id: string }[];
  const beats = lib.db.prepare(
    `SELECT moment_uuid AS id, beat_description AS text FROM event_moments
     WHERE event_uuid = ? ORDER BY sequence_index`,
  );
  return events.map((e) => beats.all(e.id) as { id: string; text: string }[]);
}

/** Every beat id the view shows, in order. */
const beatIds = (s: Store) =>
  s.timeline!.eventOrder.flatMap((e) => s.timeline!.momentIds[e]!.filter((id) => id !== null));

afterEach(() => vi.unstubAllGlobals());

/**
 * Two views run `cmds`; after each, acknowledged text is in the library and, once the other
 * views are told, every view equals the file.
 */
const twoViews = fc.asyncProperty(
  fc.array(command, { minLength: 1, maxLength: 14 }),
  async (cmds) => {
    const lib = await tempLibrary();
    const beatline: BeatlineBridge = {
      ...buildApi(CHANNELS, async (channel: Channel, input) =>
        lib.dispatcher.call(channel, input as never),
      ),
      subscribe: () => () => {},
      onFlushRequest: () => () => {},
      onImportProgress: () => () => {},
    };
    vi.stubGlobal('window', { beatline, innerWidth: 1280 });
    vi.resetModules();
    const { createAppStore } = await import('../../renderer/src/store');

    const story = must(lib.dispatcher.call('stories:create', { title: 'Two Views' }));
    for (const title of ['Dawn', 'Dusk']) {
      const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title }));
      for (const text of ['one', 'two']) {
        must(lib.dispatcher.call('moments:create', { eventId: event.id, description: text }));
      }
    }
    const open = async (): Promise<View> => {
      const s = createAppStore();
      s.getState().setColumnsAtOpen(() => 10);
      s.getState().openStory(story.id);
      await vi.waitFor(() => expect(s.getState().timelineStatus).toBe('ready'), {
        interval: 5,
      });
      return s;
    };
    const views = [await open(), await open()];

    /** The other views are told (as the host's change notices do), then all agree. */
    const settle = async (actor: number | null) => {
      await vi.waitFor(() => expect(views[actor ?? 0]!.getState().pending).toBe(0), {
        timeout: 10_000,
        interval: 5,
      });
      views.forEach((v, i) => i !== actor && v.getState().libraryChanged());
      await vi.waitFor(
        () => {
          for (const v of views) {
            expect(v.getState().pending).toBe(0);
            expect(shown(v.getState())).toEqual(stored(lib, story.id));
          }
        },
        { timeout: 10_000, interval: 5 },
      );
    };
    const textOf = (id: string) =>
      (
        lib.db
          .prepare('SELECT beat_description AS t FROM event_moments WHERE moment_uuid = ?')
          .get(id) as { t: string } | undefined
      )?.t;

    for (const cmd of cmds) {
      const v = 'v' in cmd ? views[cmd.v]!.getState() : views[0]!.getState();
      const ids = beatIds(v);
      const beatAt = (n: number) => ids[n % Math.max(1, ids.length)];
      const eventAt = (n: number) => v.timeline!.eventOrder[n % v.timeline!.eventOrder.length]!;
      const base = (s: Store, id: string) => ({
        text: s.timeline!.moments[id]!.description,
        stamp: s.timeline!.moments[id]!.updatedAt,
      });
      if (cmd.t === 'type') {
        const id = beatAt(cmd.beat);
        if (id && (await v.saveMomentText(id, cmd.text, base(v, id))) === null) {
          expect(textOf(id)).toBe(cmd.text);
        }
      } else if (cmd.t === 'typeBoth') {
        const [a, b] = views.map((x) => x.getState());
        const id = beatAt(cmd.beat);
        if (id) {
          const [baseA, baseB] = [base(a!, id), base(b!, id)];
          expect(await a!.saveMomentText(id, cmd.a, baseA)).toBeNull();
          const second = await b!.saveMomentText(id, cmd.b, baseB);
          // B's typing over A's text is never applied silently: refused, A's kept.
          if (cmd.a !== baseA.text && cmd.b !== cmd.a) {
            expect(second?.code).toBe('conflict');
            expect(textOf(id)).toBe(cmd.a);
          } else if (second === null) {
            expect(textOf(id)).toBe(cmd.b);
          }
        }
      } else if (cmd.t === 'add') {
        await v.addMoment(eventAt(cmd.event));
      } else if (cmd.t === 'move') {
        const id = beatAt(cmd.beat);
        const to = eventAt(cmd.event);
        if (id) v.moveMoment(id, to, cmd.index % (v.timeline!.momentIds[to]!.length + 1));
      } else if (cmd.t === 'delete') {
        const id = beatAt(cmd.beat);
        if (id) v.deleteMoment(id);
      } else if (cmd.t === 'undo') {
        await v.undo();
      } else if (cmd.t === 'redo') {
        await v.redo();
      } else {
        views[cmd.v] = await open();
      }
      await settle('v' in cmd ? cmd.v : null);
    }
  },
);

describe('two views on one library (the renderer store, model-based)', () => {
  it('never lose acknowledged text and end equal to the library', async () => {
    await fc.assert(twoViews, { numRuns: 30 });
  });

  // Runs CI found (1 in about 10): a view's own delete queued behind a re-read it had been
  // told to make came back on screen, the read having been taken before the delete was sent.
  it.each([
    [-72048144, '8'],
    [1335245707, '14'],
    [-1313192994, '6'],
  ])('a delete queued behind a re-read stays deleted (seed %i)', async (seed, path) => {
    await fc.assert(twoViews, { seed, path, numRuns: 1, endOnFailure: true });
  });
});
