import type { z } from 'zod';
import { nowIso } from '../clock';
import { readStoryFast } from './json-fast';
import {
  STORY_FILE_FORMAT,
  STORY_FILE_VERSION,
  fileEventShell,
  fileMoment,
  storyFileTopSchema,
  type StoryFile,
} from './json-schema';
import { checkStoryJsonLimits } from './json-scan';
import { findJsonSyntaxError, lineAndColumn } from './json-text';
import {
  STORY_FILE_LOGIC_VERSION,
  addLogicToFile,
  isPlainLogic,
  splitVersion2,
} from './json-logic';
import { StoryFileError, type StoryDocument } from './model';
import { STORY_FILE_LIMITS, formatCount } from '../contract/story-file-limits';
import { describeFileIssue, formatPath, type PathSegment } from './validate';

/**
 * The lossless Beatline story file (`.beatline.json`), version 1: its shape is in
 * json-schema.ts, published in docs/schema/beatline-story.v1.schema.json and described in
 * docs/story-file-format.md; a test keeps the three in step.
 */
export {
  DATE_TIME_PATTERN,
  STORY_FILE_FORMAT,
  STORY_FILE_VERSION,
  UUID_PATTERN,
  type StoryFile,
  type StoryFileEvent,
  type StoryFileMoment,
} from './json-schema';

/** Writes a story as a version 1 story file: stable key order, 2-space indent, final newline. */
export function serializeStoryJson(doc: StoryDocument, exportedAt: string = nowIso()): string {
  const file: StoryFile = {
    format: STORY_FILE_FORMAT,
    version: STORY_FILE_VERSION,
    exportedAt,
    story: {
      id: doc.id,
      title: doc.title,
      createdAt: doc.createdAt,
      updatedAt: doc.updatedAt,
      events: doc.events.map((event) => ({
        id: event.id,
        title: event.title,
        description: event.description,
        createdAt: event.createdAt,
        updatedAt: event.updatedAt,
        moments: event.moments.map((moment, index) => ({
          id: moment.id,
          sequence_index: index,
          beat_description: moment.description,
          timestamp_offset: moment.timestampOffset,
          createdAt: moment.createdAt,
          updatedAt: moment.updatedAt,
        })),
      })),
    },
  };
  // Story time and links (logic layer) make it version 2; without them it stays version 1.
  if (!isPlainLogic(doc.logic)) {
    return JSON.stringify(addLogicToFile(file, doc), null, 2) + '\n';
  }
  // JSON.stringify leaves out the undefined ids and times of a document that has none.
  return JSON.stringify(file, null, 2) + '\n';
}

/**
 * JSON.parse after the limits pass (json-scan.ts), with the position of the first syntax
 * error. The pass bounds what JSON.parse builds: nesting, values, list and text lengths.
 */
function parseJsonText(text: string): unknown {
  checkStoryJsonLimits(text);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const found = findJsonSyntaxError(text);
    if (found) {
      throw new StoryFileError(
        `not valid JSON: ${lineAndColumn(text, found.index)}: ${found.reason}.`,
      );
    }
    // A disagreement with the checker above (or a RangeError): still the writer's file.
    throw new StoryFileError(`not valid JSON: ${(error as Error).message}`);
  }
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'text' : `a ${typeof value}`;
}

/** Checks the format and version fields first, so a foreign file gets a plain answer. */
function checkFormatAndVersion(root: unknown): void {
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new StoryFileError(
      `not a Beatline story file: the file holds ${kindOf(root)}, not a JSON object.`,
    );
  }
  const { format, version } = root as Record<string, unknown>;
  if (format !== STORY_FILE_FORMAT) {
    throw new StoryFileError(
      format === undefined
        ? `format: is missing: not a Beatline story file (it would say "format": "${STORY_FILE_FORMAT}").`
        : `format: ${JSON.stringify(format)?.slice(0, 60)} is not a Beatline story file ` +
            `(expected "${STORY_FILE_FORMAT}").`,
    );
  }
  if (version !== STORY_FILE_VERSION && version !== STORY_FILE_LOGIC_VERSION) {
    if (
      typeof version === 'number' &&
      Number.isInteger(version) &&
      version > STORY_FILE_LOGIC_VERSION
    ) {
      throw new StoryFileError(
        `version: this file is version ${version}, from a newer Beatline; this one reads ` +
          `versions ${STORY_FILE_VERSION} and ${STORY_FILE_LOGIC_VERSION}. Update Beatline to import it.`,
      );
    }
    throw new StoryFileError(
      version === undefined
        ? `version: is missing (this Beatline reads version ${STORY_FILE_VERSION}).`
        : `version: must be ${STORY_FILE_VERSION}, not ${JSON.stringify(version)?.slice(0, 40)}.`,
    );
  }
}

/**
 * Reads a story file's text and validates all of it: syntax, format, version, every field's
 * type and caps, and that each `sequence_index` matches the beat's place in its list. Throws a
 * StoryFileError naming the first problem and its path.
 */
export function parseStoryJson(text: string): StoryDocument {
  const root = parseJsonText(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  checkFormatAndVersion(root);
  if ((root as { version: unknown }).version === STORY_FILE_LOGIC_VERSION) {
    // Version 2: story time and links are checked apart; the rest is a version 1 file.
    const { version1, resolve } = splitVersion2(root);
    return resolve(readStoryFast(version1) ?? readStoryChecked(version1));
  }
  return readStoryFast(root) ?? readStoryChecked(root);
}

/**
 * The full zod check of a story file, one part at a time in file order (the story, then each
 * event and its beats), stopping at the first problem: a file of 200,000 bad beats costs one
 * zod issue, not one per beat. Returns the document or throws the path to the first problem.
 */
export function readStoryChecked(root: unknown): StoryDocument {
  const top = checkPart(storyFileTopSchema, root, []);
  const story = top.data.story;
  if (story.events.length > STORY_FILE_LIMITS.events) {
    throw new StoryFileError(
      `story.events: more than ${formatCount(STORY_FILE_LIMITS.events)} events; Beatline ` +
        `imports at most ${formatCount(STORY_FILE_LIMITS.events)} events per story.`,
    );
  }
  const events = story.events.map((raw, e) => {
    const where = ['story', 'events', e];
    const event = checkPart(fileEventShell, raw, where);
    const moments = event.data.moments.map((rawMoment, m) => {
      const moment = checkPart(fileMoment, rawMoment, [...where, 'moments', m]);
      moment.throwLater();
      const beat = moment.data;
      if (beat.sequence_index !== undefined && beat.sequence_index !== m) {
        const path = formatPath([...where, 'moments', m, 'sequence_index']);
        throw new StoryFileError(
          `${path}: must be ${m}, the beat's place in the list (beats are kept in list order).`,
        );
      }
      return {
        id: beat.id,
        description: beat.beat_description,
        timestampOffset: beat.timestamp_offset ?? null,
        createdAt: beat.createdAt,
        updatedAt: beat.updatedAt,
      };
    });
    event.throwLater();
    return {
      id: event.data.id,
      title: event.data.title,
      description: event.data.description ?? '',
      createdAt: event.data.createdAt,
      updatedAt: event.data.updatedAt,
      moments,
    };
  });
  top.throwLater();
  return {
    id: story.id,
    title: story.title,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    events,
  };
}

/**
 * One part of the file against its schema. A problem is thrown now, except an unknown field:
 * zod lists that after the problems inside the part, so `throwLater` reports it once the
 * part's contents are checked, and the first problem named is the one the whole schema names.
 */
function checkPart<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: PathSegment[],
): { data: T; throwLater: () => void } {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { data: parsed.data, throwLater: () => {} };
  const { issues } = parsed.error;
  const wrongValue = issues.find((issue) => issue.code !== 'unrecognized_keys');
  if (wrongValue) throw new StoryFileError(describeFileIssue(wrongValue, value, where));
  const message = describeFileIssue(issues[0], value, where);
  // Only unknown fields are wrong, so every known field has its type: read it as it is.
  return {
    data: value as T,
    throwLater: () => {
      throw new StoryFileError(message);
    },
  };
}
