// h43: the undo of an add no longer repeats the new row's key in what the row must hold (the row
// is found by that key), which made every add's step 50 bytes longer and cost 0.3 WAL pages.
// Steps recorded before keep the key there: they must still undo, redo and refuse the same way.
import { describe, expect, it } from 'vitest';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { contentDump } from './helpers';

describe('undo steps of adds, in the form written before h43', () => {
  it("a drop whose expect names the row's key still undoes and redoes the add", async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: ['a'] });
    const beforeAdd = contentDump(lib.db);
    const beat = must(d.call('moments:create', { eventId: events[0]!.event.id, description: 'b' }));
    const newest = lib.db
      .prepare('SELECT step, undo_ops FROM history_steps WHERE scope = ? ORDER BY step DESC')
      .get(story.id) as { step: number; undo_ops: string };
    const ops = JSON.parse(newest.undo_ops) as Array<{ expect: Record<string, unknown> }>;
    expect(ops[0]!.expect).not.toHaveProperty('moment_uuid');
    // Written the way Beatline did before: the key first in `expect`.
    ops[0]!.expect = { moment_uuid: beat.id, ...ops[0]!.expect };
    lib.db
      .prepare('UPDATE history_steps SET undo_ops = ? WHERE scope = ? AND step = ?')
      .run(JSON.stringify(ops), story.id, newest.step);
    const afterAdd = contentDump(lib.db);

    expect(must(d.call('history:undo', { storyId: story.id })).label).toBe("add beat 'b'");
    expect(contentDump(lib.db)).toBe(beforeAdd);
    must(d.call('history:redo', { storyId: story.id }));
    expect(contentDump(lib.db)).toBe(afterAdd);
  });

  it('an old-form drop is still refused when the row changed elsewhere', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { One: [] });
    const beat = must(d.call('moments:create', { eventId: events[0]!.event.id, description: 'b' }));
    const newest = lib.db
      .prepare('SELECT step, undo_ops FROM history_steps WHERE scope = ? ORDER BY step DESC')
      .get(story.id) as { step: number; undo_ops: string };
    const ops = JSON.parse(newest.undo_ops) as Array<{ expect: Record<string, unknown> }>;
    ops[0]!.expect = { moment_uuid: beat.id, ...ops[0]!.expect };
    lib.db
      .prepare('UPDATE history_steps SET undo_ops = ? WHERE scope = ? AND step = ?')
      .run(JSON.stringify(ops), story.id, newest.step);
    lib.db
      .prepare("UPDATE event_moments SET beat_description = 'theirs' WHERE moment_uuid = ?")
      .run(beat.id);
    const before = dumpDatabase(lib.db);
    expect(d.call('history:undo', { storyId: story.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/the beat was changed elsewhere/) },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });
});
