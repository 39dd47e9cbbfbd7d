import { z } from 'zod';
import type { Channel } from './channels';
import { LIMITS } from './limits';
import { MAX_STORY_FILE_BYTES } from './story-file-limits';
import { LINK_KINDS, LINK_STRENGTHS, TIME_MODES } from './types';

// Issue 12 (renderer): the limits live in a zod-free module the renderer can import.
export { LIMITS };

/** True when `s` holds a C0 control or DEL; tab and line breaks pass when `allowBreaks`. */
export function hasControlCharacters(s: string, allowBreaks: boolean): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x7f || (c < 0x20 && !(allowBreaks && (c === 9 || c === 10 || c === 13)))) {
      return true;
    }
  }
  return false;
}

// A UUID compares without case (RFC 9562): read in small letters, as ids are written, so
// `01A2…` names the record `01a2…` and can never make a second one.
const id = () => z.uuid({ error: 'must be a UUID' }).toLowerCase();

/** The rules a piece of writer text follows; `textProblem` checks them. */
export interface TextRule {
  max: number;
  required?: boolean;
  singleLine?: boolean;
}

/**
 * The first rule `s` breaks, as a message, or null. The one definition of valid writer text:
 * the zod schemas below call it, and so does story-file import's fast path.
 */
export function textProblem(s: string, rule: TextRule): string | null {
  if (s.length > rule.max) return `must be at most ${rule.max} characters`;
  if (!s.isWellFormed()) return 'must be valid Unicode text';
  if (rule.singleLine && /[\r\n]/.test(s)) return 'must be a single line';
  // Control characters (NUL above all: SQLite's length() stops at it) are never typed text.
  if (hasControlCharacters(s, !rule.singleLine)) return 'must not contain control characters';
  if (rule.required && s.trim().length === 0) return 'must not be empty';
  return null;
}

function text(max: number, opts: { required?: boolean; singleLine?: boolean } = {}) {
  // The local API's OpenAPI document shows the cap (issue 17).
  return textSchema({ max, ...opts }).meta({ maxLength: max });
}

function textSchema(rule: TextRule) {
  return z.string({ error: 'must be text' }).superRefine((s, ctx) => {
    const problem = textProblem(s, rule);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: s });
  });
}

const title = (required: boolean) => text(LIMITS.title, { required, singleLine: true });

const rowOffset = z
  .number({ error: 'must be a number' })
  .int({ error: 'must be a whole number' })
  .min(0, { error: 'must be >= 0' })
  .max(LIMITS.maxPosition, { error: `must be <= ${LIMITS.maxPosition}` });

const offset = z
  .number({ error: 'must be a number of seconds or null' })
  .refine(Number.isFinite, { error: 'must be a finite number' })
  .min(0, { error: 'must be >= 0' })
  .max(LIMITS.maxOffsetSeconds, { error: `must be <= ${LIMITS.maxOffsetSeconds}` })
  // -0 passes `min(0)`; it is read as 0, so a call answers what the library stores.
  .overwrite((x) => (x === 0 ? 0 : x))
  .nullable();

const empty = z.strictObject({});

/** A new record's id, chosen by the client (UUIDv7) so undo and redo keep it; optional. */
const newId = () => id().optional();

/**
 * The updated_at the client last saw: an edit that gives it is refused (conflict) when the
 * row has changed since. Any string is accepted; one that is not the row's is a conflict.
 */
const expectedUpdatedAt = z
  .string({ error: 'must be the updatedAt the client last saw' })
  .max(64, { error: 'must be at most 64 characters' })
  .optional();

/** The scope of history: a story, or null for the library's own steps. */
const historyScope = z.strictObject({
  storyId: id().nullable(),
});

/** Story file formats (electron/core/formats): all export, all but DOCX also import. */
export const STORY_EXPORT_FORMATS = ['json', 'md', 'docx', 'fountain'] as const;
export const STORY_IMPORT_FORMATS = ['json', 'md', 'fountain'] as const;
export type StoryExportFormat = (typeof STORY_EXPORT_FORMATS)[number];
export type StoryImportFormat = (typeof STORY_IMPORT_FORMATS)[number];
/** The largest story file an import reads, in UTF-8 bytes: 50 MiB (story files, issue 13). */
export { MAX_STORY_FILE_BYTES } from './story-file-limits';

/** The rules of a beat's text, for checks that run without zod (story-file import). */
export const BEAT_DESCRIPTION_RULE: TextRule = { max: LIMITS.beatDescription };

/** The rules for each writer field, shared with story-file import (electron/core/formats). */
export const fieldSchemas = {
  storyTitle: title(true),
  eventTitle: title(false),
  eventDescription: text(LIMITS.eventDescription),
  beatDescription: textSchema(BEAT_DESCRIPTION_RULE),
  timestampOffset: offset,
};

/** The zod schema of every channel's input. Unknown fields are refused. */
export const inputSchemas = {
  'stories:list': empty,
  'stories:get': z.strictObject({ storyId: id() }),
  'stories:load': z.strictObject({ storyId: id() }),
  'stories:outline': z.strictObject({ storyId: id() }),
  'stories:create': z.strictObject({ title: title(true), id: newId() }),
  'stories:update': z.strictObject({
    storyId: id(),
    title: title(true),
    expectedUpdatedAt,
    /**
     * The undo history the rename joins: the library's (default, as from the library list), or
     * the story's own ('story': the title typed in the story view, undone with its other edits).
     */
    history: z.enum(['library', 'story'], { error: "must be 'library' or 'story'" }).optional(),
  }),
  'stories:delete': z.strictObject({ storyId: id() }),
  'stories:export': z.strictObject({
    storyId: id(),
    format: z.enum(STORY_EXPORT_FORMATS, { error: 'must be json, md, docx or fountain' }),
  }),
  /**
   * Creates a new story from a story file's text; the whole file is validated first. `format`
   * is the caller's guess: the content and `fileName` pick the reader (formats/import-format.ts).
   */
  'stories:import': z.strictObject({
    format: z.enum(STORY_IMPORT_FORMATS, { error: 'must be json, md or fountain' }),
    content: z
      .string({ error: 'must be text' })
      .max(MAX_STORY_FILE_BYTES, { error: 'is larger than the 50 MB a story file may be' }),
    /** The file's name, if any: it helps pick the reader, and names an untitled outline. */
    fileName: z
      .string({ error: 'must be text' })
      .max(255, { error: 'must be at most 255 characters' })
      .optional(),
    // Duplicate prompt (issue 16, board editing): `refuse` answers `conflict` (reason
    // `title_taken`) when a story already has the file's title, so the app can ask before adding
    // a copy; `copy` (h35) adds it as "X (copy)", "X (copy 2)", as the CLI's --copy. Default `add`.
    ifTitleExists: z
      .enum(['add', 'refuse', 'copy'], { error: 'must be add, refuse or copy' })
      .optional(),
  }),
  // The library (issue 16).
  /** Copies a story as a new one titled "X (copy)" (or `title`), with `newStoryId` if given. */
  'stories:duplicate': z.strictObject({
    storyId: id(),
    newStoryId: id().optional(),
    title: title(true).optional(),
  }),

  'events:list': z.strictObject({ storyId: id() }),
  'events:get': z.strictObject({ eventId: id() }),
  'events:create': z.strictObject({
    storyId: id(),
    title: title(false),
    description: text(LIMITS.eventDescription).optional(),
    /** The event it goes before; null or omitted: at the end. */
    beforeEventId: id().nullable().optional(),
    id: newId(),
  }),
  'events:update': z
    .strictObject({
      eventId: id(),
      title: title(false).optional(),
      description: text(LIMITS.eventDescription).optional(),
      expectedUpdatedAt,
    })
    .refine((v) => v.title !== undefined || v.description !== undefined, {
      error: 'nothing to update: give title or description',
    }),
  'events:delete': z.strictObject({ eventId: id() }),
  /** Move an event by intent: to just before `beforeEventId` (null: the end of its story). */
  'events:move': z.strictObject({ eventId: id(), beforeEventId: id().nullable() }),

  'moments:list': z.strictObject({ eventId: id() }),
  /** One window of an event's beats, for views that load what they show. */
  'moments:range': z.strictObject({
    eventId: id(),
    offset: rowOffset,
    limit: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be >= 1' })
      .max(LIMITS.maxRange, { error: `must be <= ${LIMITS.maxRange}` }),
  }),
  'moments:get': z.strictObject({ momentId: id() }),
  'moments:create': z.strictObject({
    eventId: id(),
    description: text(LIMITS.beatDescription),
    timestampOffset: offset.optional(),
    /** The beat it goes before; null or omitted: at the end. */
    beforeMomentId: id().nullable().optional(),
    id: newId(),
  }),
  'moments:update': z
    .strictObject({
      momentId: id(),
      description: text(LIMITS.beatDescription).optional(),
      timestampOffset: offset.optional(),
      expectedUpdatedAt,
    })
    .refine((v) => v.description !== undefined || v.timestampOffset !== undefined, {
      error: 'nothing to update: give description or timestampOffset',
    }),
  'moments:delete': z.strictObject({ momentId: id() }),
  /** Move a beat by intent: to just before `beforeMomentId` in `toEventId` (null: its end). */
  'moments:move': z.strictObject({
    momentId: id(),
    toEventId: id(),
    beforeMomentId: id().nullable(),
  }),

  // Board navigation (issue 16): the beats of a story whose text contains `query`.
  'moments:search': z.strictObject({
    storyId: id(),
    query: text(LIMITS.searchQuery, { required: true, singleLine: true }),
    limit: z
      .number({ error: 'must be a number' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be >= 1' })
      .max(LIMITS.searchHits, { error: `must be <= ${LIMITS.searchHits}` })
      .optional(),
    /** Issue 14 (the "Link…" picker): each word may be in the beat's text or its event's title. */
    eventTitles: z.boolean({ error: 'must be true or false' }).optional(),
  }),

  // Undo history in the library (issue 12).
  'history:state': historyScope,
  'history:undo': historyScope,
  'history:redo': historyScope,
  // Logic layer (issue 14): links between beats, story time, the story check.
  'links:list': z.strictObject({ storyId: id() }),
  /** A link from one beat to another of the same story; `linkId` lets the client choose it. */
  'links:create': z.strictObject({
    linkId: id().optional(),
    fromMomentId: id(),
    toMomentId: id(),
    kind: z.enum(LINK_KINDS, { error: 'must be causes, sets_up or precedes' }),
    strength: z.enum(LINK_STRENGTHS, { error: 'must be hard or soft' }),
    note: text(LIMITS.linkNote).optional(),
  }),
  'links:update': z
    .strictObject({
      linkId: id(),
      strength: z.enum(LINK_STRENGTHS, { error: 'must be hard or soft' }).optional(),
      note: text(LIMITS.linkNote).optional(),
      intentional: z.boolean({ error: 'must be true or false' }).optional(),
    })
    .refine(
      (v) => v.strength !== undefined || v.note !== undefined || v.intentional !== undefined,
      { error: 'nothing to update: give strength, note or intentional' },
    ),
  'links:delete': z.strictObject({ linkId: id() }),
  'events:chronology': z.strictObject({ storyId: id() }),
  'events:setStoryTime': z
    .strictObject({
      eventId: id(),
      label: text(LIMITS.timeLabel, { singleLine: true }).optional(),
      /**
       * The label this edit was typed over: when the event's label is another now (trimmed),
       * the edit is refused as a conflict and nothing changes.
       */
      expectedLabel: text(LIMITS.timeLabel, { singleLine: true }).optional(),
      mode: z
        .enum(TIME_MODES, {
          error: 'must be linear, flashback, flash-forward, parallel or dream',
        })
        .optional(),
    })
    .refine((v) => v.label !== undefined || v.mode !== undefined, {
      error: 'nothing to update: give label or mode',
    }),
  /** Move an event in story time to just before `beforeEventId` (null: the end). */
  'events:moveInChronology': z.strictObject({
    eventId: id(),
    beforeEventId: id().nullable(),
  }),
  'stories:check': z.strictObject({ storyId: id() }),

  'files:saveExport': z.strictObject({
    storyId: id(),
    format: z.enum(STORY_EXPORT_FORMATS, { error: 'must be json, md, docx or fountain' }),
  }),
  'files:openImport': empty,
  'library:health': empty,
  'backups:list': empty,
  'backups:create': empty,
  'backups:restore': z.strictObject({
    /** A backup id from `backups:list` (its file name; never a path). */
    backupId: z
      .string({ error: 'must be text' })
      .max(255, { error: 'must be at most 255 characters' })
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'must be a backup id from backups:list' }),
  }),
  // Recovery "Reopen the library" (issue 13, h35): with no file at the path, `create` starts a
  // new library there; `refuse` (the default) answers `missing` and creates nothing.
  'library:reopen': z.strictObject({
    ifMissing: z.enum(['refuse', 'create'], { error: 'must be refuse or create' }).optional(),
  }),
  // The desktop app's Local API setting (issue 17, h16).
  'localApi:state': empty,
  'localApi:configure': z
    .strictObject({
      enabled: z.boolean({ error: 'must be true or false' }).optional(),
      port: z
        .number({ error: 'must be a number' })
        .int({ error: 'must be a whole number' })
        .refine((p) => p === 0 || (p >= 1024 && p <= 65535), {
          error: 'must be a port from 1024 to 65535 (or 0: any free port)',
        })
        .optional(),
    })
    .refine((v) => v.enabled !== undefined || v.port !== undefined, {
      error: 'nothing to change: give enabled or port',
    }),
  'localApi:newToken': empty,

  // Bulk (issue 17, h44): the beats, in order, just before `beforeMomentId` (null: the end).
  'moments:createMany': z.strictObject({
    eventId: id(),
    beforeMomentId: id().nullable().optional(),
    moments: z
      .array(
        z.strictObject({
          id: newId(),
          description: text(LIMITS.beatDescription),
          timestampOffset: offset.optional(),
        }),
        { error: 'must be a list of beats' },
      )
      .min(1, { error: 'must hold at least one beat' })
      .max(LIMITS.maxBulkBeats, { error: `must hold at most ${LIMITS.maxBulkBeats} beats` }),
  }),
} satisfies Record<Channel, z.ZodType>;

export type ChannelInput<C extends Channel> = z.input<(typeof inputSchemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof inputSchemas)[C]>;
