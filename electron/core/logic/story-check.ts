import type { LinkKind, LinkStrength, StoryCheckReport, StoryProblem } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { notFound } from '../errors';
import { cachedStatements } from '../statements';
import { checkStory, type StoryLogicModel } from './check';

const statements = cachedStatements((db) => ({
  storyExists: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
  events: db.prepare(
    `SELECT event_uuid AS id, position, chrono_position AS chronoPosition, time_mode AS mode, title
    FROM events WHERE story_uuid = ?`,
  ),
  links: db
    .prepare(
      `SELECT link_uuid, kind, strength, intentional, from_moment_uuid, to_moment_uuid
      FROM beat_links WHERE story_uuid = ?`,
    )
    .raw(true),
  /**
   * The beats the story's links touch. SQLite gathers their ids in a sorted temporary list and
   * looks them up in id order, so the reads walk the primary-key index forward instead of
   * jumping about it (half the time of joining each link to its two beats).
   */
  linkedBeats: db.prepare(
    `SELECT moment_uuid AS id, event_uuid AS eventId, sequence_index AS position,
      timestamp_offset AS offset FROM event_moments
    WHERE moment_uuid IN (SELECT from_moment_uuid FROM beat_links WHERE story_uuid = ?
      UNION SELECT to_moment_uuid FROM beat_links WHERE story_uuid = ?)`,
  ),
  /**
   * The text and the dense place in its event of each beat a JSON array of ids names: one read
   * for the beats of all the problems found (a count over the event's index entries before it).
   */
  names: db
    .prepare(
      `SELECT m.moment_uuid, m.beat_description, (SELECT count(*) FROM event_moments o
        WHERE o.event_uuid = m.event_uuid
          AND (o.sequence_index, o.moment_uuid) < (m.sequence_index, m.moment_uuid))
      FROM event_moments m WHERE m.moment_uuid IN (SELECT value FROM json_each(?))`,
    )
    .raw(true),
}));

type LinkRow = [string, LinkKind, LinkStrength, number, string, string];

/**
 * Reads what the check needs of a story in three queries: its events (sort keys, mode, title),
 * its links, and the beats they touch (event, sort key, offset). The dense places and the beat
 * texts the sentences name are read only for the problems found, in one more query.
 */
export function loadStoryLogic(db: DatabaseHandle, storyId: string): StoryLogicModel {
  const s = statements(db);
  if (s.storyExists.get(storyId) === undefined) throw notFound('story', storyId);
  const events = s.events.all(storyId) as StoryLogicModel['events'];
  const links = (s.links.all(storyId) as LinkRow[]).map((r) => ({
    id: r[0],
    kind: r[1],
    strength: r[2],
    intentional: r[3] === 1,
    fromMomentId: r[4],
    toMomentId: r[5],
  }));
  const beats = s.linkedBeats.all(storyId, storyId) as StoryLogicModel['beats'];
  return {
    events,
    beats,
    links,
    lookups: {
      beats: (named) => {
        const ids = JSON.stringify(named.map((b) => b.id));
        const rows = s.names.all(ids) as Array<[string, string, number]>;
        return new Map(rows.map(([id, text, place]) => [id, { place, text }]));
      },
    },
  };
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
