// A loop of sets_up links in a library made before h71 (which refuses new ones), written
// straight into beat_links as such a library holds it (h73). Before: the check reported one of
// its links "payoff read first" in every order (no move could mend it), and the story's file
// was refused at import ("make a loop"), so export -> import failed. Now the check reports the
// loop itself, naming its beats, whatever the order; removing one link ends it (undoably); the
// story's files import again with every link; new loops are still refused.
import { describe, expect, it } from 'vitest';
import type { StoryProblem } from '../../electron/core/contract/types';
import type { Library } from '../../electron/core/library';
import { must, seedStory, tempLibrary } from '../helpers/library';

/** A link id that sorts after every id Beatline makes (UUIDv7): the loop is named from the other. */
const OLD = 'ffffffff-ffff-7fff-bfff-fffffffffff1';

function legacySetUp(lib: Library, id: string, from: string, to: string, strength = 'hard') {
  lib.db
    .prepare(
      `INSERT INTO beat_links (link_uuid, story_uuid, from_moment_uuid, to_moment_uuid, kind,
        strength, note, intentional, created_at, updated_at)
      SELECT ?, e.story_uuid, ?, ?, 'sets_up', ?, '', 0, '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z'
      FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid WHERE m.moment_uuid = ?`,
    )
    .run(id, from, to, strength, from);
}

async function setup() {
  const lib = await tempLibrary();
  const d = lib.dispatcher;
  const { story, events } = seedStory(d, {
    Arrival: ['She arrives', 'Sees the house'],
    'Night watch': ['She breaks in'],
    Dawn: ['She leaves'],
  });
  const beat = (e: number, m: number) => events[e]!.moments[m]!.id;
  // She arrives sets up She breaks in (made today), and the other way (made before h71).
  const made = must(
    d.call('links:create', {
      fromMomentId: beat(0, 0),
      toMomentId: beat(1, 0),
      kind: 'sets_up',
      strength: 'hard',
    }),
  );
  legacySetUp(lib, OLD, beat(1, 0), beat(0, 0));
  const check = () => must(d.call('stories:check', { storyId: story.id }));
  return { lib, d, story, beat, made, check };
}

const LOOP_WORDS =
  ': these setups make a loop, so in any order one payoff is read before its setup. Remove ' +
  'one of these links.';

describe('a loop of sets_up links made before h71', () => {
  it('is one problem of the check, naming its beats, in any order', async () => {
    const { d, beat, made, check } = await setup();
    const loop: StoryProblem = {
      id: `setup_loop:${made.id}`,
      code: 'setup_loop',
      severity: 'error',
      linkId: made.id,
      momentIds: [beat(0, 0), beat(1, 0)],
      message:
        "'She arrives' (Arrival, beat 1) sets up 'She breaks in' (Night watch, beat 1) sets up " +
        `'She arrives'${LOOP_WORDS}`,
      intentional: false,
      loop: [
        { linkId: made.id, fromMomentId: beat(0, 0), toMomentId: beat(1, 0) },
        { linkId: OLD, fromMomentId: beat(1, 0), toMomentId: beat(0, 0) },
      ],
    };
    expect(check()).toMatchObject({ problems: [loop], errors: 1, warnings: 0, intentional: 0 });
    // The break-in moved first: the other link is now the one read backwards; the check still
    // says "a loop" (from the beat now read first), and the move reports nothing.
    const moved = d.call('moments:move', {
      momentId: beat(1, 0),
      toEventId: (must(d.call('moments:get', { momentId: beat(0, 0) })) as { eventId: string })
        .eventId,
      beforeMomentId: beat(0, 0),
    });
    expect(moved.ok && moved.check).toBeFalsy();
    expect(check().problems.map((p) => p.message)).toEqual([
      "'She breaks in' (Arrival, beat 1) sets up 'She arrives' (Arrival, beat 2) sets up " +
        `'She breaks in'${LOOP_WORDS}`,
    ]);
    // Soft links read as a warning: the order can leave the soft one broken.
    const soft = d.call('links:update', { linkId: OLD, strength: 'soft' });
    expect(soft.ok && soft.check?.created.map((p) => `${p.code}/${p.severity}`)).toEqual([
      'setup_loop/warning',
    ]);
    expect(check()).toMatchObject({ errors: 0, warnings: 1 });
  });

  it('ends when one link is removed, and comes back with Undo', async () => {
    const { d, story, made, check } = await setup();
    const [loop] = check().problems;
    const removed = d.call('links:delete', { linkId: OLD });
    // The loop goes; the link left reads setup first: nothing else to report.
    expect(removed.ok && removed.check).toEqual({ created: [], resolved: [loop] });
    expect(check().problems).toEqual([]);
    const undone = d.call('history:undo', { storyId: story.id });
    expect(undone.ok && undone.check).toEqual({ created: [loop], resolved: [] });
    expect(check().problems).toEqual([loop]);
    // Removing the other instead leaves a link read backwards: an ordinary broken setup.
    const other = d.call('links:delete', { linkId: made.id });
    expect(other.ok && other.check?.created.map((p) => p.code)).toEqual(['payoff_before_setup']);
    expect(check().problems.map((p) => p.id)).toEqual([`payoff_before_setup:${OLD}`]);
    // A new loop is still refused (h71).
    const again = d.call('links:create', {
      fromMomentId: loop!.momentIds[0],
      toMomentId: loop!.momentIds[1],
      kind: 'sets_up',
      strength: 'hard',
    });
    expect(again.ok || again.error.message).toMatch(/^This link would make a loop in reading/);
  });

  it('goes with a beat of it, and a knot of two loops keeps the one left', async () => {
    const { lib, d, story, beat, check } = await setup();
    // She breaks in -> She leaves -> She breaks in: a second loop through the break-in.
    legacySetUp(lib, 'ffffffff-ffff-7fff-bfff-fffffffffff2', beat(1, 0), beat(2, 0));
    legacySetUp(lib, 'ffffffff-ffff-7fff-bfff-fffffffffff3', beat(2, 0), beat(1, 0));
    expect(check().problems.map((p) => p.code)).toEqual(['setup_loop']);
    const removed = d.call('links:delete', { linkId: OLD });
    expect(removed.ok && removed.check?.created.map((p) => p.message)).toEqual([
      "'She breaks in' (Night watch, beat 1) sets up 'She leaves' (Dawn, beat 1) sets up " +
        `'She breaks in'${LOOP_WORDS}`,
    ]);
    expect(check().problems.map((p) => p.linkId)).toEqual(['ffffffff-ffff-7fff-bfff-fffffffffff2']);
    const gone = d.call('moments:delete', { momentId: beat(2, 0) });
    expect(gone.ok && gone.check?.resolved.map((p) => p.code)).toEqual(['setup_loop']);
    expect(check().problems).toEqual([]);
    must(d.call('history:undo', { storyId: story.id }));
    expect(check().problems.map((p) => p.code)).toEqual(['setup_loop']);
  });

  it('exports to files Beatline imports again, links and loop and all', async () => {
    const { d, story, check } = await setup();
    const links = (storyId: string) =>
      must(d.call('links:list', { storyId })).map((l) => `${l.kind}/${l.strength}`);
    for (const format of ['json', 'md'] as const) {
      const file = must(d.call('stories:export', { storyId: story.id, format })).content;
      const copy = must(d.call('stories:import', { format, content: file }));
      expect(links(copy.id), format).toEqual(links(story.id));
      const copied = must(d.call('stories:check', { storyId: copy.id })).problems;
      expect(
        copied.map((p) => p.message),
        format,
      ).toEqual(check().problems.map((p) => p.message));
    }
    const duplicate = must(d.call('stories:duplicate', { storyId: story.id }));
    expect(links(duplicate.id)).toEqual(links(story.id));
  });

  it('names a long loop by its first three and last two beats, counting the others', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const texts = Array.from({ length: 10 }, (_, i) => `Beat ${i + 1}`);
    const { story, events } = seedStory(d, { Long: texts });
    const ids = events[0]!.moments.map((m) => m.id);
    ids.forEach((id, i) =>
      legacySetUp(
        lib,
        `ffffffff-ffff-7fff-bfff-${String(i).padStart(12, '0')}`,
        id,
        ids[(i + 1) % 10]!,
      ),
    );
    const [p] = must(d.call('stories:check', { storyId: story.id })).problems;
    expect(p!.message).toBe(
      "'Beat 1' (Long, beat 1) sets up 'Beat 2' (Long, beat 2) sets up 'Beat 3' (Long, beat 3) " +
        "sets up ... 5 more beats ... sets up 'Beat 9' (Long, beat 9) sets up 'Beat 10' (Long, " +
        `beat 10) sets up 'Beat 1'${LOOP_WORDS}`,
    );
    expect(p!.loop).toHaveLength(10);
  });
});
