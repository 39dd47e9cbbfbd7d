import { basename, join } from 'node:path';
import type {
  ExportedStoryFile,
  OpenImportOutcome,
  SaveExportOutcome,
} from '../core/contract/outputs';
import { inputSchemas } from '../core/contract/schemas';
import type { Result, StorySummary } from '../core/contract/types';
import { writeFileAtomic } from '../core/files/atomic-write';
import { STORY_FORMATS } from '../core/formats/registry';
import { describeIssue } from '../core/handlers/dispatch';
import type { Router } from '../core/router';

/** The methods of Electron's `dialog` used here (tests pass fakes). */
export interface DialogsLike {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePath?: string }>;
  showOpenDialog(options: {
    title: string;
    properties: Array<'openFile'>;
    filters: Array<{ name: string; extensions: string[] }>;
  }): Promise<{ canceled: boolean; filePaths: string[] }>;
  showMessageBox(options: {
    type: 'question';
    title: string;
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
  }): Promise<{ response: number }>;
}

const IMPORT_FILTERS = [
  { name: 'Story files and outlines', extensions: ['json', 'md', 'markdown', 'fountain'] },
];

const fail = (code: 'invalid_input' | 'internal', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Imports the story file at `path` as a new story (in a worker, undoable: core/host/
 * import-story.ts); a refusal's message starts with the file's name. `refuse` answers a taken
 * title with reason `title_taken`; `copy` adds the story as "X (copy)" (issue 16).
 */
export type ImportFile = (
  path: string,
  ifTitleExists: 'copy' | 'refuse',
) => Promise<Result<StorySummary>>;

/**
 * Imports the file at `path`; when a story with its title is already there, the writer decides
 * whether to add a copy ('cancelled' when not).
 */
async function importOrAddCopy(
  dialogs: DialogsLike,
  importFile: ImportFile,
  path: string,
): Promise<Result<StorySummary> | 'cancelled'> {
  const imported = await importFile(path, 'refuse');
  if (imported.ok || imported.error.reason !== 'title_taken') return imported;
  const answer = await dialogs.showMessageBox({
    type: 'question',
    title: 'Import a story',
    message: imported.error.message.replace(/^[^:]*: /, ''),
    detail: `Add “${basename(path)}” as a copy beside it?`,
    buttons: ['Add a copy', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
  });
  if (answer.response !== 0) return 'cancelled';
  return importFile(path, 'copy');
}

/**
 * Registers native-dialog answers for `files:saveExport` and `files:openImport` in the
 * router. The export is rendered by the channel the other hosts use (`stories:export`); the
 * chosen file is imported by `importFile` off the main thread.
 */
export function registerFileDialogs(
  router: Router,
  dialogs: DialogsLike,
  defaultDir: () => string,
  importFile: ImportFile,
): void {
  const passThrough = (channel: string, input: unknown) => router.invoke(channel, input);

  async function saveExport(input: unknown): Promise<Result<SaveExportOutcome>> {
    const parsed = inputSchemas['files:saveExport'].safeParse(input ?? {});
    if (!parsed.success) return fail('invalid_input', describeIssue(parsed.error));
    const rendered = (await passThrough(
      'stories:export',
      parsed.data,
    )) as Result<ExportedStoryFile>;
    if (!rendered.ok) return rendered;
    const file = rendered.value;
    const info = STORY_FORMATS[parsed.data.format];
    const choice = await dialogs.showSaveDialog({
      title: `Export as ${info.label}`,
      defaultPath: join(defaultDir(), file.fileName),
      filters: [{ name: info.label, extensions: [info.extension.split('.').pop()!] }],
    });
    if (choice.canceled || !choice.filePath) return { ok: true, value: { kind: 'cancelled' } };
    const data = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : file.content;
    try {
      await writeFileAtomic(choice.filePath, data);
    } catch (error) {
      return fail(
        'internal',
        `Could not write ${basename(choice.filePath)}: ${(error as Error).message}`,
      );
    }
    return {
      ok: true,
      value: { kind: 'saved', fileName: basename(choice.filePath), path: choice.filePath },
    };
  }

  async function openImport(input: unknown): Promise<Result<OpenImportOutcome>> {
    const parsed = inputSchemas['files:openImport'].safeParse(input ?? {});
    if (!parsed.success) return fail('invalid_input', describeIssue(parsed.error));
    const choice = await dialogs.showOpenDialog({
      title: 'Import a story',
      properties: ['openFile'],
      filters: IMPORT_FILTERS,
    });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return { ok: true, value: { kind: 'cancelled' } };
    const imported = await importOrAddCopy(dialogs, importFile, path);
    if (imported === 'cancelled') return { ok: true, value: { kind: 'cancelled' } };
    if (!imported.ok) return imported;
    return { ok: true, value: { kind: 'imported', story: imported.value } };
  }

  router.register('files:saveExport', saveExport);
  router.register('files:openImport', openImport);
}
