// Backups where they cannot be written (issue 13): a backups folder that is read-only, a library
// folder that is read-only (so the backups folder cannot be made), a file standing where the
// backups folder should be. The CLI and the host's `backups:create` Result say which folder and
// why, and nothing changes, byte for byte. Root ignores chmod, so the read-only cases use real
// read-only mounts (root only; skipped with a line elsewhere); the file-in-the-way case runs
// everywhere.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { runCli } from '../cli/helpers';
import { tempDir } from '../helpers/temp';
import { bindReadOnly, isRoot, mountTmpfs } from './file-safety-helpers';
import { seededLibraryFile, snapshotDir } from './helpers';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/** `beatline backup` and the host's `backups:create` both refuse with `message`; nothing changes. */
async function expectRefused(dir: string, path: string, message: RegExp) {
  const before = snapshotDir(dir);
  const backups = join(dir, 'lib-backups');
  const backupsBefore = snapshotIfFolder(backups);

  const run = runCli(['backup', '--db', path], { home: tempDir() });
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/unable to open database file|EROFS|EEXIST|unexpectedly/);

  const host = await openLibraryHost(path, { backupIntervalMs: 0, log: () => {} });
  try {
    const made = await host.invoke('backups:create', {});
    expect(made).toMatchObject({ ok: false, error: { code: 'conflict' } });
    if (!made.ok) expect(made.error.message).toMatch(message);
  } finally {
    await host.close();
  }
  expect(snapshotDir(dir), 'the library folder, byte for byte').toEqual(before);
  expect(snapshotIfFolder(backups), 'the backups folder, byte for byte').toEqual(backupsBefore);
}

function snapshotIfFolder(dir: string) {
  try {
    return snapshotDir(dir);
  } catch {
    return null;
  }
}

describe('backups that cannot be written say why (issue 13)', () => {
  it('a file where the backups folder should be (runs everywhere, root too)', async () => {
    const dir = tempDir();
    const path = join(dir, 'lib.db');
    await seededLibraryFile(path);
    writeFileSync(join(dir, 'lib-backups'), 'my notes, not a folder\n');
    await expectRefused(
      dir,
      path,
      /The backups folder .*lib-backups is a file, not a folder; no backup can be written there, so nothing was changed\./,
    );
  }, 120_000);

  it.skipIf(!isRoot)(
    'a read-only backups folder (a read-only bind mount: root ignores chmod)',
    async () => {
      const dir = tempDir();
      const path = join(dir, 'lib.db');
      await seededLibraryFile(path);
      const backups = join(dir, 'lib-backups');
      mkdirSync(backups);
      writeFileSync(join(backups, 'README.txt'), 'kept\n');
      mountReadOnlyFolder(backups);
      await expectRefused(
        dir,
        path,
        /The backups folder .*lib-backups is read-only \(a read-only disk\); no backup can be written there, so nothing was changed\./,
      );
    },
    120_000,
  );

  it.skipIf(!isRoot)(
    'a read-only library folder: the backups folder cannot be made (a read-only tmpfs)',
    async () => {
      const mount = mountTmpfs(16);
      cleanups.push(() => mount.unmount());
      const path = join(mount.dir, 'lib.db');
      await seededLibraryFile(path);
      mount.readOnly();
      await expectRefused(
        mount.dir,
        path,
        /The backups folder .*lib-backups cannot be created because the library's folder is read-only \(the disk is read-only\); no backup can be written there, so nothing was changed\./,
      );
    },
    120_000,
  );

  if (!isRoot) it.skip('read-only folders: skipped, read-only mounts need root', () => {});
});

/** A read-only bind mount of a folder over itself, undone after the test. */
function mountReadOnlyFolder(dir: string): void {
  cleanups.push(bindReadOnly(dir));
}
