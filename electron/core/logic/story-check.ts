import type {
  LinkKind,
  LinkStrength,
  StoryCheckReport,
  StoryProblem,
  TimeMode,
} from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { notFound } from '../errors';
import { cachedStatements } from '../statements';
import { checkStory, type StoryLogicModel } from './check';

const statements = cachedStatements((db) => ({
  storyExists: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
  events: db
    .prepare(
      `SELECT event_uuid, title, chrono_position, time_mode FROM events WHERE story_uuid = ?
      ORDER BY position, event_uuid`,
    )
    .raw(true),
  links: db
    .prepare(
      `SELECT link_uuid, from_moment_uuid, to_moment_uuid, kind, strength, intentional
      FROM beat_links WHERE story_uuid = ?`,
    )
    .raw(true),
  /** The beats the story's links touch. */
  linkedBeats: db
    .prepare(
      `SELECT moment_uuid, event_uuid, timestamp_offset, beat_description FROM event_moments
      WHERE moment_uuid IN (SELECT from_moment_uuid FROM beat_links WHERE story_uuid = ?
        UNION SELECT to_moment_uuid FROM beat_links WHERE story_uuid = ?)`,
    )
    .raw(true),
  /** An event's beat ids in order (the covering index only), for dense positions. */
  beatOrder: db
    .prepare(
      'SELECT moment_uuid FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index, moment_uuid',
    )
    .pluck(),
}));

/**
 * Reads what the check needs of a story: every event, every link, and the beats the links
 * touch with their dense positions (an event's beat order is read only when a link touches
 * one of its beats).
 */
export function loadStoryLogic(db: DatabaseHandle, storyId: string): StoryLogicModel {
  const s = statements(db);
  if (s.storyExists.get(storyId) === undefined) throw notFound('story', storyId);
  const eventRows = s.events.all(storyId) as Array<[string, string, number, TimeMode]>;
  const chrono = eventRows
    .map((r) => ({ id: r[0], key: r[2] }))
    .sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const chronoRank = new Map(chrono.map((e, i) => [e.id, i]));
  const events = eventRows.map((r, i) => ({
    id: r[0],
    title: r[1],
    position: i,
    chronoPosition: chronoRank.get(r[0])!,
    mode: r[3],
  }));
  const links = (
    s.links.all(storyId) as Array<[string, string, string, LinkKind, LinkStrength, number]>
  ).map((r) => ({
    id: r[0],
    fromMomentId: r[1],
    toMomentId: r[2],
    kind: r[3],
    strength: r[4],
    intentional: r[5] === 1,
  }));
  const rows = s.linkedBeats.all(storyId, storyId) as Array<[string, string, number | null, string]>;
  const positions = new Map<string, number>();
  for (const eventId of new Set(rows.map((r) => r[1]))) {
    (s.beatOrder.all(eventId) as string[]).forEach((id, i) => positions.set(id, i));
  }
  const beats = rows.map((r) => ({
    id: r[0],
    eventId: r[1],
    position: positions.get(r[0])!,
    offset: r[2],
    description: r[3],
  }));
  return { events, beats, links };
}

/** Counts what counts: problems not marked intentional, by severity. */
export function summarize(storyId: string, problems: StoryProblem[]): StoryCheckReport {
  const counted = problems.filter((p) => !p.intentional);
  return {
    storyId,
    problems,
    errors: counted.filter((p) => p.severity === 'error').length,
    warnings: counted.filter((p) => p.severity === 'warning').length,
    infos: counted.filter((p) => p.severity === 'info').length,
    intentional: problems.length - counted.length,
  };
}

/** `stories:check`: every problem of a story, checked from scratch. */
export function checkStoryInLibrary(db: DatabaseHandle, storyId: string): StoryCheckReport {
  return summarize(storyId, checkStory(loadStoryLogic(db, storyId)));
}
