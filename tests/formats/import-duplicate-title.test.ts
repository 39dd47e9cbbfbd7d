import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../electron/core/errors';
import { importStoryFileAsync } from '../../electron/core/formats/import-async';
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
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('conflict');
      expect(refused.error.message).toBe('A story titled “Heist” is already in your library.');
    }
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
    async function desktop(answer: number) {
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
      const importFile: ImportFile = async (path, ifTitleExists) => {
        try {
          return { ok: true, value: await importStoryFileAsync(lib.db, { path, ifTitleExists }) };
        } catch (error) {
          const { code, message } = error as DomainError;
          return { ok: false, error: { code, message } };
        }
      };
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

    it('Add a copy imports it beside the first', async () => {
      const { lib, outcome } = await desktop(0);
      expect(outcome.ok && (outcome.value as { kind: string }).kind).toBe('imported');
      const titles = must(lib.dispatcher.call('stories:list', {})).map((s) => s.title);
      expect(titles).toEqual(['Heist', 'Heist']);
    });
  });
});
