import { describe, expect, it } from 'vitest';
import type { Library } from '../../electron/core/library';
import { must, seedStory, tempLibrary } from '../helpers/library';
import { contentDump } from './helpers';

/**
 * An import or a duplicate writes its new story's events, beats and links without capturing
 * them row by row (history/capture.ts `writeNewStory`): the step still undoes and redoes all
 * of it, stores one operation, and the capture is back for the next edit.
 */

/** Everything a story holds, links and story time included (contentDump leaves links out). */
const everything = (lib: Library) =>
  `${contentDump(lib.db)}\n${JSON.stringify(
    lib.db.prepare('SELECT * FROM beat_links ORDER BY link_uuid').all(),
  )}`;

/** A story with two events, three beats, a link and its chronology turned around. */
async function storyWithLogic() {
  const lib = await tempLibrary();
  const d = lib.dispatcher;
  const s = seedStory(d, { Arrival: ['Docks', 'Bolted'], 'Night watch': ['Breaks in'] });
  const [arrival, night] = s.events;
  must(
    d.call('links:create', {
      fromMomentId: arrival!.moments[1]!.id,
      toMomentId: night!.moments[0]!.id,
      kind: 'causes',
      strength: 'hard',
    }),
  );
  must(
    d.call('events:moveInChronology', {
      eventId: night!.event.id,
      beforeEventId: arrival!.event.id,
    }),
  );
  return { lib, story: s.story };
}

const libraryStep = (lib: Library) =>
  lib.db
    .prepare(`SELECT undo_ops FROM history_steps WHERE scope = '' ORDER BY step DESC LIMIT 1`)
    .pluck()
    .get() as string;

describe('steps of channels that write a whole new story', () => {
  for (const channel of ['stories:import', 'stories:duplicate'] as const) {
    it(`${channel}: one drop of the story, undone and redone exactly, edits recorded after`, async () => {
      const { lib, story } = await storyWithLogic();
      const d = lib.dispatcher;
      const before = everything(lib);
      const made =
        channel === 'stories:import'
          ? must(
              d.call('stories:import', {
                format: 'json',
                content: must(d.call('stories:export', { storyId: story.id, format: 'json' }))
                  .content,
              }),
            )
          : must(d.call('stories:duplicate', { storyId: story.id }));
      const after = everything(lib);
      expect(after).not.toBe(before);
      // Both copy the story's links and story time (a duplicate dropped them before h64).
      const links = 1;
      expect(must(d.call('links:list', { storyId: made.id }))).toHaveLength(links);

      // One operation: the story's drop, which takes its 2 events, 3 beats and links with it.
      const ops = JSON.parse(libraryStep(lib)) as Array<{
        op: string;
        id: string;
        cascade: number;
      }>;
      expect(ops).toEqual([
        expect.objectContaining({
          op: 'drop',
          id: made.id,
          cascade: 5 + links,
        }),
      ]);

      must(d.call('history:undo', { storyId: null }));
      expect(everything(lib)).toBe(before);
      must(d.call('history:redo', { storyId: null }));
      expect(everything(lib)).toBe(after);

      // The capture is whole again: an edit in the new story is its own undoable step.
      const beat = must(d.call('stories:load', { storyId: made.id })).events[0]!.moments[0]!;
      must(d.call('moments:update', { momentId: beat.id, description: 'Changed' }));
      const state = must(d.call('history:state', { storyId: made.id }));
      expect(state.undo?.label).toMatch(/^edit beat/);
      must(d.call('history:undo', { storyId: made.id }));
      expect(everything(lib)).toBe(after);
      lib.close();
    });
  }
});
