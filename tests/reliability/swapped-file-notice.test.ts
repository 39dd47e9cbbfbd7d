// A swapped library file becomes a change notice whoever notices the swap first (issue 13, h41).
// CI found a page left on its story view, "Saved", after a foreign file was renamed over the
// library: a call that reached the host between the rename and the change feed's next poll (a
// write refused by the dispatcher's file check, `library:health`, a story check) moved the host
// to `replaced` itself, and the poll, finding nothing left to notice, sent no notice. Each case
// below notices the swap through another door, before the poll can, and every page must still
// hear of it. Real files, a real library host and its real change feed.
import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../electron/core/contract/api';
import { createHostChangeFeed, type ChangeFeed } from '../../electron/core/host/changes';
import { openLibraryHost, type LibraryHost } from '../../electron/core/host/library-host';
import { tempDir } from '../helpers/temp';
import { until } from '../web/helpers';
import { seededLibraryFile } from './helpers';

/** Generous: the feed polls every 200 ms; this only bounds a hang on a loaded VM. */
const NOTICE_TIMEOUT_MS = 15_000;

let open: { host: LibraryHost; feed: ChangeFeed } | null = null;
afterEach(async () => {
  open?.feed.close();
  await open?.host.close();
  open = null;
});

async function hostWithPage() {
  const dir = tempDir();
  const path = join(dir, 'lib.db');
  const host = await openLibraryHost(path, { backupIntervalMs: 0, log: () => {} });
  const feed = createHostChangeFeed(host);
  open = { host, feed };
  const notices: ChangeNotice[] = [];
  // A page: it hears every change except those it made itself.
  feed.subscribe('page-a', (notice) => notices.push(notice));
  expect(await host.invoke('stories:create', { title: 'Mine' })).toMatchObject({ ok: true });
  // Its own write is not news to it; let that notice window pass.
  await new Promise((done) => setTimeout(done, 400));
  notices.length = 0;
  return { dir, path, host, feed, notices };
}

/** Puts another library at `path` the way `mv`, a sync tool or a restore elsewhere does. */
async function swap(dir: string, path: string): Promise<void> {
  const other = join(dir, 'other.db');
  await seededLibraryFile(other, { stories: 1 });
  renameSync(other, path);
}

describe('a swap noticed by a call before the change feed polls still reaches every page', () => {
  const doors: Array<[string, (host: LibraryHost, feed: ChangeFeed) => unknown]> = [
    // The page's own write: refused by the file check; the page is told by the refusal and
    // every other page by the notice.
    [
      'a write from the page (refused)',
      (_host, feed) =>
        feed.runAs('page-b', () => _host.invoke('stories:create', { title: 'Lost?' })),
    ],
    ['library:health', (host) => host.health()],
    ['a backup', (host) => host.invoke('backups:create', {})],
    // What the check router does before handing a check to its worker.
    ['the library’s own check (Library.replaced)', (host) => host.library()?.replaced()],
  ];

  for (const [door, notice] of doors) {
    it(`noticed by ${door}`, async () => {
      const { dir, path, host, feed, notices } = await hostWithPage();
      await swap(dir, path);
      // Synchronously after the rename: the poll cannot have run in between.
      await notice(host, feed);
      expect(host.health()).toMatchObject({ status: 'damaged', kind: 'replaced' });
      await until(() => notices.length > 0, NOTICE_TIMEOUT_MS);
    }, 60_000);
  }

  it('a deleted file noticed by a refused write: the notice reaches the page that wrote too', async () => {
    const { path, host, feed, notices } = await hostWithPage();
    rmSync(path);
    const refused = await feed.runAs('page-a', () =>
      host.invoke('stories:create', { title: 'Lost?' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await until(() => notices.length > 0, NOTICE_TIMEOUT_MS);
  }, 60_000);
});
