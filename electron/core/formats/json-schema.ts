import { z } from 'zod';
import { fieldSchemas, storyTitleSchema } from './validate';

/**
 * The lossless Beatline story file (`.beatline.json`), version 1. Its shape is published in
 * docs/schema/beatline-story.v1.schema.json and described in docs/story-file-format.md; a
 * test keeps the two in step with this module.
 */
export const STORY_FILE_FORMAT = 'beatline-story';
export const STORY_FILE_VERSION = 1;

export const UUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
export const DATE_TIME_PATTERN =
  /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:(?:[0-5]\d|60)(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** One beat in the file (the field names are the database's, as the original plan has them). */
export interface StoryFileMoment {
  id?: string;
  sequence_index?: number;
  beat_description: string;
  timestamp_offset?: number | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface StoryFileEvent {
  id?: string;
  title: string;
  description?: string;
  createdAt?: string;
  updatedAt?: string;
  moments: StoryFileMoment[];
}

export interface StoryFile {
  format: typeof STORY_FILE_FORMAT;
  version: typeof STORY_FILE_VERSION;
  exportedAt?: string;
  story: {
    id?: string;
    title: string;
    createdAt?: string;
    updatedAt?: string;
    events: StoryFileEvent[];
  };
}

const id = z
  .string({ error: 'must be a UUID' })
  .regex(UUID_PATTERN, { error: 'must be a UUID' })
  .optional();
const time = z
  .string({ error: 'must be a date and time like 2026-01-31T09:30:00.000Z' })
  .regex(DATE_TIME_PATTERN, { error: 'must be a date and time like 2026-01-31T09:30:00.000Z' })
  .optional();

function object<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'invalid_type' ? 'must be an object' : undefined),
  });
}

function list<T extends z.ZodType>(item: T) {
  return z.array(item, { error: 'must be a list' });
}

export const fileMoment = object({
  id,
  sequence_index: z
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be >= 0' })
    .optional(),
  beat_description: fieldSchemas.beatDescription,
  timestamp_offset: fieldSchemas.timestampOffset.optional(),
  createdAt: time,
  updatedAt: time,
});

export const fileEvent = object({
  id,
  title: fieldSchemas.eventTitle,
  description: fieldSchemas.eventDescription.optional(),
  createdAt: time,
  updatedAt: time,
  moments: list(fileMoment),
});

export const storyFileSchema = object({
  $schema: z.string({ error: 'must be text' }).optional(),
  format: z.literal(STORY_FILE_FORMAT),
  version: z.literal(STORY_FILE_VERSION),
  exportedAt: time,
  story: object({
    id,
    title: storyTitleSchema,
    createdAt: time,
    updatedAt: time,
    events: list(fileEvent),
  }),
});

/** An event with its beats left unchecked (`moments` only has to be a list). */
export const fileEventShell = fileEvent.extend({ moments: list(z.unknown()) });

/** The story file with its events left unchecked (`events` only has to be a list). */
export const storyFileTopSchema = storyFileSchema.extend({
  story: storyFileSchema.shape.story.extend({ events: list(z.unknown()) }),
});

/**
 * The story file with each event's beats left unchecked (`moments` only has to be a list):
 * the fast path of import checks the beats itself (json-fast.ts).
 */
export const storyFileShellSchema = storyFileSchema.extend({
  story: storyFileSchema.shape.story.extend({ events: list(fileEventShell) }),
});

/** The fields a beat in a story file may have. */
export const MOMENT_FIELDS: ReadonlySet<string> = new Set(Object.keys(fileMoment.shape));
