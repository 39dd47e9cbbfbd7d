import { nowIso } from '../clock';
import { readStoryFast } from './json-fast';
import {
  MAX_JSON_DEPTH,
  STORY_FILE_FORMAT,
  STORY_FILE_VERSION,
  storyFileSchema,
  type StoryFile,
} from './json-schema';
import {
  STORY_FILE_LOGIC_VERSION,
  addLogicToFile,
  isPlainLogic,
  splitVersion2,
} from './json-logic';
import { findExcessiveNesting, findJsonSyntaxError, lineAndColumn } from './json-text';
import { StoryFileError, type StoryDocument } from './model';
import { describeFileIssue, formatPath } from './validate';

/**
 * The lossless Beatline story file (`.beatline.json`), version 1: its shape is in
 * json-schema.ts, published in docs/schema/beatline-story.v1.schema.json and described in
 * docs/story-file-format.md; a test keeps the three in step.
 */
export {
  DATE_TIME_PATTERN,
  MAX_JSON_DEPTH,
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

/** JSON.parse with the position of the first syntax error, and a nesting limit. */
function parseJsonText(text: string): unknown {
  // Text dense with brackets (a hostile `[[[[...`, which JSON.parse would turn into millions of
  // nested lists) is checked for depth before parsing. A story file has a bracket every few
  // hundred characters, so it skips that scan and its depth is checked on the parsed value.
  const dense = bracketsAreDense(text);
  if (dense) refuseDeepNesting(text);
  let root: unknown;
  try {
    root = JSON.parse(text) as unknown;
  } catch (error) {
    if (!dense) refuseDeepNesting(text);
    const found = findJsonSyntaxError(text);
    if (found) {
      throw new StoryFileError(
        `not valid JSON: ${lineAndColumn(text, found.index)}: ${found.reason}.`,
      );
    }
    // A RangeError (out of memory or stack) or a disagreement with the checker above.
    throw new StoryFileError(`not valid JSON: ${(error as Error).message}`);
  }
  if (depthExceeds(root, MAX_JSON_DEPTH)) refuseDeepNesting(text);
  return root;
}

/** Throws the "nested too deep" error at the first place the text goes past the limit. */
function refuseDeepNesting(text: string): void {
  const deep = findExcessiveNesting(text, MAX_JSON_DEPTH);
  if (deep !== -1) {
    throw new StoryFileError(
      `${lineAndColumn(text, deep)}: the JSON is nested more than ${MAX_JSON_DEPTH} levels ` +
        'deep; a Beatline story file is not.',
    );
  }
}

/** More than one `[` or `{` per 16 characters: never a story file, often an attack. */
function bracketsAreDense(text: string): boolean {
  const limit = text.length / 16;
  let count = 0;
  for (const bracket of ['[', '{']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) {
      if (++count > limit) return true;
    }
  }
  return false;
}

/** Whether a parsed JSON value nests lists and objects deeper than `max` (no recursion). */
function depthExceeds(root: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(value) ? value : Object.values(value)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
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

/** The full zod check of a story file: the path to the first problem, or the document. */
export function readStoryChecked(root: unknown): StoryDocument {
  const parsed = storyFileSchema.safeParse(root);
  if (!parsed.success) throw new StoryFileError(describeFileIssue(parsed.error, root));
  const { story } = parsed.data;
  story.events.forEach((event, e) =>
    event.moments.forEach((moment, m) => {
      if (moment.sequence_index !== undefined && moment.sequence_index !== m) {
        const path = formatPath(['story', 'events', e, 'moments', m, 'sequence_index']);
        throw new StoryFileError(
          `${path}: must be ${m}, the beat's place in the list (beats are kept in list order).`,
        );
      }
    }),
  );
  return {
    id: story.id,
    title: story.title,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    events: story.events.map((event) => ({
      id: event.id,
      title: event.title,
      description: event.description ?? '',
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
      moments: event.moments.map((moment) => ({
        id: moment.id,
        description: moment.beat_description,
        timestampOffset: moment.timestamp_offset ?? null,
        createdAt: moment.createdAt,
        updatedAt: moment.updatedAt,
      })),
    })),
  };
}
