// Damaged library files: the startup check classifies each one, never deletes or writes to it
// (every file in its folder compared byte for byte), and names the newest good backup; the
// app host stays in recovery mode and the CLI says the same and exits 1.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { backupsDirFor } from '../../electron/core/backup/names';
import type { BackupInfo } from '../../electron/core/contract/outputs';
import { checkLibraryHealth, inspectDatabaseFile } from '../../electron/core/db/health';
import { main } from '../../electron/cli/main';
import { tempDir } from '../helpers/temp';
import {
  EXPECTED_KIND,
  runCliAsync,
  seededLibraryFile,
  snapshotDir,
  writeDamagedCopy,
  type Damage,
} from './helpers';

const DAMAGES = Object.keys(EXPECTED_KIND) as Damage[];

/** The CLI's main() in this process, with its output captured (no 1 s tsx start per run). */
async function runCliInProcess(argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    { out: (t) => void (stdout += t), err: (t) => void (stderr += t) },
    { BEATLINE_DB: '' },
  );
  return { code, stdout, stderr };
}

/** A sound library (closed, no -wal), built once and copied for each case. */
let pristine: string;
let pristineDir: string;
beforeAll(async () => {
  pristineDir = mkdtempSync(join(tmpdir(), 'beatline-pristine-'));
  pristine = join(pristineDir, 'pristine.db');
  await seededLibraryFile(pristine, { stories: 3, beats: 12 });
});
afterAll(() => rmSync(pristineDir, { recursive: true, force: true }));

/**
 * A folder holding a damaged `beatline.db` and its backups: an older good one and a newer one
 * that is itself damaged, so "the newest good backup" has to skip it.
 */
async function damagedLibrary(damage: Damage) {
  const dir = tempDir();
  const path = join(dir, 'beatline.db');
  copyFileSync(pristine, path);
  const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
  const good = await host.backup('manual');
  await new Promise((resolve) => setTimeout(resolve, 5));
  const newer = await host.backup('manual');
  await host.close();
  const newerFile = join(backupsDirFor(path), newer.id);
  writeDamagedCopy(newerFile, newerFile, 'flipped');
  writeDamagedCopy(pristine, path, damage);
  return { dir, path, good, newer };
}

describe('the startup check on damaged copies', () => {
  it.each(DAMAGES)(
    'classifies a %s file and leaves its folder byte-for-byte as it was',
    async (damage) => {
      const { dir, path, good } = await damagedLibrary(damage);
      const before = snapshotDir(dir);

      const quick = inspectDatabaseFile(path, { check: 'quick' });
      const full = inspectDatabaseFile(path, { check: 'full' });
      expect(quick.kind).toBe(EXPECTED_KIND[damage]);
      expect(full.kind).toBe(EXPECTED_KIND[damage]);
      expect(quick.problems.length).toBeGreaterThan(0);

      const { report } = checkLibraryHealth(path);
      expect(report).toMatchObject({
        status: 'damaged',
        kind: EXPECTED_KIND[damage],
        fileName: 'beatline.db',
      });
      expect(report.message).toMatch(/left untouched/);
      expect(report.newestGoodBackup?.id).toBe(good.id);

      expect(snapshotDir(dir)).toEqual(before);
    },
  );

  it('reports a sound library as ok and a missing one as missing', async () => {
    expect(inspectDatabaseFile(pristine, { check: 'full' })).toMatchObject({ kind: 'ok' });
    const missing = join(tempDir(), 'nothing-here.db');
    expect(inspectDatabaseFile(missing)).toMatchObject({ kind: 'missing' });
    expect(readdirSync(join(missing, '..'))).toEqual([]);
  });

  it('says when there is no good backup at all', async () => {
    const dir = tempDir();
    const path = join(dir, 'beatline.db');
    writeDamagedCopy(pristine, path, 'truncated_mid_page');
    expect(checkLibraryHealth(path).report.newestGoodBackup).toBeNull();
  });
});

describe('the app host on damaged copies', () => {
  it.each(DAMAGES)('opens a %s library in recovery mode without touching it', async (damage) => {
    const { dir, path, good } = await damagedLibrary(damage);
    const before = snapshotDir(dir);
    const host = await openLibraryHost(path, { log: () => {}, backupIntervalMs: 0 });
    expect(host.state()).toBe('damaged');
    expect(host.library()).toBeNull();
    const health = (await host.invoke('library:health', {})) as {
      ok: true;
      value: { status: string; kind: string; newestGoodBackup: BackupInfo | null };
    };
    expect(health.value).toMatchObject({ status: 'damaged', kind: EXPECTED_KIND[damage] });
    expect(health.value.newestGoodBackup?.id).toBe(good.id);
    for (const [channel, input] of [
      ['stories:list', {}],
      ['stories:create', { title: 'Should not be written' }],
    ] as const) {
      expect(await host.invoke(channel, input), channel).toMatchObject({
        ok: false,
        error: { code: 'conflict', message: expect.stringMatching(/could not be opened/) },
      });
    }
    expect(await host.invoke('backups:create', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await host.close();
    expect(snapshotDir(dir)).toEqual(before);
  });
});

describe('the CLI on damaged copies', () => {
  it.each(DAMAGES)(
    'check and list refuse a %s file, naming the good backup, exit 1',
    async (damage) => {
      const { dir, path, good } = await damagedLibrary(damage);
      const before = snapshotDir(dir);
      const home = tempDir();
      const commands = ['check', 'list', 'backup'];
      // `check` through the real `beatline` binary; the rest through the CLI's main() in process.
      const runs = [];
      for (const command of [...commands, 'backups']) {
        runs.push(
          command === 'check'
            ? await runCliAsync([command, '--db', path], home)
            : await runCliInProcess([command, '--db', path]),
        );
      }
      for (const [i, command] of commands.entries()) {
        const run = runs[i]!;
        expect(run.code, `${command}: ${run.stderr}`).toBe(1);
        expect(run.stdout).toBe('');
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toContain('left untouched');
        expect(run.stderr).toContain(`Newest good backup: ${good.id}`);
        expect(run.stderr).toContain(`beatline restore --db ${JSON.stringify(path)} ${good.id}`);
      }
      const listed = runs.at(-1)!;
      expect(listed.code).toBe(0);
      expect(listed.stderr).toContain(`Newest good backup: ${good.id}`);
      expect(listed.stdout).toContain(good.id);
      expect(snapshotDir(dir)).toEqual(before);
    },
  );

  it('restore replaces a damaged library with the good backup and keeps the damaged file', async () => {
    const { dir, path, good } = await damagedLibrary('flipped');
    const damaged = snapshotDir(dir).get('beatline.db')!;
    const run = await runCliInProcess(['restore', '--db', path, good.id]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Restored .* 3 stories/);
    const check = await runCliInProcess(['check', '--db', path]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/Integrity: ok/);
    const aside = /kept as (\S+);/.exec(run.stdout)?.[1];
    expect(aside).toMatch(/before-restore/);
    expect(snapshotDir(backupsDirFor(path)).get(aside!)?.equals(damaged)).toBe(true);
  });
});

describe('folders stay as they were', () => {
  it('a damaged library in a folder of its own gets no backups folder from a check', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nested'));
    const path = join(dir, 'nested', 'beatline.db');
    writeDamagedCopy(pristine, path, 'flipped');
    const before = snapshotDir(join(dir, 'nested'));
    checkLibraryHealth(path);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['beatline.db']);
    expect(snapshotDir(join(dir, 'nested'))).toEqual(before);
  });
});
