import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckpointResult } from '../../electron/core/db/checkpoint';
import { openDatabase } from '../../electron/core/db/open';
import { openLibrary, type Library } from '../../electron/core/library';
import { must } from '../helpers/library';
import { tempDir } from '../helpers/temp';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function libraryWith(policy: { idleMs: number; maxWaitMs: number; maxWrites?: number }) {
  const copies: CheckpointResult[] = [];
  const path = join(tempDir(), 'beatline.db');
  const lib = await openLibrary(path, {
    logError: () => {},
    checkpoint: {
      policy: { maxWrites: 1000, ...policy, inlinePages: 16_384 },
      onCheckpoint: (c) => copies.push(c),
    },
  });
  return { lib, path, copies };
}

function importStory(lib: Library, beats: number) {
  const file = {
    format: 'beatline-story',
    version: 1,
    story: {
      title: 'Long night',
      events: Array.from({ length: beats / 20 }, (_, e) => ({
        title: `Scene ${e}`,
        description: '',
        moments: Array.from({ length: 20 }, (_, i) => ({
          sequence_index: i,
          beat_description: `Beat ${e}.${i}: the courier reaches the gate at dusk.`,
          timestamp_offset: null,
        })),
      })),
    },
  };
  return must(
    lib.dispatcher.call('stories:import', { format: 'json', content: JSON.stringify(file) }),
  );
}

describe('idle checkpoint', () => {
  it('leaves a large import in the log when it returns, and copies it once the library is idle', async () => {
    const { lib, path, copies } = await libraryWith({ idleMs: 50, maxWaitMs: 10_000 });
    expect(Number(lib.db.pragma('wal_autocheckpoint', { simple: true }))).toBe(16_384);
    const fileBefore = statSync(path).size;
    const summary = importStory(lib, 12_000); // well over SQLite's default 1,000-page trigger
    expect(summary.beatCount).toBe(12_000);
    // Durable already: another connection reads the story from the log.
    const reader = openDatabase(path, { mustExist: true });
    const count = reader.prepare('SELECT count(*) AS n FROM event_moments').get() as { n: number };
    reader.close();
    expect(count.n).toBe(12_000);
    // Not copied inside the import's commit: the database file has not grown yet.
    expect(statSync(path).size).toBe(fileBefore);
    expect(copies).toHaveLength(0);

    await sleep(300);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.logPages).toBeGreaterThan(1000);
    expect(copies[0]!.copiedPages).toBe(copies[0]!.logPages);
    expect(statSync(path).size).toBeGreaterThan(fileBefore + 1_000_000);
    lib.close();
  });

  it('copies during a long burst of edits, at most maxWaitMs after the first', async () => {
    const { lib, copies } = await libraryWith({ idleMs: 200, maxWaitMs: 60 });
    const story = must(lib.dispatcher.call('stories:create', { title: 'Burst' }));
    const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'A' }));
    const started = Date.now();
    while (Date.now() - started < 250) {
      must(lib.dispatcher.call('moments:create', { eventId: event.id, description: 'typing' }));
      await sleep(5); // a new edit every 5 ms: never idle for 200 ms
    }
    expect(copies.length).toBeGreaterThanOrEqual(2);
    lib.close();
  });

  it('waits for a quiet spell: no copy while edits keep coming, one after the last', async () => {
    const { lib, copies } = await libraryWith({ idleMs: 300, maxWaitMs: 10_000 });
    const story = must(lib.dispatcher.call('stories:create', { title: 'Steady' }));
    const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'A' }));
    for (let i = 0; i < 45; i++) {
      must(lib.dispatcher.call('moments:create', { eventId: event.id, description: `b${i}` }));
      await sleep(10); // ~0.5 s of edits, never 300 ms apart
    }
    expect(copies).toHaveLength(0);
    await sleep(600);
    expect(copies).toHaveLength(1);
    lib.close();
  });

  it('copies between calls once a burst has made maxWrites writes, before it is idle', async () => {
    const { lib, copies } = await libraryWith({ idleMs: 10_000, maxWaitMs: 10_000, maxWrites: 20 });
    const story = must(lib.dispatcher.call('stories:create', { title: 'Burst' }));
    const event = must(lib.dispatcher.call('events:create', { storyId: story.id, title: 'A' }));
    for (let i = 0; i < 18; i++) {
      must(lib.dispatcher.call('moments:create', { eventId: event.id, description: `b${i}` }));
      await new Promise((resolve) => setImmediate(resolve));
    }
    await sleep(5);
    expect(copies).toHaveLength(1); // the 20th write (story, event, 18 beats) triggered it
    lib.close();
  });

  it('does nothing after close, and close cancels the schedule', async () => {
    const { lib, copies } = await libraryWith({ idleMs: 20, maxWaitMs: 1000 });
    must(lib.dispatcher.call('stories:create', { title: 'Closed soon' }));
    lib.close();
    await sleep(100);
    expect(copies).toHaveLength(0);
    expect(lib.checkpoint()).toBeNull();
  });

  it('is not scheduled by reads or by refused writes', async () => {
    const { lib, copies } = await libraryWith({ idleMs: 20, maxWaitMs: 1000 });
    lib.dispatcher.call('stories:list', {});
    const refused = lib.dispatcher.invoke('stories:create', { title: '' });
    expect(refused.ok).toBe(false);
    await sleep(100);
    expect(copies).toHaveLength(0);
    lib.close();
  });
});
