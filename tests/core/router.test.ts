import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLibraryHost, type LibraryHost } from '../../electron/core/host/library-host';
import { importStoryInWorker } from '../../electron/core/host/import-story';
import { createRouter } from '../../electron/core/router';
import {
  registerFileDialogs,
  type DialogsLike,
  type ImportFile,
} from '../../electron/main/file-dialogs';
import { must } from '../helpers/library';
import { tempDir } from '../helpers/temp';

async function hostRouter() {
  const dir = tempDir();
  const host = await openLibraryHost(join(dir, 'beatline.db'), { backupOnClose: false });
  const seen: string[] = [];
  const router = createRouter(host, {
    observe: (channel, result) => seen.push(`${channel}:${result.ok}`),
  });
  return { dir, host, router, seen };
}

const dialogs = (answers: { save?: string | null; open?: string | null }): DialogsLike => ({
  showSaveDialog: () =>
    Promise.resolve(
      answers.save ? { canceled: false, filePath: answers.save } : { canceled: true },
    ),
  showOpenDialog: () =>
    Promise.resolve(
      answers.open
        ? { canceled: false, filePaths: [answers.open] }
        : { canceled: true, filePaths: [] },
    ),
  showMessageBox: () => Promise.resolve({ response: 1 }),
});

/** The desktop app's import of a chosen file (in-process here: no worker bundle). */
const importFileInto =
  (host: LibraryHost): ImportFile =>
  (path, ifTitleExists) =>
    importStoryInWorker(host, { path, ifTitleExists });

describe('the router every host uses', () => {
  it('answers every channel through the library host, as a promise, and tells its observer', async () => {
    const { host, router, seen } = await hostRouter();
    const story = must(await router.invoke('stories:create', { title: 'Routed' }));
    expect(must(await router.invoke('stories:list', {}))).toMatchObject([
      { id: (story as { id: string }).id },
    ]);
    expect(must(await router.invoke('library:health', {}))).toMatchObject({ status: 'ok' });
    expect(await router.invoke('no:such', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(seen).toEqual(['stories:create:true', 'stories:list:true', 'library:health:true']);
    await host.close();
  });

  it('takes a host handler in place of the library answer (the browser host keeps its own)', async () => {
    const { host, router } = await hostRouter();
    expect(must(await router.invoke('files:openImport', {}))).toMatchObject({ kind: 'pick' });
    registerFileDialogs(router, dialogs({ open: null }), () => '/nowhere', importFileInto(host));
    expect(must(await router.invoke('files:openImport', {}))).toEqual({ kind: 'cancelled' });
    await host.close();
  });

  it('saves an export through the native dialog, and names the file when writing fails', async () => {
    const { dir, host, router } = await hostRouter();
    const story = must(await router.invoke('stories:create', { title: 'Saved' })) as { id: string };
    const target = join(dir, 'saved.md');
    registerFileDialogs(router, dialogs({ save: target }), () => dir, importFileInto(host));
    expect(
      must(await router.invoke('files:saveExport', { storyId: story.id, format: 'md' })),
    ).toMatchObject({
      kind: 'saved',
      path: target,
    });
    expect(readFileSync(target, 'utf8')).toContain('Saved');
    registerFileDialogs(
      router,
      dialogs({ save: join(dir, 'missing', 'x.md') }),
      () => dir,
      importFileInto(host),
    );
    const failed = await router.invoke('files:saveExport', { storyId: story.id, format: 'md' });
    expect(failed).toMatchObject({ ok: false, error: { message: expect.stringMatching(/x\.md/) } });
    await host.close();
  });

  it('refuses to save an export over the open library or its -wal (h78), writing nothing', async () => {
    const { dir, host, router } = await hostRouter();
    const story = must(await router.invoke('stories:create', { title: 'Kept' })) as { id: string };
    const library = join(dir, 'beatline.db');
    const bytes = () => [library, `${library}-wal`].map((f) => readFileSync(f).toString('hex'));
    for (const target of [library, `${library}-wal`]) {
      registerFileDialogs(router, dialogs({ save: target }), () => dir, importFileInto(host));
      const before = bytes();
      const refused = await router.invoke('files:saveExport', { storyId: story.id, format: 'md' });
      expect(refused).toMatchObject({
        ok: false,
        error: { message: expect.stringMatching(/an export never replaces a database/) },
      });
      expect(bytes()).toEqual(before);
    }
    expect(must(await router.invoke('stories:list', {}))).toMatchObject([{ title: 'Kept' }]);
    await host.close();
  });

  it('refuses an unreadable import by its file name and imports nothing', async () => {
    const { dir, host, router } = await hostRouter();
    registerFileDialogs(
      router,
      dialogs({ open: join(dir, 'absent.md') }),
      () => dir,
      importFileInto(host),
    );
    const refused = await router.invoke('files:openImport', {});
    expect(refused).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/absent\.md/) },
    });
    expect(must(await router.invoke('stories:list', {}))).toEqual([]);
    await host.close();
  });
});
