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
import { readStoryFile } from '../core/formats/story-files';
import { describeIssue } from '../core/handlers/dispatch';
import type { Router } from '../core/router';

/** The two methods of Electron's `dialog` used here (tests pass fakes). */
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
}

const IMPORT_FILTERS = [
  { name: 'Story files and outlines', extensions: ['json', 'md', 'markdown', 'fountain'] },
];

const fail = (code: 'invalid_input' | 'internal', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Registers native-dialog answers for `files:saveExport` and `files:openImport` in the
 * router. The file itself is rendered and imported by the same channels the other hosts use
 * (`stories:export`, `stories:import`), so only the dialogs are new here.
 */
export function registerFileDialogs(
  router: Router,
  dialogs: DialogsLike,
  defaultDir: () => string,
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
    let file: Awaited<ReturnType<typeof readStoryFile>>;
    try {
      file = await readStoryFile(path);
    } catch (error) {
      return fail('invalid_input', (error as Error).message);
    }
    const imported = (await passThrough('stories:import', {
      format: file.format,
      content: file.text,
      fileName: basename(path),
    })) as Result<StorySummary>;
    if (!imported.ok) {
      return {
        ok: false,
        error: { ...imported.error, message: `${basename(path)}: ${imported.error.message}` },
      };
    }
    return { ok: true, value: { kind: 'imported', story: imported.value } };
  }

  router.register('files:saveExport', saveExport);
  router.register('files:openImport', openImport);
}
