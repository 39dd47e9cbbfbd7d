import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary, type Library } from '../electron/core/library';
import { generateStory, type GeneratedStory } from './generate';
import { prng } from './stats';

/** A library with one generated story, for the edit benches (bench/edits.ts, edit-pages.ts). */
export interface EditBench {
  lib: Library;
  gen: GeneratedStory;
  /** A seeded random pick. */
  pick: <T>(xs: readonly T[]) => T;
  /** Calls a channel through the real dispatcher; throws on a refusal. */
  call: (channel: string, input: unknown) => unknown;
  /** The beat ids of an event, in order. */
  beatIds: (eventId: string) => string[];
  /** A bare one-row commit on the same file: the floor an edit is compared with. */
  bump: () => void;
  /** Closes the library and removes its folder. */
  close: () => void;
}

/**
 * Opens a library in a temp folder with a story of `beats` beats, checkpointed; `sync` (from an
 * environment variable, e.g. OFF) sets `synchronous` so the figures show CPU alone.
 */
export async function openEditBench(
  beats: number,
  title: string,
  sync: string | undefined,
): Promise<EditBench> {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-edit-bench-'));
  const lib = await openLibrary(join(dir, 'bench.db'), { logError: () => {} });
  const { db } = lib;
  const rand = prng(beats);
  const gen = generateStory(db, beats, title);
  lib.checkpoint();
  if (sync) db.pragma(`synchronous = ${sync}`);
  const call = (channel: string, input: unknown): unknown => {
    const r = lib.dispatcher.invoke(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  db.exec('CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, n INTEGER)');
  db.prepare('INSERT OR REPLACE INTO bench_floor VALUES (1, 0)').run();
  const floor = db.prepare('UPDATE bench_floor SET n = n + 1 WHERE id = 1');
  return {
    lib,
    gen,
    pick: (xs) => xs[Math.floor(rand() * xs.length)]!,
    call,
    beatIds: (eventId) =>
      (call('moments:list', { eventId }) as Array<{ id: string }>).map((m) => m.id),
    bump: () => void floor.run(),
    close: () => {
      lib.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
