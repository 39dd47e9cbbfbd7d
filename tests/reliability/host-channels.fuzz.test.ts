// The host channels (library:health, backups:list/create/restore) at the boundary: arbitrary
// payloads get a Result, never a throw; refusals are invalid_input/not_found/conflict, never
// internal, and leave the library and its backups exactly as they were.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibraryHost, type LibraryHost } from '../../electron/core/host/library-host';
import { backupsDirFor } from '../../electron/core/backup/names';
import { HOST_CHANNELS } from '../../electron/core/contract/channels';
import { ERROR_CODES } from '../../electron/core/contract/types';
import { dumpDatabase } from '../helpers/library';
import { seededLibraryFile, snapshotDir } from './helpers';

const hostile = fc.oneof(
  fc.anything({ withNullPrototype: true, withObjectString: true }),
  fc.constantFrom(NaN, Infinity, -Infinity, '', '..', '../beatline.db', '/etc/passwd', '\u0000'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant('x'.repeat(100_000)),
);
const payload = fc.oneof(
  hostile,
  fc.dictionary(fc.constantFrom('backupId', '__proto__', 'constructor', 'extra'), hostile, {
    maxKeys: 3,
  }),
  fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "backupId": "x"}') as unknown),
);

let dir: string;
let host: LibraryHost;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'beatline-host-fuzz-'));
  const path = join(dir, 'beatline.db');
  await seededLibraryFile(path, { stories: 2, beats: 3 });
  host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
  await host.backup('manual');
});
afterAll(async () => {
  await host.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('host channels under hostile input', () => {
  it('answer every payload with a Result; refusals change nothing', async () => {
    const channels = HOST_CHANNELS.filter((c) => c !== 'backups:create');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), payload, async (channel, input) => {
        const db = host.library()!.db;
        const before = dumpDatabase(db);
        const backupsBefore = snapshotDir(backupsDirFor(host.path));
        const result = await host.invoke(channel, input);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) {
          expect(ERROR_CODES).toContain(result.error.code);
          expect(result.error.code).not.toBe('internal');
        }
        expect(dumpDatabase(host.library()!.db)).toBe(before);
        expect(snapshotDir(backupsDirFor(host.path))).toEqual(backupsBefore);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('backups:create takes exactly {} and refuses anything else without writing', async () => {
    const backupsBefore = snapshotDir(backupsDirFor(host.path));
    for (const input of [{ extra: 1 }, 'now', 42, [], { kind: 'auto' }]) {
      expect(await host.invoke('backups:create', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(snapshotDir(backupsDirFor(host.path))).toEqual(backupsBefore);
  });
});
