// A read-only look at a library (identifying it before an open, `beatline backup`'s health
// check) must never remove the -wal or -shm another process is writing through. If it does,
// that writer goes on writing into an unlinked log no other connection sees, its acknowledged
// writes are lost when it closes, and two writers stop locking each other out.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openProbe } from '../../electron/core/db/identify';
import { openLibrary } from '../../electron/core/library';
import { must, seedStory } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { prepareChildScript, type ChildScript } from './bundle';

const writerScript = resolve(import.meta.dirname, 'fixtures', 'held-writer.ts');

let script: ChildScript;
beforeAll(async () => {
  script = await prepareChildScript(writerScript);
});
afterAll(() => script?.cleanup());

/** A held-writer child: `send` a line, `next` awaits its next line of output. */
function startHeldWriter(path: string, eventId: string, count: number) {
  const child = spawn(process.execPath, [...script.args, path, eventId, 'W', String(count)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<number | null>((done) => child.on('close', done));
  return {
    send: (line: string) => child.stdin.write(`${line}\n`),
    next: async () => {
      const { value, done } = await lines.next();
      if (done) throw new Error(`the writer stopped: ${err}`);
      return value as string;
    },
    exited,
    kill: () => child.kill(),
  };
}

async function seededLibrary() {
  const path = join(tempDir(), 'shared.db');
  const lib = await openLibrary(path, { logError: () => {} });
  const { events } = seedStory(lib.dispatcher, { Shared: ['Seed beat'] });
  lib.close();
  // Closed by its last connection: no -wal or -shm beside it, as when nothing has it open.
  expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
  return { path, eventId: events[0]!.event.id };
}

describe('a read-only look at a library another process is writing', () => {
  it("leaves the writer's -wal and -shm alone, and every acknowledged write is kept", async () => {
    const { path, eventId } = await seededLibrary();
    // What identifying the library before an open does (every openLibrary, beatline backup):
    // the probe finds no -wal/-shm, so SQLite creates them for it.
    const probe = openProbe(path);
    const writer = startHeldWriter(path, eventId, 5);
    try {
      // The writer opened (and created nothing: the files were there) while the probe was open.
      expect(await writer.next()).toBe('open');
      probe.release(); // the probe's connection was not the last, so SQLite left the files
      expect(existsSync(`${path}-wal`)).toBe(true);
      expect(existsSync(`${path}-shm`)).toBe(true);

      writer.send('write');
      expect(await writer.next()).toBe('acknowledged 5');
      const reader = await openLibrary(path, { logError: () => {} });
      try {
        // Another connection sees the acknowledged writes while the writer still has it open…
        const seen = must(reader.dispatcher.call('moments:list', { eventId }));
        expect(seen.map((m) => m.description)).toEqual([
          'Seed beat',
          'W-0',
          'W-1',
          'W-2',
          'W-3',
          'W-4',
        ]);
        writer.send('close');
        expect(await writer.next()).toBe('closed');
        expect(await writer.exited).toBe(0);
      } finally {
        reader.close();
      }
      // …and they are in the file after everyone closed.
      const after = await openLibrary(path, { logError: () => {} });
      try {
        expect(must(after.dispatcher.call('moments:list', { eventId }))).toHaveLength(6);
      } finally {
        after.close();
      }
      // The last connection to close removed the -wal and -shm: nothing is left beside it.
      expect(existsSync(`${path}-wal`) || existsSync(`${path}-shm`)).toBe(false);
    } finally {
      writer.kill();
    }
  }, 60_000);
});
