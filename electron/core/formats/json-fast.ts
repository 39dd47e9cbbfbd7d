import { BEAT_DESCRIPTION_RULE, textProblem } from '../contract/schemas';
import {
  DATE_TIME_PATTERN,
  MOMENT_FIELDS,
  UUID_PATTERN,
  storyFileShellSchema,
} from './json-schema';
import type { MomentDocument, StoryDocument } from './model';
import { fieldSchemas } from './validate';

/**
 * The fast path of story-file import. zod checks the story and its events; the beats, which
 * are nearly all of a file (100,000 in a big story), are checked here with plain code against
 * the same rules (`textProblem`, the same patterns, the same field list): about five times
 * faster than a zod object per beat.
 *
 * It only ever says yes to a file the full zod schema accepts, and gives the same document;
 * at the first thing it is unsure of it answers null, and the caller runs the full schema,
 * which names the problem. tests/formats/json-fast.property.test.ts holds it to that.
 */
export function readStoryFast(root: unknown): StoryDocument | null {
  const parsed = storyFileShellSchema.safeParse(root);
  if (!parsed.success) return null;
  const { story } = parsed.data;
  const events: StoryDocument['events'] = [];
  for (const event of story.events) {
    const moments = readMomentsFast(event.moments);
    if (moments === null) return null;
    events.push({
      id: event.id,
      title: event.title,
      description: event.description ?? '',
      createdAt: event.createdAt,
      updatedAt: event.updatedAt,
      moments,
    });
  }
  return {
    id: story.id,
    title: story.title,
    createdAt: story.createdAt,
    updatedAt: story.updatedAt,
    events,
  };
}

const isTime = (v: unknown) =>
  v === undefined || (typeof v === 'string' && DATE_TIME_PATTERN.test(v));

/** An event's beats when every one is plainly valid and in its place, else null. */
function readMomentsFast(list: readonly unknown[]): MomentDocument[] | null {
  const out: MomentDocument[] = new Array<MomentDocument>(list.length);
  for (let i = 0; i < list.length; i++) {
    const m = list[i];
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return null;
    if (Object.getPrototypeOf(m) !== Object.prototype) return null;
    for (const key of Object.keys(m)) if (!MOMENT_FIELDS.has(key)) return null;
    const beat = m as Record<string, unknown>;
    const { id, sequence_index, beat_description, timestamp_offset, createdAt, updatedAt } = beat;
    if (id !== undefined && !(typeof id === 'string' && UUID_PATTERN.test(id))) return null;
    if (sequence_index !== undefined && sequence_index !== i) return null;
    if (typeof beat_description !== 'string') return null;
    if (textProblem(beat_description, BEAT_DESCRIPTION_RULE) !== null) return null;
    let offset: number | null = null;
    if (timestamp_offset !== undefined && timestamp_offset !== null) {
      const checked = fieldSchemas.timestampOffset.safeParse(timestamp_offset);
      if (!checked.success) return null;
      offset = checked.data; // -0 read as 0, as the full schema reads it
    }
    if (!isTime(createdAt) || !isTime(updatedAt)) return null;
    out[i] = {
      id: id as string | undefined,
      description: beat_description,
      timestampOffset: offset,
      createdAt: createdAt as string | undefined,
      updatedAt: updatedAt as string | undefined,
    };
  }
  return out;
}
