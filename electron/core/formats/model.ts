import { MAX_STORY_FILE_BYTES } from '../contract/schemas';
import { DomainError } from '../errors';
import type { StoryLogicDocument } from './json-logic';

/**
 * A whole story as the file formats see it: plain data in order, no database. Exports build it
 * from the library; imports build it from a file, validate it, then write it in one go.
 */
export interface StoryDocument {
  title: string;
  events: EventDocument[];
  /** Story time and links (story file version 2; logic layer). Absent: reading order, none. */
  logic?: StoryLogicDocument;
  /** Kept by the lossless JSON file; an import always assigns new ids and times. */
  id?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface EventDocument {
  title: string;
  description: string;
  moments: MomentDocument[];
  id?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface MomentDocument {
  description: string;
  /** Seconds into the event, or null when the beat has no time. */
  timestampOffset: number | null;
  id?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** The heading the outlines (DOCX, Fountain) give an event without a title: the board's name. */
export { UNTITLED_EVENT } from '../names';

export { MAX_STORY_FILE_BYTES };

/**
 * A story file that cannot be imported. The message names the first problem and where it is
 * (`story.events[3].moments[7].timestamp_offset: must be >= 0`, `line 12: ...`).
 */
export class StoryFileError extends DomainError {
  constructor(message: string) {
    super('invalid_input', message);
    this.name = 'StoryFileError';
  }
}

/** The same story without ids and timestamps: what a round trip must keep. */
export function storyContent(doc: StoryDocument): StoryDocument {
  return {
    title: doc.title,
    events: doc.events.map((event) => ({
      title: event.title,
      description: event.description,
      moments: event.moments.map((moment) => ({
        description: moment.description,
        timestampOffset: moment.timestampOffset,
      })),
    })),
  };
}

/** Number of beats in a document. */
export function countMoments(doc: StoryDocument): number {
  return doc.events.reduce((n, event) => n + event.moments.length, 0);
}

/** Refuses text over the size cap, in UTF-8 bytes, before any parsing. */
export function checkStoryFileSize(bytes: number): void {
  if (bytes > MAX_STORY_FILE_BYTES) {
    throw new StoryFileError(
      `the file is ${formatMegabytes(bytes)}; Beatline imports story files up to ` +
        `${formatMegabytes(MAX_STORY_FILE_BYTES)}.`,
    );
  }
}

/** `52.4 MB` style sizes for messages (MiB, named MB as file managers do). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
