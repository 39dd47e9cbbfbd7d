import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../electron/core/library';
import { seedStory } from '../helpers/library';

/**
 * Issue 13: hostile story files. Each is imported in a child process run with
 * `--max-old-space-size=1024` (as the hosts import: read the file, then `stories:import`), which
 * reports the time the import took and the peak memory it added (process.resourceUsage().maxRSS).
 * Every one must be refused with `invalid_input` naming a limit, without a crash, and leave the
 * library as it was. The promise is 2 s and 300 MB; the assertions are looser (a loaded 2-core
 * VM) and the real figures are printed for docs/RELIABILITY.md.
 */

const CHILD = resolve(import.meta.dirname, 'children', 'import-child.ts');
const MB50 = 50_000_000;
const HEAD = '{"format":"beatline-story","version":1,"story":{"title":"T","events":[';

/** `unit` repeated to fill about `bytes`, between `head` and `tail`. */
function filled(head: string, unit: string, bytes: number, tail: string): Buffer {
  return Buffer.from(head + unit.repeat(Math.floor(bytes / unit.length)) + tail);
}

const hostile: Array<[name: string, file: string, make: () => Buffer, limit: RegExp]> = [
  [
    '1 MB of {} beats',
    'beats-1mb.beatline.json',
    () => filled(HEAD + '{"title":"E","moments":[', '{},', 1_000_000, '{}]}]}}'),
    /more than 20,000 beats in one event/,
  ],
  [
    '50 MB of {} beats',
    'beats-50mb.beatline.json',
    () => filled(HEAD + '{"title":"E","moments":[', '{},', MB50, '{}]}]}}'),
    /more than 20,000 beats in one event/,
  ],
  [
    '1,000,000 events of {}',
    'events.beatline.json',
    () => filled(HEAD, '{},', 3_000_000, '{}]}}'),
    /story\.events: more than 10,000 events/,
  ],
  [
    'nesting 1,000,000 deep',
    'deep.beatline.json',
    () => filled('', '[', 1_000_000, ']'.repeat(1_000_000)),
    /nested more than 16 levels deep/,
  ],
  [
    'one 50 MB string',
    'string.beatline.json',
    () => filled('{"format":"beatline-story","version":1,"story":{"title":"', 'a', MB50, '"}}'),
    /a text of more than 20,000 characters/,
  ],
  [
    '50 MB of ## lines',
    'headings.md',
    () => filled('# T\n', '##\n', MB50, ''),
    /more than 10,000 events \(## headings\)/,
  ],
  [
    '50 MB of valid Markdown (10 million beats)',
    'beats.md',
    () => filled('# T\n', '## E\n' + '1. x\n'.repeat(25), MB50, ''),
    /more than 200,000 beats in the story/,
  ],
  [
    '50 MB of Markdown in one beat',
    'one-beat.md',
    () => filled('# T\n## E\n1. x\n', '   more\n', MB50, ''),
    /beat: must be at most 20000 characters/,
  ],
  [
    '50 MB of blank lines under an event',
    'blank.md',
    () => filled('# T\n## E\nText.\n', '\n', MB50, ''),
    /more than 5,000,000 lines/,
  ],
  [
    '1,000,000 fields in one object',
    'fields.beatline.json',
    () => {
      let body = '';
      for (let i = 0; i < 1_000_000; i++) body += `"f${i}":0,`;
      return Buffer.from(`{"format":"beatline-story","version":1,${body}"story":{}}`);
    },
    /an object with more than 64 fields/,
  ],
];

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'beatline-hostile-'));
  dbPath = join(dir, 'library.db');
  const lib = await openLibrary(dbPath, { logError: () => {} });
  seedStory(lib.dispatcher, { Opening: ['a', 'b'], Ending: ['c'] }, 'Kept');
  lib.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ChildReport {
  ok: boolean;
  code?: string;
  message?: string;
  ms: number;
  cpuMs: number;
  extraMb: number;
  before: { stories: number; beats: number };
  after: { stories: number; beats: number };
}

/** Imports `path` in a child process limited to a 1 GB heap. */
function importInChild(path: string, mode: 'channel' | 'async'): ChildReport {
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=1024', '--import', 'tsx', CHILD, dbPath, path, mode],
    { encoding: 'utf8', cwd: resolve(import.meta.dirname, '..', '..'), timeout: 120_000 },
  );
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ChildReport;
}

describe('hostile story files (issue 13)', () => {
  it.each(hostile)(
    'refuses %s quickly, with bounded memory, naming the limit',
    (name, file, make, limit) => {
      const path = join(dir, file);
      writeFileSync(path, make());
      try {
        const report = importInChild(path, 'channel');
        console.log(
          `hostile import: ${name}: ${report.ms.toFixed(0)} ms (CPU ${report.cpuMs.toFixed(0)} ms), +${report.extraMb.toFixed(0)} MB peak RSS: ${report.message}`,
        );
        expect(report.ok).toBe(false);
        expect(report.code).toBe('invalid_input');
        expect(report.message).toMatch(limit);
        expect(report.after).toEqual(report.before);
        expect(report.before.stories).toBe(1);
        expect(report.ms).toBeLessThan(10_000);
        expect(report.extraMb).toBeLessThan(600);
      } finally {
        rmSync(path, { force: true });
      }
    },
    180_000,
  );

  it.each([hostile[1]!, hostile[5]!])(
    'the async import (worker) refuses %s too, the library unchanged',
    (name, file, make, limit) => {
      const path = join(dir, file);
      writeFileSync(path, make());
      try {
        const report = importInChild(path, 'async');
        console.log(
          `hostile async import: ${name}: ${report.ms.toFixed(0)} ms, +${report.extraMb.toFixed(0)} MB peak RSS (worker included)`,
        );
        expect(report).toMatchObject({ ok: false, code: 'invalid_input' });
        expect(report.message).toMatch(limit);
        expect(report.after).toEqual(report.before);
      } finally {
        rmSync(path, { force: true });
      }
    },
    180_000,
  );
});
