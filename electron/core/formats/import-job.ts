import { basename } from 'node:path';
import type { StorySummary } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { createStory } from '../stories';
import { appendStoryContent } from '../story-content';
import { StoryFileError, countMoments, type StoryDocument } from './model';
import { parseStory, type StoryImportFormat } from './registry';
import { readStoryFile } from './story-files';

/** What an import reads: a file on disk, or a file's text (the `stories:import` channel's input). */
export type StoryImportInput =
  | { path: string; format?: StoryImportFormat }
  | { format: StoryImportFormat; content: string; fileName?: string };

/** Called with the fraction done (0 to 1) as an import goes. */
export type ImportProgress = (fraction: number) => void;

/** Where each step of an import ends, as a fraction of the whole. */
const READ_DONE = 0.1;
const PARSE_DONE = 0.5;

/**
 * Reads, validates and writes one story file as a new story in one transaction, reporting
 * progress. The same steps as `importStoryFromFile` / `importStoryText`, for the import worker
 * (import-worker.ts) and for the in-process fallback of `importStoryFileAsync`.
 */
export async function runImportJob(
  db: DatabaseHandle,
  input: StoryImportInput,
  onProgress: ImportProgress = () => {},
): Promise<StorySummary> {
  let doc: StoryDocument;
  if ('path' in input) {
    const file = await readStoryFile(input.path, input.format);
    onProgress(READ_DONE);
    const name = basename(input.path);
    try {
      doc = parseStory(file.format, file.text, { fileName: name });
    } catch (error) {
      if (error instanceof StoryFileError) throw new StoryFileError(`${name}: ${error.message}`);
      throw error;
    }
  } else {
    onProgress(READ_DONE);
    doc = parseStory(input.format, input.content, { fileName: input.fileName });
  }
  onProgress(PARSE_DONE);
  const story = db
    .transaction(() => {
      const created = createStory(db, { title: doc.title });
      appendStoryContent(db, created.id, doc.events, (done, total) =>
        onProgress(PARSE_DONE + ((1 - PARSE_DONE) * done) / Math.max(total, 1)),
      );
      return { ...created, eventCount: doc.events.length, beatCount: countMoments(doc) };
    })
    .immediate();
  onProgress(1);
  return story;
}
