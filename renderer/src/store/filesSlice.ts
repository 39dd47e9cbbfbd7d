import type { StorySummary } from '../../../electron/core/contract/types';
import type { StoryExportFormat } from '../../../electron/core/contract/schemas';
import { MAX_STORY_FILE_BYTES } from '../../../electron/core/contract/story-file-limits';
import { api } from '../api/bridge';
import { downloadFile } from '../lib/download';
import { importFormatOf, pickFile } from '../lib/pickFile';
import { plural } from '../lib/text';
import { call, type Engine } from './engine';
import type { GetStore, SetStore, Slice } from './types';

export interface FilesSlice {
  /** The Export dialog: open for a story, or for the writer to choose one (storyId null). */
  exportDialog: { storyId: string | null } | null;
  /** True while a picked story file is read and imported. */
  importing: boolean;
  /** How far the host's import has got (0 to 1) while it tells (Electron), else null. */
  importProgress: number | null;
  /** The host reported how far its import has got. */
  setImportProgress(fraction: number | null): void;
  openExportDialog(storyId: string | null): void;
  closeExportDialog(): void;
  /**
   * Exports a story through the host: saved (desktop), downloaded (browser) or cancelled.
   * Resolves to null when done, or to the message saying why it failed.
   */
  exportStory(storyId: string, format: StoryExportFormat): Promise<string | null>;
  /** Asks the host to open a story file (a native dialog, or a file picker here) and imports it. */
  importStory(): Promise<void>;
}

/** The imported story, shown open in the library with what it holds. */
async function showImported(engine: Engine, get: GetStore, story: StorySummary): Promise<void> {
  await engine.refreshStories();
  get().openStory(story.id);
  const counts = `${plural(story.eventCount, 'event')}, ${plural(story.beatCount, 'beat')}`;
  get().toast('info', `Imported “${story.title}”: ${counts}.`);
  get().announce(`Imported ${story.title}, ${counts}. It is open now.`);
}

/** A story file the library did not take: the reason, in a notice that stays. */
function refuseImport(get: GetStore, fileName: string, message: string): void {
  get().toast('error', `“${fileName}” was not imported. Your library is unchanged.`, undefined, {
    detail: message,
    sticky: true,
  });
}

/** Imports a story file the writer picked in the browser, refused when it is too large. */
async function importPickedFile(
  engine: Engine,
  set: SetStore,
  get: GetStore,
  file: File,
): Promise<void> {
  if (file.size > MAX_STORY_FILE_BYTES) {
    refuseImport(get, file.name, 'The file is larger than the 50 MB a story file may be.');
    return;
  }
  set({ importing: true });
  try {
    const content = await file.text();
    const importAs = (ifTitleExists: 'copy' | 'refuse') =>
      engine.enqueue(() =>
        call(() =>
          api().stories.import({
            format: importFormatOf(file.name),
            content,
            fileName: file.name,
            ifTitleExists,
          }),
        ),
      );
    let imported = await importAs('refuse');
    // A story with this title is already there: the writer decides whether to add a copy.
    if (!imported.ok && imported.error.reason === 'title_taken') {
      const addCopy = await get().confirm({
        title: 'Add a copy?',
        body: `${imported.error.message} Add “${file.name}” as a copy beside it?`,
        confirmLabel: 'Add a copy',
        tone: 'primary',
      });
      if (!addCopy) return;
      imported = await importAs('copy');
    }
    if (imported.ok) await showImported(engine, get, imported.value);
    else refuseImport(get, file.name, imported.error.message);
  } catch (error) {
    refuseImport(get, file.name, `The file could not be read: ${(error as Error).message}`);
  } finally {
    set({ importing: false });
  }
}

/** The Export dialog, and a story exported through the host. */
function exportActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<FilesSlice, 'openExportDialog' | 'closeExportDialog' | 'exportStory'> {
  /** Resolves once every change asked for so far has been answered (exports include them). */
  const settled = () => engine.enqueue(() => Promise.resolve());

  return {
    openExportDialog: (storyId) => {
      if (storyId === null && get().stories.length === 0) {
        get().toast('info', 'There is no story to export yet.');
        return;
      }
      set({ exportDialog: { storyId } });
    },

    closeExportDialog: () => set({ exportDialog: null }),

    exportStory: async (storyId, format) => {
      await settled();
      // Outside the change queue: a native save dialog can stay open for a long time.
      const result = await call(() => api().files.saveExport({ storyId, format }));
      if (!result.ok) return result.error.message;
      const outcome = result.value;
      set({ exportDialog: null });
      if (outcome.kind === 'download') {
        downloadFile(outcome);
        get().toast('info', `Exported “${outcome.fileName}”.`);
      } else if (outcome.kind === 'saved') {
        get().toast('info', `Saved “${outcome.fileName}”.`);
      }
      return null;
    },
  };
}

/** Importing a story file: through the host's dialog, or a file picked here. */
function importActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<FilesSlice, 'setImportProgress' | 'importStory'> {
  /** True while the host's open dialog and import run (its progress reports are wanted). */
  let awaitingImport = false;

  return {
    // Only while this window's import runs: a late report never leaves the button busy.
    setImportProgress: (fraction) => {
      if (awaitingImport) set({ importProgress: fraction });
    },

    importStory: async () => {
      if (get().importing || get().importProgress !== null) return;
      // The desktop app imports in a worker and reports progress (onImportProgress) meanwhile.
      awaitingImport = true;
      const opened = await call(() => api().files.openImport({}));
      awaitingImport = false;
      set({ importProgress: null });
      if (!opened.ok) {
        get().toast('error', 'The file was not imported. Your library is unchanged.', undefined, {
          detail: opened.error.message,
          sticky: true,
        });
        return;
      }
      const outcome = opened.value;
      if (outcome.kind === 'cancelled') return;
      if (outcome.kind === 'imported') {
        await showImported(engine, get, outcome.story);
        return;
      }
      const file = await pickFile(outcome.accept);
      if (!file) return;
      await importPickedFile(engine, set, get, file);
    },
  };
}

export const createFilesSlice =
  (engine: Engine): Slice<FilesSlice> =>
  (set, get) => ({
    exportDialog: null,
    importing: false,
    importProgress: null,
    ...exportActions(engine, set, get),
    ...importActions(engine, set, get),
  });
