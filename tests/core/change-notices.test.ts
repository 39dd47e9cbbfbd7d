// Change notices (issue 12): a commit by another connection, by this host for one client, or a
// restore becomes one notice for every subscriber except the one that made all of it. Real
// library files in temp dirs; the second writer is a second connection, as the CLI would be.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibraryHost, type LibraryHost } from '../../electron/core/host/library-host';
import type { ChangeNotice } from '../../electron/core/contract/api';
import { createChangeFeed, type ChangeFeed } from '../../electron/core/host/changes';
import { createRouter } from '../../electron/core/router';
import { openLibrary, type Library } from '../../electron/core/library';
import { must } from '../helpers/library';
import { tempDir } from '../helpers/temp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hostWithFeed(): Promise<{ host: LibraryHost; feed: ChangeFeed; path: string }> {
  const path = join(tempDir(), 'beatline.db');
  const host = await openLibraryHost(path, {
    backupIntervalMs: 0,
    backupOnClose: false,
    log: () => {},
  });
  cleanups.push(() => host.close());
  const feed = createChangeFeed({ database: () => host.library()?.db ?? null });
  cleanups.push(() => feed.close());
  return { host, feed, path };
}

async function secondWriter(path: string): Promise<Library> {
  const other = await openLibrary(path, { logError: () => {} });
  cleanups.push(() => other.close());
  return other;
}

/** Collects the notices one subscriber receives. */
function listen(feed: ChangeFeed, clientId: string | null): ChangeNotice[] {
  const got: ChangeNotice[] = [];
  feed.subscribe(clientId, (notice) => got.push(notice));
  return got;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Waits (generously) until `check` holds. */
async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a notice');
    await sleep(20);
  }
}

describe('change notices', () => {
  it("tells every subscriber about another connection's commit, once", async () => {
    const { feed, path } = await hostWithFeed();
    const a = listen(feed, 'page-a');
    const b = listen(feed, null);
    const other = await secondWriter(path);
    must(other.dispatcher.call('stories:create', { title: 'From the CLI' }));
    await until(() => a.length > 0 && b.length > 0);
    await sleep(600); // several poll periods: still one notice for one commit
    expect(a).toEqual([{ seq: 1 }]);
    expect(b).toEqual([{ seq: 1 }]);
  });

  it('does not wake anyone when nothing was committed', async () => {
    const { host, feed } = await hostWithFeed();
    const a = listen(feed, 'page-a');
    const tracked = createRouter(host, { observe: (c, r) => feed.observe(c, r) });
    must(await tracked.invoke('stories:list', {}));
    expect((await tracked.invoke('stories:create', { title: '' })).ok).toBe(false);
    await sleep(700);
    expect(a).toEqual([]);
  });

  it("tells the others about a client's own write, and not that client", async () => {
    const { host, feed } = await hostWithFeed();
    const a = listen(feed, 'page-a');
    const b = listen(feed, 'page-b');
    const tracked = createRouter(host, { observe: (c, r) => feed.observe(c, r) });
    const created = await feed.runAs('page-a', () =>
      tracked.invoke('stories:create', { title: 'Written in page A' }),
    );
    expect(created).toMatchObject({ ok: true });
    await until(() => b.length > 0);
    await sleep(400);
    expect(b).toEqual([{ seq: 1 }]);
    expect(a).toEqual([]);
  });

  it('tells a client when a notice also covers a change someone else made', async () => {
    const { host, feed, path } = await hostWithFeed();
    const a = listen(feed, 'page-a');
    const tracked = createRouter(host, { observe: (c, r) => feed.observe(c, r) });
    const other = await secondWriter(path);
    // Both commits land before the poll and the coalescing window: one notice covers both.
    await feed.runAs('page-a', () => tracked.invoke('stories:create', { title: 'A' }));
    must(other.dispatcher.call('stories:create', { title: 'CLI' }));
    await until(() => a.length > 0);
    expect(a[0]).toEqual({ seq: expect.any(Number) as number });
  });

  it('coalesces a burst of writes into a few notices, at most one per 100 ms', async () => {
    const { host, feed } = await hostWithFeed();
    const seen: number[] = [];
    feed.subscribe('watcher', () => seen.push(performance.now()));
    const tracked = createRouter(host, { observe: (c, r) => feed.observe(c, r) });
    const started = performance.now();
    for (let i = 0; i < 60; i += 1) {
      await feed.runAs('writer', () => tracked.invoke('stories:create', { title: `S${i}` }));
      await sleep(5);
    }
    await sleep(300);
    const elapsed = performance.now() - started;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    for (let i = 1; i < seen.length; i += 1) {
      // The timer may fire a hair early; never twice within one window.
      expect(seen[i]! - seen[i - 1]!).toBeGreaterThanOrEqual(95);
    }
  });

  it('tells everyone, the restorer too, after a restore', async () => {
    const { host, feed } = await hostWithFeed();
    const tracked = createRouter(host, { observe: (c, r) => feed.observe(c, r) });
    must(await tracked.invoke('stories:create', { title: 'Before the backup' }));
    const backup = await host.backup('manual');
    await sleep(300); // the notice for the write above goes to nobody
    const a = listen(feed, 'page-a');
    const restored = await feed.runAs('page-a', () =>
      tracked.invoke('backups:restore', { backupId: backup.id }),
    );
    expect(restored).toMatchObject({ ok: true });
    await until(() => a.length > 0);
    await sleep(400);
    expect(a).toHaveLength(1);
  });

  it('stops after unsubscribe and after close', async () => {
    const { feed, path } = await hostWithFeed();
    const got: ChangeNotice[] = [];
    const unsubscribe = feed.subscribe('page-a', (notice) => got.push(notice));
    expect(feed.size()).toBe(1);
    unsubscribe();
    expect(feed.size()).toBe(0);
    const other = await secondWriter(path);
    must(other.dispatcher.call('stories:create', { title: 'Nobody hears this' }));
    await sleep(600);
    expect(got).toEqual([]);
    feed.close();
    feed.noteWrite(null);
    await sleep(200);
    expect(got).toEqual([]);
  });
});
