import type { StorySummary } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { recorded } from '../history/record';
import { parseStory, type StoryImportFormat } from './registry';
import { importStoryDocument, importTitle, loadStoryFile, type IfTitleExists } from './story-files';

/** What an import reads: a file on disk, or a file's text (the `stories:import` channel's input). */
export type StoryImportInput = (
  | { path: string; format?: StoryImportFormat }
  | { format: StoryImportFormat; content: string; fileName?: string }
) & {
  /** A story already titled so: add beside it, refuse (`conflict`), or add as "X (copy)". */
  ifTitleExists?: IfTitleExists;
};

/** Called with the fraction done (0 to 1) as an import goes. */
export type ImportProgress = (fraction: number) => void;

/** The share of an import that reading and checking the file take; writing it is the rest. */
const CHECKED = 0.5;

/**
 * Reads, validates and writes one story file as a new story in one transaction, reporting
 * progress: `importStoryFromFile` or `importStoryText`, with progress. The library-scope undo
 * step (as `stories:import` records it) is written in the same transaction, so Undo removes
 * the imported story and no other writer can slip in between. Run by the import worker
 * (import-worker.ts) and by the in-process fallback of `importStoryFileAsync`.
 */
export async function runImportJob(
  db: DatabaseHandle,
  input: StoryImportInput,
  onProgress: ImportProgress = () => {},
): Promise<StorySummary> {
  onProgress(0);
  const doc =
    'path' in input
      ? await loadStoryFile(input.path, input.format)
      : parseStory(input.format, input.content, { fileName: input.fileName });
  onProgress(CHECKED);
  const story = db
    .transaction(() =>
      recorded(db, 'stories:import', {}, () => {
        const title = importTitle(db, doc.title, input.ifTitleExists);
        return importStoryDocument(db, { ...doc, title }, (done, total) =>
          onProgress(CHECKED + ((1 - CHECKED) * done) / Math.max(total, 1)),
        );
      }),
    )
    .immediate();
  onProgress(1);
  return story;
}
