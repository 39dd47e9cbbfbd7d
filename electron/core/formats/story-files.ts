import { isAscii, isUtf8 } from 'node:buffer';
import { basename } from 'node:path';
import type { ExportedStoryFile } from '../contract/outputs';
import { MAX_STORY_FILE_BYTES } from '../contract/schemas';
import type { StorySummary } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { writeFileAtomic } from '../files/atomic-write';
import { FileTooLargeError, readFileCapped } from '../files/read-capped';
import { DomainError } from '../errors';
import { writeNewStory } from '../history/capture';
import { createStory, hasStoryTitled, storyTitles } from '../stories';
import { appendStoryContent } from '../story-content';
import { copyTitle } from '../story-duplicate';
import { applyLogicDocument } from '../logic/document';
import {
  STORY_FORMATS,
  hasExtension,
  importFormatFromName,
  parseStory,
  safeFileName,
  serializeStory,
  type SerializeOptions,
  type StoryExportFormat,
  type StoryImportFormat,
} from './registry';
import { DOCX_IMPORT_MESSAGE, chooseImportFormat, looksLikeZip } from './import-format';
import { loadStoryDocument } from './load-document';
import { StoryFileError, countMoments, formatMegabytes, type StoryDocument } from './model';

/**
 * Story files against a library: export a story (to a value for the channel, or atomically to
 * a path for the Electron shell and the CLI) and import one as a new story.
 */

/** A story rendered in a format, with its safe file name and MIME type. */
export function renderStory(
  db: DatabaseHandle,
  storyId: string,
  format: StoryExportFormat,
  options: SerializeOptions = {},
): { fileName: string; mimeType: string; data: string | Buffer; doc: StoryDocument } {
  const doc = loadStoryDocument(db, storyId);
  return {
    fileName: safeFileName(doc.title, format),
    mimeType: STORY_FORMATS[format].mimeType,
    data: serializeStory(doc, format, options),
    doc,
  };
}

/** `stories:export`: the file as a value (text, or base64 for DOCX) for a download or a save. */
export function exportStory(
  db: DatabaseHandle,
  storyId: string,
  format: StoryExportFormat,
  options: SerializeOptions = {},
): ExportedStoryFile {
  const { fileName, mimeType, data } = renderStory(db, storyId, format, options);
  return typeof data === 'string'
    ? { fileName, mimeType, encoding: 'utf8', content: data }
    : { fileName, mimeType, encoding: 'base64', content: data.toString('base64') };
}

/**
 * Exports a story to a file atomically: the old file (if any) stays until the new one is
 * complete on disk. For the Electron save dialog and the CLI.
 */
export async function exportStoryToFile(
  db: DatabaseHandle,
  storyId: string,
  format: StoryExportFormat,
  path: string,
  options: SerializeOptions = {},
): Promise<{ path: string; bytes: number; eventCount: number; beatCount: number }> {
  const { data, doc } = renderStory(db, storyId, format, options);
  await writeFileAtomic(path, data);
  return {
    path,
    bytes: Buffer.byteLength(data),
    eventCount: doc.events.length,
    beatCount: countMoments(doc),
  };
}

/**
 * Writes a validated document as a new story in one transaction, with fresh ids and times:
 * importing the same file twice gives two stories. Nested in a caller's transaction it is a
 * savepoint, so a failure leaves the library as it was either way. `onRows` hears progress.
 */
export function importStoryDocument(
  db: DatabaseHandle,
  doc: StoryDocument,
  onRows?: (rowsDone: number, rowsTotal: number) => void,
): StorySummary {
  return db
    .transaction(() => {
      const story = createStory(db, { title: doc.title });
      writeNewStory(db, story.id, () => {
        // The file's own ids are not used: every event and beat gets a new one.
        const ids = appendStoryContent(db, story.id, doc.events, onRows);
        // Story time and links (version 2 story files; logic layer).
        if (doc.logic) applyLogicDocument(db, story.id, doc.logic, ids.eventIds, ids.momentIds);
      });
      return { ...story, eventCount: doc.events.length, beatCount: countMoments(doc) };
    })
    .immediate();
}

/** `stories:import`: validates the whole text first, then writes the story in one transaction. */
export function importStoryText(
  db: DatabaseHandle,
  input: {
    format: StoryImportFormat;
    content: string;
    fileName?: string;
    ifTitleExists?: IfTitleExists;
  },
): StorySummary {
  const doc = parseStory(input.format, input.content, { fileName: input.fileName });
  return importStoryDocument(db, {
    ...doc,
    title: importTitle(db, doc.title, input.ifTitleExists),
  });
}

/** What an import does when a story already has the file's title (default `add`). */
export type IfTitleExists = 'add' | 'refuse' | 'copy';

/**
 * The title an import gives its story when a story already has `title`: the same (`add`), a
 * `conflict` with reason `title_taken` (`refuse`: the writer is asked), or the first free
 * "X (copy)", "X (copy 2)", ... (`copy`, as `stories:duplicate` and `beatline import --copy`).
 */
export function importTitle(
  db: DatabaseHandle,
  title: string,
  ifTitleExists: IfTitleExists = 'add',
): string {
  if (ifTitleExists === 'add' || !hasStoryTitled(db, title)) return title;
  if (ifTitleExists === 'copy') return copyTitle(title.trim(), storyTitles(db));
  throw new DomainError(
    'conflict',
    `A story titled “${title.trim()}” is already in your library.`,
    'title_taken',
  );
}

/**
 * Reads a story file from disk for import: refuses a Word file (by name, or by its ZIP bytes
 * whatever its name) and a file over the size cap from its size alone, then decodes strict
 * UTF-8 (a byte-order mark is dropped). The format comes from the content and the name unless
 * given (import-format.ts).
 */
export async function readStoryFile(
  path: string,
  format?: StoryImportFormat,
): Promise<{ format: StoryImportFormat; text: string }> {
  const name = basename(path);
  const named = (message: string) => new StoryFileError(`${name}: ${message}`);
  if (/\.docx$/i.test(name)) throw named(DOCX_IMPORT_MESSAGE);
  if (!format && !importFormatFromName(name) && hasExtension(name)) {
    throw named(
      'Beatline imports story files (.beatline.json), Markdown outlines (.md) and Fountain ' +
        'outlines (.fountain).',
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFileCapped(path, MAX_STORY_FILE_BYTES);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new StoryFileError(
        `${name} is ${formatMegabytes(error.size)}; Beatline imports story files up to ` +
          `${formatMegabytes(MAX_STORY_FILE_BYTES)}.`,
      );
    }
    throw error;
  }
  if (looksLikeZip(bytes)) throw named(DOCX_IMPORT_MESSAGE);
  const text = decodeUtf8(bytes, name);
  return { format: chooseImportFormat(text, format, name), text };
}

/** Strict UTF-8 (checked in native code first; ASCII, most files, decoded the fastest way). */
function decodeUtf8(bytes: Buffer, name: string): string {
  if (isUtf8(bytes)) {
    const text = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  const lossy = new TextDecoder('utf-8').decode(bytes);
  const at = lossy.indexOf('\ufffd');
  let line = 1;
  for (let i = lossy.indexOf('\n'); i !== -1 && i < at; i = lossy.indexOf('\n', i + 1)) line++;
  throw new StoryFileError(
    `${name}: line ${line}: not UTF-8 text (save the file as UTF-8 and import it again).`,
  );
}

/** Reads and validates a story file from disk; its problems are prefixed with its name. */
export async function loadStoryFile(
  path: string,
  format?: StoryImportFormat,
): Promise<StoryDocument> {
  const file = await readStoryFile(path, format);
  try {
    return parseStory(file.format, file.text, { fileName: basename(path) });
  } catch (error) {
    if (error instanceof StoryFileError) {
      throw new StoryFileError(`${basename(path)}: ${error.message}`);
    }
    throw error;
  }
}

/** Imports a story file from disk as a new story (for the Electron open dialog and the CLI). */
export async function importStoryFromFile(
  db: DatabaseHandle,
  path: string,
  format?: StoryImportFormat,
): Promise<StorySummary> {
  return importStoryDocument(db, await loadStoryFile(path, format));
}
