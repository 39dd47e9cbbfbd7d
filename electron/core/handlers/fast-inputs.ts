import type { Channel } from '../contract/channels';
import { BEAT_DESCRIPTION_RULE, LIMITS, textProblem, type ParsedInput } from '../contract/schemas';

/**
 * Plain-code checks for the edits a writer makes most (create, edit, move and delete a
 * beat). zod's generic machinery costs 10-20 us per call between two messages on the
 * machines we measure, as much as a third of the handler's own work. Each check here
 * returns the input exactly as the channel's zod schema would, when it is certainly valid,
 * and null otherwise: the dispatcher then asks zod, which decides and words the error. So a
 * check may refuse more than zod (rare spellings, like the nil UUID) but must never accept
 * anything zod refuses; tests/core/fast-inputs.property.test.ts holds it to that.
 */

/** The common UUID shape: what z.uuid() accepts, less its nil and max special cases. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

type Fields = Record<string, unknown>;

/** The input as a plain object holding only `allowed` keys, none explicitly undefined. */
function plainObject(input: unknown, allowed: ReadonlySet<string>): Fields | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return null;
  const proto = Object.getPrototypeOf(input) as unknown;
  if (proto !== Object.prototype && proto !== null) return null;
  for (const key in input) {
    if (!allowed.has(key) || (input as Fields)[key] === undefined) return null;
  }
  return input as Fields;
}

const isId = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isOffset = (v: unknown): v is number | null =>
  v === null ||
  (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= LIMITS.maxOffsetSeconds);
const isStamp = (v: unknown): v is string => typeof v === 'string' && v.length <= 64;
const isBeatText = (v: unknown): v is string =>
  typeof v === 'string' && textProblem(v, BEAT_DESCRIPTION_RULE) === null;

/** Copies the keys present in `from` (zod's strict objects return a new object so). */
function pick(from: Fields, keys: readonly string[]): Fields {
  const out: Fields = {};
  for (const key of keys) if (key in from) out[key] = from[key];
  return out;
}

const CREATE_KEYS = ['eventId', 'description', 'timestampOffset', 'beforeMomentId', 'id'] as const;
const UPDATE_KEYS = ['momentId', 'description', 'timestampOffset', 'expectedUpdatedAt'] as const;
const MOVE_KEYS = ['momentId', 'toEventId', 'beforeMomentId'] as const;
const DELETE_KEYS = ['momentId'] as const;

const keySet = (keys: readonly string[]) => new Set<string>(keys);
const CREATE = keySet(CREATE_KEYS);
const UPDATE = keySet(UPDATE_KEYS);
const MOVE = keySet(MOVE_KEYS);
const DELETE = keySet(DELETE_KEYS);

function createInput(input: unknown): ParsedInput<'moments:create'> | null {
  const o = plainObject(input, CREATE);
  if (!o || !isId(o.eventId) || !isBeatText(o.description)) return null;
  if ('timestampOffset' in o && !isOffset(o.timestampOffset)) return null;
  if ('beforeMomentId' in o && o.beforeMomentId !== null && !isId(o.beforeMomentId)) return null;
  if ('id' in o && !isId(o.id)) return null;
  return pick(o, CREATE_KEYS) as ParsedInput<'moments:create'>;
}

function updateInput(input: unknown): ParsedInput<'moments:update'> | null {
  const o = plainObject(input, UPDATE);
  if (!o || !isId(o.momentId)) return null;
  if ('description' in o && !isBeatText(o.description)) return null;
  if ('timestampOffset' in o && !isOffset(o.timestampOffset)) return null;
  if ('expectedUpdatedAt' in o && !isStamp(o.expectedUpdatedAt)) return null;
  if (!('description' in o || 'timestampOffset' in o)) return null;
  return pick(o, UPDATE_KEYS) as ParsedInput<'moments:update'>;
}

function moveInput(input: unknown): ParsedInput<'moments:move'> | null {
  const o = plainObject(input, MOVE);
  if (!o || !isId(o.momentId)) return null;
  if (!isId(o.toEventId)) return null;
  if (o.beforeMomentId !== null && !isId(o.beforeMomentId)) return null;
  return pick(o, MOVE_KEYS) as ParsedInput<'moments:move'>;
}

function deleteInput(input: unknown): ParsedInput<'moments:delete'> | null {
  const o = plainObject(input, DELETE);
  return o && isId(o.momentId) ? (pick(o, DELETE_KEYS) as ParsedInput<'moments:delete'>) : null;
}

export const fastInputChecks: { [C in Channel]?: (input: unknown) => ParsedInput<C> | null } = {
  'moments:create': createInput,
  'moments:update': updateInput,
  'moments:move': moveInput,
  'moments:delete': deleteInput,
};
