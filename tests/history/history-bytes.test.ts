// Issue 12 (h35): a history step's size was unbounded, and a scope was pruned by count only, so
// deleting big stories kept every one of them in the library file. A scope now keeps at most
// HISTORY_BYTES_LIMIT bytes of undo and redo operations, pruning its oldest steps, and always
// keeps its newest step. Real library files, stories of megabytes imported and deleted.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../electron/core/db/open';
import { HISTORY_BYTES_LIMIT, HISTORY_BIG_STEP_BYTES } from '../../electron/core/history/record';
import { must, tempLibrary } from '../helpers/library';
import { contentDump } from './helpers';

const BEAT_CHARS = 19_000;

/** A Markdown outline of one event holding beats of BEAT_CHARS characters, about `bytes` long. */
function bigOutline(title: string, bytes: number): string {
  const beats = Math.ceil(bytes / BEAT_CHARS);
  const lines = Array.from(
    { length: beats },
    (_, i) => `${i + 1}. ${`${title} beat ${i} `.padEnd(BEAT_CHARS, 'x')}`,
  );
  return `# ${title}\n\n## Everything\n\n${lines.join('\n')}\n`;
}

/** Bytes of undo and redo operations a scope holds, and its step count. */
function scopeSize(db: DatabaseHandle, scope: string): { bytes: number; steps: number } {
  return db
    .prepare(
      `SELECT coalesce(sum(octet_length(undo_ops) + octet_length(redo_ops)), 0) AS bytes,
        count(*) AS steps FROM history_steps WHERE scope = ?`,
    )
    .get(scope) as { bytes: number; steps: number };
}

describe('history bounded by bytes per scope (issue 12, h35)', () => {
  it('deleting big stories one after another keeps the newest within the limit', async () => {
    const lib = await tempLibrary();
    const size = Math.ceil(HISTORY_BYTES_LIMIT / 4) + 100_000; // four do not fit, three do
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const story = must(
        lib.dispatcher.call('stories:import', {
          format: 'md',
          content: bigOutline(`Saga ${i}`, size),
        }),
      );
      ids.push(story.id);
    }
    for (const storyId of ids) {
      must(lib.dispatcher.call('stories:delete', { storyId }));
      const library = scopeSize(lib.db, '');
      expect(library.bytes).toBeLessThanOrEqual(HISTORY_BYTES_LIMIT);
    }
    expect(scopeSize(lib.db, '').bytes).toBeGreaterThan(3 * size * 0.9);

    // The three newest deletes can be undone, newest first; the older steps were pruned.
    const undone: string[] = [];
    for (;;) {
      const outcome = must(lib.dispatcher.call('history:undo', { storyId: null }));
      if (outcome.label === null) break;
      undone.push(outcome.label);
    }
    expect(undone).toHaveLength(3);
    const titles = must(lib.dispatcher.call('stories:list', {})).map((s) => s.title);
    expect(titles.sort()).toEqual(['Saga 3', 'Saga 4', 'Saga 5']);
    const back = must(lib.dispatcher.call('stories:load', { storyId: ids[4]! }));
    expect(back.events[0]!.moments).toHaveLength(Math.ceil(size / BEAT_CHARS));
  }, 300_000);

  it('the newest step is kept whatever its size; everything older in its scope goes', async () => {
    const lib = await tempLibrary();
    const tiny = must(lib.dispatcher.call('stories:create', { title: 'Tiny' }));
    must(lib.dispatcher.call('stories:delete', { storyId: tiny.id }));
    const big = must(
      lib.dispatcher.call('stories:import', {
        format: 'md',
        content: bigOutline('Epic', HISTORY_BYTES_LIMIT + 1_000_000),
      }),
    );
    const before = contentDump(lib.db);
    must(lib.dispatcher.call('stories:delete', { storyId: big.id }));

    const library = scopeSize(lib.db, '');
    expect(library.steps).toBe(1);
    expect(library.bytes).toBeGreaterThan(HISTORY_BYTES_LIMIT);
    const outcome = must(lib.dispatcher.call('history:undo', { storyId: null }));
    expect(outcome.label).not.toBeNull();
    expect(contentDump(lib.db)).toBe(before);
    // Nothing older is left to undo: not the import, not Tiny's create or delete.
    must(lib.dispatcher.call('history:undo', { storyId: null })); // the redo stays; the undo is empty
    expect(must(lib.dispatcher.call('history:state', { storyId: null })).undo).toBeNull();
  }, 300_000);

  it('small steps below the big-step size leave a scope under the limit untouched', async () => {
    const lib = await tempLibrary();
    const story = must(lib.dispatcher.call('stories:create', { title: 'Small' }));
    const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'E' }));
    const text = 'y'.repeat(10_000);
    expect(text.length).toBeLessThan(HISTORY_BIG_STEP_BYTES);
    for (let i = 0; i < 130; i++) {
      must(lib.dispatcher.call('moments:create', { eventId: event.id, description: text }));
    }
    // Two prune rounds (every 64 steps) passed; well under the limit, every step is kept.
    expect(scopeSize(lib.db, story.id).steps).toBe(131);
  }, 120_000);
});
