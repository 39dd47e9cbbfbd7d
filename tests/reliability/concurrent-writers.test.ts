// Two writers at once: two processes append to the same event of one library file at the same
// time while the CLI takes a backup of it. Both succeed (a writer that finds the file busy waits,
// up to the busy timeout), every write is there exactly once and in each writer's order, and the
// file passes integrity_check afterwards.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../electron/core/library';
import { must, seedStory } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { prepareChildScript, type ChildScript } from './bundle';
import { runCliAsync } from './helpers';

const PER_WRITER = 80;
const writerScript = resolve(import.meta.dirname, 'fixtures', 'concurrent-writer.ts');

let script: ChildScript;
beforeAll(async () => {
  script = await prepareChildScript(writerScript);
});
afterAll(() => script?.cleanup());

interface Summary {
  label: string;
  acknowledged: number;
  refusals: string[];
  ms: number;
}

function startWriter(path: string, eventId: string, label: string) {
  const child = spawn(
    process.execPath,
    [...script.args, path, eventId, label, String(PER_WRITER)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const done = new Promise<Summary>((resolveDone, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`writer ${label} exited ${code}: ${err}`));
      else resolveDone(JSON.parse(out) as Summary);
    });
  });
  return { go: () => child.stdin.write('go\n'), done };
}

describe('two writers on one library file', () => {
  it('both succeed or wait, every write is kept, and the file stays sound', async () => {
    const dir = tempDir();
    const path = join(dir, 'shared.db');
    const seeded = await openLibrary(path, { logError: () => {} });
    const { events } = seedStory(seeded.dispatcher, { Shared: ['Seed beat'] });
    const eventId = events[0]!.event.id;
    seeded.close();

    const a = startWriter(path, eventId, 'A');
    const b = startWriter(path, eventId, 'B');
    a.go();
    b.go();
    const cliBackup = runCliAsync(['backup', '--db', path], tempDir());
    const [sa, sb, backup] = await Promise.all([a.done, b.done, cliBackup]);

    expect(sa.refusals).toEqual([]);
    expect(sb.refusals).toEqual([]);
    expect(sa.acknowledged).toBe(PER_WRITER);
    expect(sb.acknowledged).toBe(PER_WRITER);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);

    const lib = await openLibrary(path, { logError: () => {} });
    try {
      expect(lib.db.pragma('integrity_check', { simple: true })).toBe('ok');
      const beats = must(lib.dispatcher.call('moments:list', { eventId }));
      const texts = beats.map((m) => m.description);
      expect(texts).toHaveLength(1 + 2 * PER_WRITER);
      expect(new Set(texts).size).toBe(texts.length);
      const keys = beats.map((m) => m.orderKey);
      expect(keys.every((k, i) => i === 0 || keys[i - 1]! < k)).toBe(true);
      for (const label of ['A', 'B']) {
        const mine = texts.filter((t) => t.startsWith(`${label}-`));
        expect(mine).toEqual(Array.from({ length: PER_WRITER }, (_, i) => `${label}-${i}`));
      }
      // The writers really overlapped: both were writing while the other was.
      const interleaved = texts.slice(1).some((t, i, all) => i > 0 && t[0] !== all[i - 1]![0]);
      expect(interleaved).toBe(true);
    } finally {
      lib.close();
    }
  });
});
