import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refusalOf, type DomainError } from '../../electron/core/errors';
import { importStoryFileAsync } from '../../electron/core/formats/import-async';
import { runImportJob } from '../../electron/core/formats/import-job';
import { createRouter } from '../../electron/core/router';
import {
  registerFileDialogs,
  type DialogsLike,
  type ImportFile,
} from '../../electron/main/file-dialogs';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { tempDir } from '../helpers/temp';

const outline = '# Heist\n\n## Vault\n\n1. The door opens\n';

/** Importing a story whose title is already in the library asks first (issue 16). */
describe('importing a story whose title exists', () => {
  it('is refused with conflict when asked to refuse, changing nothing', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Vault: ['x'] }, 'Heist');
    const before = dumpDatabase(lib.db);
    const refused = lib.dispatcher.call('stories:import', {
      format: 'md',
      content: outline,
      ifTitleExists: 'refuse',
    });
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'A story titled “Heist” is already in your library.',
        // Issue 16 (h35): a reason of its own, so no client has to read the message.
        reason: 'title_taken',
      },
    });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('copy adds "X (copy)", "X (copy 2)": the same titles as `beatline import --copy`', async () => {
    const app = await tempLibrary();
    const cli = await tempLibrary();
    for (const lib of [app, cli]) seedStory(lib.dispatcher, { Vault: ['x'] }, 'Heist');
    const appTitles = [0, 1].map(
      () =>
        must(
          app.dispatcher.call('stories:import', {
            format: 'md',
            content: outline,
            ifTitleExists: 'copy',
          }),
        ).title,
    );
    // The CLI's path (and the desktop app's worker): runImportJob with the same option.
    const cliTitles: string[] = [];
    for (let i = 0; i < 2; i++) {
      cliTitles.push(
        (await runImportJob(cli.db, { format: 'md', content: outline, ifTitleExists: 'copy' }))
          .title,
      );
    }
    expect(appTitles).toEqual(['Heist (copy)', 'Heist (copy 2)']);
    expect(cliTitles).toEqual(appTitles);
    // A free title is kept as it is.
    const fresh = must(
      app.dispatcher.call('stories:import', {
        format: 'md',
        content: '# Caper\n\n## Roof\n\n1. Up\n',
        ifTitleExists: 'copy',
      }),
    );
    expect(fresh.title).toBe('Caper');
  });

  it('the refusal keeps its reason through the import worker (a file the host reads)', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Vault: ['x'] }, 'Heist');
    const file = join(tempDir(), 'heist.md');
    writeFileSync(file, outline);
    const before = dumpDatabase(lib.db);
    await expect(
      importStoryFileAsync(lib.db, { path: file, ifTitleExists: 'refuse' }),
    ).rejects.toMatchObject({ code: 'conflict', reason: 'title_taken' });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('knows the title in another Unicode form: "Café" as e + U+0301 (h78)', async () => {
    // A Markdown file from an editor that writes é as two code points was imported beside the
    // story "Café" as a second "Café", unasked, and `beatline import` did not refuse it.
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Vault: ['x'] }, 'Caf\u00e9');
    const decomposed = '# Cafe\u0301\n\n## Vault\n\n1. The door opens\n';
    const before = dumpDatabase(lib.db);
    const refused = lib.dispatcher.call('stories:import', {
      format: 'md',
      content: decomposed,
      ifTitleExists: 'refuse',
    });
    expect(refused).toMatchObject({ ok: false, error: { reason: 'title_taken' } });
    expect(dumpDatabase(lib.db)).toBe(before);
    const copies = [0, 1].map(
      () =>
        must(
          lib.dispatcher.call('stories:import', {
            format: 'md',
            content: decomposed,
            ifTitleExists: 'copy',
          }),
        ).title,
    );
    expect(copies.map((t) => t.normalize('NFC'))).toEqual([
      'Caf\u00e9 (copy)',
      'Caf\u00e9 (copy 2)',
    ]);
  });

  it('an unknown ifTitleExists is invalid_input and changes nothing', async () => {
    const lib = await tempLibrary();
    const before = dumpDatabase(lib.db);
    expect(
      lib.dispatcher.call('stories:import', {
        format: 'md',
        content: outline,
        ifTitleExists: 'rename',
      } as never),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('is added as a copy when asked to add, or when nothing is said (as before)', async () => {
    const lib = await tempLibrary();
    seedStory(lib.dispatcher, { Vault: ['x'] }, 'Heist');
    must(
      lib.dispatcher.call('stories:import', {
        format: 'md',
        content: outline,
        ifTitleExists: 'add',
      }),
    );
    must(lib.dispatcher.call('stories:import', { format: 'md', content: outline }));
    const titles = must(lib.dispatcher.call('stories:list', {})).map((s) => s.title);
    expect(titles.filter((t) => t === 'Heist')).toHaveLength(3);
  });

  it('a new title imports without a question', async () => {
    const lib = await tempLibrary();
    const story = must(
      lib.dispatcher.call('stories:import', {
        format: 'md',
        content: outline,
        ifTitleExists: 'refuse',
      }),
    );
    expect(story.title).toBe('Heist');
  });

  describe('in the desktop app (native dialogs)', () => {
    async function desktop(answer: number, fakeImport?: ImportFile) {
      const lib = await tempLibrary();
      seedStory(lib.dispatcher, { Vault: ['x'] }, 'Heist');
      const file = join(tempDir(), 'heist.md');
      writeFileSync(file, outline);
      const asked: string[] = [];
      const dialogs: DialogsLike = {
        showSaveDialog: () => Promise.resolve({ canceled: true }),
        showOpenDialog: () => Promise.resolve({ canceled: false, filePaths: [file] }),
        showMessageBox: (options) => {
          asked.push(`${options.message} ${options.buttons.join('/')}`);
          return Promise.resolve({ response: answer });
        },
      };
      // The chosen file is imported as the app does, off the dispatcher (here in-process).
      const importFile: ImportFile =
        fakeImport ??
        (async (path, ifTitleExists) => {
          try {
            return {
              ok: true,
              value: await importStoryFileAsync(lib.db, { path, ifTitleExists }),
            };
          } catch (error) {
            return { ok: false, error: refusalOf(error as DomainError) };
          }
        });
      const host = createRouter({
        invoke: async (channel, input) => lib.dispatcher.invoke(channel, input),
      });
      registerFileDialogs(host, dialogs, () => tempDir(), importFile);
      const before = dumpDatabase(lib.db);
      const outcome = await host.invoke('files:openImport', {});
      return { lib, asked, outcome, before };
    }

    it('asks "Add a copy" / "Cancel"; Cancel imports nothing', async () => {
      const { lib, asked, outcome, before } = await desktop(1);
      expect(asked).toEqual([
        'A story titled “Heist” is already in your library. Add a copy/Cancel',
      ]);
      expect(outcome).toEqual({ ok: true, value: { kind: 'cancelled' } });
      expect(dumpDatabase(lib.db)).toBe(before);
    });

    it('Add a copy imports it beside the first as "Heist (copy)", as the CLI names it', async () => {
      const { lib, outcome } = await desktop(0);
      expect(outcome).toMatchObject({
        ok: true,
        value: { kind: 'imported', story: { title: 'Heist (copy)' } },
      });
      const titles = must(lib.dispatcher.call('stories:list', {})).map((s) => s.title);
      expect(titles.sort()).toEqual(['Heist', 'Heist (copy)']);
    });

    it('asks on the reason, not the message: another conflict is reported, never a question', async () => {
      const lookalike = 'A story titled “Heist” is already in your library.';
      const seen: string[] = [];
      const { asked, outcome } = await desktop(0, async (_path, ifTitleExists) => {
        seen.push(ifTitleExists);
        // A refusal that reads like a taken title but is not one (no reason): no question.
        return { ok: false, error: { code: 'conflict', message: lookalike } };
      });
      expect(asked).toEqual([]);
      expect(seen).toEqual(['refuse']);
      expect(outcome).toEqual({ ok: false, error: { code: 'conflict', message: lookalike } });
    });

    it('a taken title is recognised by its reason whatever the message says', async () => {
      const calls: string[] = [];
      const { asked, outcome } = await desktop(0, async (_path, ifTitleExists) => {
        calls.push(ifTitleExists);
        if (ifTitleExists === 'refuse') {
          return {
            ok: false,
            error: { code: 'conflict', message: 'heist.md: Déjà là.', reason: 'title_taken' },
          };
        }
        return {
          ok: true,
          value: {
            id: '0190a000-0000-7000-8000-000000000000',
            title: 'Heist (copy)',
            createdAt: '2026-01-01T00:00:00.000Z',
            updatedAt: '2026-01-01T00:00:00.000Z',
            eventCount: 1,
            beatCount: 1,
          },
        };
      });
      expect(asked).toEqual(['Déjà là. Add a copy/Cancel']);
      expect(calls).toEqual(['refuse', 'copy']);
      expect(outcome).toMatchObject({ ok: true, value: { kind: 'imported' } });
    });
  });
});
