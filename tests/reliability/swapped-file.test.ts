// A library file swapped underneath an open host (issue 13): a restore by the CLI, a sync tool or
// `mv` puts another file at the path. The host notices within a poll of its change feed, without
// waiting for a write: it stops writing, health says `replaced`, every page hears a change
// notice, and the file now at the path is left byte for byte. Real files, a real browser host,
// the real CLI in its own process.
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { createHostChangeFeed } from '../../electron/core/host/changes';
import { openChangeStream, startFixture, until, type Fixture } from '../web/helpers';
import { seededLibraryFile } from './helpers';
import { tempDir } from '../helpers/temp';

const REFUSAL = /moved, replaced or deleted while Beatline had it open.*Reopen the library/;
/** Generous: the feed polls every 200 ms; this only bounds a hang on a loaded VM. */
const NOTICE_TIMEOUT_MS = 30_000;
const bin = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');

let fx: Fixture;
beforeEach(async () => {
  fx = await startFixture();
});
afterEach(async () => {
  await fx.cleanup();
});

async function post(channel: string, body: unknown = {}) {
  const response = await fetch(`${fx.base}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token },
    body: JSON.stringify(body),
  });
  return (await response.json()) as
    { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
}

function page() {
  return openChangeStream(fx.host.port, {
    'X-Beatline-Token': fx.host.token,
    'X-Beatline-Client': 'page-a',
    Origin: fx.base,
  });
}

/** Runs the real `beatline` command in its own process (the host keeps serving meanwhile). */
function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

describe('a library file swapped under the browser host is noticed without a write', () => {
  it('a file renamed over the library: a notice, health replaced, writes refused, file untouched', async () => {
    expect((await post('stories:create', { title: 'Mine' })).ok).toBe(true);
    const stream = await page();
    try {
      const other = join(fx.dir, 'other.db');
      await seededLibraryFile(other, { stories: 3 });
      const replacement = readFileSync(other);
      renameSync(other, fx.dbPath); // what `mv`, a sync tool or a swapping restore does

      await until(() => stream.notices.length > 0, NOTICE_TIMEOUT_MS);
      const health = await post('library:health');
      expect(health).toMatchObject({ ok: true, value: { status: 'damaged', kind: 'replaced' } });
      if (health.ok) expect((health.value as { message: string }).message).toMatch(REFUSAL);
      for (const [channel, input] of [
        ['stories:create', { title: 'Lost?' }],
        ['stories:list', {}],
      ] as const) {
        const refused = await post(channel, input);
        expect(refused, channel).toMatchObject({ ok: false, error: { code: 'conflict' } });
        if (!refused.ok) expect(refused.error.message, channel).toMatch(REFUSAL);
      }
      expect(readFileSync(fx.dbPath).equals(replacement)).toBe(true);
      await fx.host.close();
      expect(readFileSync(fx.dbPath).equals(replacement), 'after close too').toBe(true);
    } finally {
      stream.close();
    }
  }, 120_000);

  it('beatline restore in another process: pages hear of it and read the restored library', async () => {
    expect((await post('stories:create', { title: 'Kept' })).ok).toBe(true);
    const backup = await post('backups:create');
    if (!backup.ok) throw new Error(backup.error.message);
    expect((await post('stories:create', { title: 'After the backup' })).ok).toBe(true);
    const stream = await page();
    try {
      const run = await cli(['restore', '--db', fx.dbPath, (backup.value as { id: string }).id]);
      expect(run.code, run.stderr).toBe(0);
      await until(() => stream.notices.length > 0, NOTICE_TIMEOUT_MS);
      const list = await post('stories:list');
      expect(list.ok && (list.value as Array<{ title: string }>).map((s) => s.title)).toEqual([
        'Kept',
      ]);
      expect(await post('library:health')).toMatchObject({ ok: true, value: { kind: 'ok' } });
      expect((await post('stories:create', { title: 'Goes on' })).ok).toBe(true);
    } finally {
      stream.close();
    }
  }, 120_000);
});

describe('LibraryHost.noticeSwap (issue 13)', () => {
  it('answers true once for a deleted file, then the host is replaced and refuses everything', async () => {
    const path = join(tempDir(), 'lib.db');
    const host = await openLibraryHost(path, { backupIntervalMs: 0, log: () => {} });
    const feed = createHostChangeFeed(host);
    const notices: unknown[] = [];
    feed.subscribe(null, (notice) => notices.push(notice));
    try {
      expect(host.noticeSwap()).toBe(false);
      expect(host.state()).toBe('open');
      rmSync(path);
      await until(() => notices.length > 0, NOTICE_TIMEOUT_MS);
      expect(host.state()).toBe('replaced');
      expect(host.library()).toBeNull();
      expect(host.noticeSwap()).toBe(false);
      expect(host.health()).toMatchObject({ status: 'damaged', kind: 'replaced' });
      expect(await host.invoke('stories:list', {})).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
      expect(await host.backupIfChanged('auto')).toBeNull();
      expect(await host.invoke('backups:create', {})).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      feed.close();
      await host.close();
    }
    expect(host.state()).toBe('closed');
  }, 60_000);
});
