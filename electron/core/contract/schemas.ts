import { z } from 'zod';
import type { Channel } from './channels';

/** Length caps on writer text, in UTF-16 code units. */
export const LIMITS = {
  title: 200,
  eventDescription: 20_000,
  beatDescription: 20_000,
  /** Offsets up to 100 days, in seconds: far past any scene, well inside float precision. */
  maxOffsetSeconds: 100 * 24 * 3600,
  /** Largest position accepted on input (the real bound is checked against the data). */
  maxPosition: 10_000_000,
} as const;

const id = (what: string) => z.uuid({ error: `${what} must be a UUID` });

function text(what: string, max: number, opts: { required?: boolean; singleLine?: boolean } = {}) {
  return z
    .string({ error: `${what} must be text` })
    .max(max, { error: `${what} must be at most ${max} characters` })
    .refine((s) => s.isWellFormed(), { error: `${what} must be valid Unicode text` })
    .refine((s) => !opts.singleLine || !/[\r\n]/.test(s), {
      error: `${what} must be a single line`,
    })
    .refine((s) => !opts.required || s.trim().length > 0, { error: `${what} must not be empty` });
}

const title = (what: string, required: boolean) =>
  text(what, LIMITS.title, { required, singleLine: true });

const position = z
  .number({ error: 'position must be a number' })
  .int({ error: 'position must be a whole number' })
  .min(0, { error: 'position must be >= 0' })
  .max(LIMITS.maxPosition, { error: `position must be <= ${LIMITS.maxPosition}` });

const offset = z
  .number({ error: 'timestampOffset must be a number of seconds or null' })
  .refine(Number.isFinite, { error: 'timestampOffset must be a finite number' })
  .min(0, { error: 'timestampOffset must be >= 0' })
  .max(LIMITS.maxOffsetSeconds, {
    error: `timestampOffset must be <= ${LIMITS.maxOffsetSeconds}`,
  })
  .nullable();

const empty = z.strictObject({});

/** The zod schema of every channel's input. Unknown fields are refused. */
export const inputSchemas = {
  'stories:list': empty,
  'stories:get': z.strictObject({ storyId: id('storyId') }),
  'stories:load': z.strictObject({ storyId: id('storyId') }),
  'stories:create': z.strictObject({ title: title('title', true) }),
  'stories:update': z.strictObject({ storyId: id('storyId'), title: title('title', true) }),
  'stories:delete': z.strictObject({ storyId: id('storyId') }),

  'events:list': z.strictObject({ storyId: id('storyId') }),
  'events:get': z.strictObject({ eventId: id('eventId') }),
  'events:create': z.strictObject({
    storyId: id('storyId'),
    title: title('title', false),
    description: text('description', LIMITS.eventDescription).optional(),
    /** Where to insert; omitted means at the end. */
    position: position.optional(),
  }),
  'events:update': z
    .strictObject({
      eventId: id('eventId'),
      title: title('title', false).optional(),
      description: text('description', LIMITS.eventDescription).optional(),
    })
    .refine((v) => v.title !== undefined || v.description !== undefined, {
      error: 'nothing to update: give title or description',
    }),
  'events:delete': z.strictObject({ eventId: id('eventId') }),
  'events:move': z.strictObject({ eventId: id('eventId'), position }),

  'moments:list': z.strictObject({ eventId: id('eventId') }),
  'moments:get': z.strictObject({ momentId: id('momentId') }),
  'moments:create': z.strictObject({
    eventId: id('eventId'),
    description: text('description', LIMITS.beatDescription),
    timestampOffset: offset.optional(),
    /** Where to insert; omitted means at the end. */
    position: position.optional(),
  }),
  'moments:update': z
    .strictObject({
      momentId: id('momentId'),
      description: text('description', LIMITS.beatDescription).optional(),
      timestampOffset: offset.optional(),
      position: position.optional(),
    })
    .refine(
      (v) =>
        v.description !== undefined || v.timestampOffset !== undefined || v.position !== undefined,
      { error: 'nothing to update: give description, timestampOffset or position' },
    ),
  'moments:delete': z.strictObject({ momentId: id('momentId') }),
  /**
   * Move a beat by intent: to `position` in `toEventId` (default: its own event), or before
   * `beforeMomentId` (null means the end of `toEventId`).
   */
  'moments:move': z
    .strictObject({
      momentId: id('momentId'),
      toEventId: id('toEventId').optional(),
      position: position.optional(),
      beforeMomentId: id('beforeMomentId').nullable().optional(),
    })
    .refine((v) => (v.position === undefined) !== (v.beforeMomentId === undefined), {
      error: 'give exactly one of position or beforeMomentId',
    })
    .refine((v) => v.beforeMomentId !== null || v.toEventId !== undefined, {
      error: 'beforeMomentId null (the end) needs toEventId',
    }),
} satisfies Record<Channel, z.ZodType>;

export type ChannelInput<C extends Channel> = z.input<(typeof inputSchemas)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof inputSchemas)[C]>;
