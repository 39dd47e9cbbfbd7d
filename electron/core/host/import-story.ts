import { basename } from 'node:path';
import type { LibraryHost } from './library-host';
import { inputSchemas } from '../contract/schemas';
import type { Result, StorySummary } from '../contract/types';
import { DomainError, refusalOf } from '../errors';
import { describeIssue } from '../handlers/dispatch';
import { replacedMessage } from '../library';
import { importStoryFileAsync, type AsyncImportOptions } from '../formats/import-async';
import type { StoryImportInput } from '../formats/import-job';
import type { LibraryAnswers } from '../router';

// Imports off the host's thread (issue 13): a story file is read, checked and written in a
// worker on its own connection, with its undo step recorded in the same transaction
// (formats/import-job.ts), so Undo removes the imported story. The host's change feed sees the
// worker's commit as another connection's (PRAGMA data_version) and notifies every view.

const fail = (code: DomainError['code'] | 'internal', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/**
 * Imports a story file (a path, or a file's text) into the host's library in a worker. Refuses
 * what the host's own writes would refuse (a library that is not open, read-only, or replaced
 * underneath) before starting. A refused file's message starts with its name. Never throws.
 */
export async function importStoryInWorker(
  host: LibraryHost,
  input: StoryImportInput,
  options: AsyncImportOptions & { log?: (message: string) => void } = {},
): Promise<Result<StorySummary>> {
  // A file the host read itself is named in its refusal (the renderer names a picked one).
  const name = 'path' in input ? basename(input.path) : null;
  const named = (message: string) =>
    name && !message.startsWith(`${name}:`) ? `${name}: ${message}` : message;
  const library = host.library();
  // Not open (recovery mode, a restore under way, closed): the host says why, touching nothing.
  if (!library) return (await host.invoke('stories:import', {})) as Result<never>;
  if (library.replaced()) return fail('conflict', replacedMessage(library.path, false));
  const refusal = library.writeRefusal();
  if (refusal) return fail('conflict', refusal);
  try {
    const story = await importStoryFileAsync(library.db, input, options);
    if (library.replaced()) return fail('conflict', replacedMessage(library.path, true));
    return { ok: true, value: story };
  } catch (error) {
    if (error instanceof DomainError) {
      return { ok: false, error: refusalOf(error, named(error.message)) };
    }
    options.log?.(`Beatline import failed: ${(error as Error)?.stack ?? String(error)}`);
    return fail('internal', named('the import stopped unexpectedly; nothing was imported.'));
  }
}

/**
 * Up to this many characters a story file's text is imported on the host's thread, through the
 * dispatcher (same transaction, same undo step): it takes a few milliseconds there, less than
 * starting a worker (seconds where the worker runs from TypeScript sources).
 */
export const IN_PROCESS_IMPORT_CHARS = 256 * 1024;

/**
 * The library's answers with `stories:import` (a file's text, as the browser host and the
 * local API receive it) answered by `importStoryInWorker` when the text is larger than
 * `IN_PROCESS_IMPORT_CHARS`; every other channel, and smaller texts, go to `host`.
 */
export function withWorkerImports(
  host: LibraryHost,
  options: AsyncImportOptions & { log?: (message: string) => void } = {},
): LibraryAnswers {
  return {
    async invoke(channel, input) {
      if (channel !== 'stories:import') return host.invoke(channel, input);
      const parsed = inputSchemas['stories:import'].safeParse(input ?? {});
      if (!parsed.success) return fail('invalid_input', describeIssue(parsed.error));
      if (parsed.data.content.length <= IN_PROCESS_IMPORT_CHARS) return host.invoke(channel, input);
      return importStoryInWorker(host, parsed.data, options);
    },
  };
}
