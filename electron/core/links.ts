import { nowIso } from './clock';
import type { BeatLink, LinkKind, LinkStrength } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { DomainError, notFound } from './errors';
import { newId } from './ids';
import { kindWords, quoteBeat } from './logic/words';
import { cachedStatements } from './statements';

interface LinkRow {
  link_uuid: string;
  story_uuid: string;
  from_moment_uuid: string;
  to_moment_uuid: string;
  kind: LinkKind;
  strength: LinkStrength;
  note: string;
  intentional: number;
  created_at: string;
  updated_at: string;
}

/** Maps a `beat_links` row to the contract's BeatLink. */
export function rowToLink(row: LinkRow): BeatLink {
  return {
    id: row.link_uuid,
    storyId: row.story_uuid,
    fromMomentId: row.from_moment_uuid,
    toMomentId: row.to_moment_uuid,
    kind: row.kind,
    strength: row.strength,
    note: row.note,
    intentional: row.intentional === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const statements = cachedStatements((db) => ({
  get: db.prepare('SELECT * FROM beat_links WHERE link_uuid = ?'),
  byStory: db.prepare(
    'SELECT * FROM beat_links WHERE story_uuid = ? ORDER BY created_at, link_uuid',
  ),
  storyOfStory: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
  beat: db
    .prepare(
      `SELECT e.story_uuid, m.beat_description FROM event_moments m
      JOIN events e ON e.event_uuid = m.event_uuid WHERE m.moment_uuid = ?`,
    )
    .raw(true),
  duplicate: db
    .prepare(
      'SELECT link_uuid FROM beat_links WHERE from_moment_uuid = ? AND to_moment_uuid = ? AND kind = ?',
    )
    .pluck(),
  /** The story-time links out of a beat: the edges the loop check walks. */
  timeEdgesFrom: db
    .prepare(
      `SELECT to_moment_uuid, kind FROM beat_links
      WHERE from_moment_uuid = ? AND kind IN ('causes', 'precedes')`,
    )
    .raw(true),
  /** The reading-order links out of a beat (`sets_up`): the edges the other loop check walks. */
  readEdgesFrom: db
    .prepare(
      `SELECT to_moment_uuid, kind FROM beat_links
      WHERE from_moment_uuid = ? AND kind = 'sets_up'`,
    )
    .raw(true),
  insert: db.prepare(`INSERT INTO beat_links (link_uuid, story_uuid, from_moment_uuid,
    to_moment_uuid, kind, strength, note, intentional, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
  update: db.prepare(
    'UPDATE beat_links SET strength = ?, note = ?, intentional = ?, updated_at = ? WHERE link_uuid = ?',
  ),
  remove: db.prepare('DELETE FROM beat_links WHERE link_uuid = ?'),
}));

/** One link; throws not_found when it does not exist. */
export function getLink(db: DatabaseHandle, linkId: string): BeatLink {
  const row = statements(db).get.get(linkId) as LinkRow | undefined;
  if (!row) throw notFound('link', linkId);
  return rowToLink(row);
}

/** A story's links, oldest first. */
export function listLinks(db: DatabaseHandle, storyId: string): BeatLink[] {
  if (statements(db).storyOfStory.get(storyId) === undefined) throw notFound('story', storyId);
  return (statements(db).byStory.all(storyId) as LinkRow[]).map(rowToLink);
}

/** The story and text of a beat; throws not_found when it does not exist. */
function beatInfo(db: DatabaseHandle, momentId: string): { storyId: string; text: string } {
  const row = statements(db).beat.get(momentId) as [string, string] | undefined;
  if (!row) throw notFound('beat', momentId);
  return { storyId: row[0], text: row[1] };
}

export interface NewLink {
  linkId?: string;
  fromMomentId: string;
  toMomentId: string;
  kind: LinkKind;
  strength: LinkStrength;
  note?: string;
  intentional?: boolean;
}

/**
 * Links two beats of one story. Refuses a link to itself, a duplicate (same beats and kind),
 * beats of two stories, a `causes`/`precedes` link that would close a loop in story time and a
 * `sets_up` link that would close a loop of `sets_up` links (the error names the loop's beats):
 * each order is one line, so a loop in it always has one link broken, whatever the order.
 */
export function createLink(db: DatabaseHandle, input: NewLink): BeatLink {
  const s = statements(db);
  if (input.fromMomentId === input.toMomentId) {
    throw new DomainError('conflict', 'A beat cannot be linked to itself.');
  }
  const from = beatInfo(db, input.fromMomentId);
  const to = beatInfo(db, input.toMomentId);
  if (from.storyId !== to.storyId) {
    throw new DomainError('conflict', 'Only beats of the same story can be linked.');
  }
  if (s.duplicate.get(input.fromMomentId, input.toMomentId, input.kind) !== undefined) {
    throw new DomainError('conflict', `These beats already have a ${kindWords(input.kind)} link.`);
  }
  if (input.linkId !== undefined && s.get.get(input.linkId) !== undefined) {
    throw new DomainError('conflict', `A link with id ${input.linkId} already exists.`);
  }
  refuseLoop(db, input);
  const now = nowIso();
  const id = input.linkId ?? newId();
  s.insert.run(
    id,
    from.storyId,
    input.fromMomentId,
    input.toMomentId,
    input.kind,
    input.strength,
    input.note ?? '',
    input.intentional ? 1 : 0,
    now,
    now,
  );
  return getLink(db, id);
}

/** A loop of up to this many beats is named whole in its refusal. */
const LOOP_NAMED = 8;

/**
 * Throws when the new edge from -> to would close a loop of its order's links: a walk from `to`
 * back to `from` along `causes`/`precedes` links (story time) or `sets_up` links (reading
 * order). The message names every beat of it.
 */
function refuseLoop(db: DatabaseHandle, input: NewLink): void {
  const reading = input.kind === 'sets_up';
  const path = orderPath(db, reading, input.toMomentId, input.fromMomentId);
  if (path === null) return;
  const steps = [
    { momentId: input.fromMomentId, kind: input.kind },
    ...path.map((p) => ({ momentId: p.momentId, kind: p.kind })),
  ];
  const word = (i: number) => {
    const name = quoteBeat(beatInfo(db, steps[i]!.momentId).text);
    return i === 0 ? name : `${kindWords(steps[i - 1]!.kind)} ${name}`;
  };
  // A long loop names its first and last beats and counts the others: the refusal is a toast.
  const words =
    steps.length <= LOOP_NAMED
      ? steps.map((_, i) => word(i))
      : [word(0), word(1), word(2), `... ${steps.length - 5} more beats ...`].concat(
          word(steps.length - 2),
          word(steps.length - 1),
        );
  const loop =
    `${words.join(' ')} ${kindWords(steps[steps.length - 1]!.kind)} ` +
    quoteBeat(beatInfo(db, input.fromMomentId).text);
  throw new DomainError(
    'conflict',
    reading
      ? `This link would make a loop in reading order: ${loop} (each setup must be read ` +
          'before its payoff, so one link would always be broken).'
      : `This link would make a loop in story time: ${loop}.`,
  );
}

/**
 * The shortest walk from `start` to `goal` along the links of one order (`reading`: `sets_up`
 * links, else `causes`/`precedes`), as the beats it passes (start first, goal excluded) with
 * the kind of the link leaving each; null when none.
 */
function orderPath(
  db: DatabaseHandle,
  reading: boolean,
  start: string,
  goal: string,
): Array<{ momentId: string; kind: LinkKind }> | null {
  const edges = reading ? statements(db).readEdgesFrom : statements(db).timeEdgesFrom;
  const cameFrom = new Map<string, { prev: string; kind: LinkKind } | null>([[start, null]]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const at = queue[i]!;
    for (const [next, kind] of edges.all(at) as Array<[string, LinkKind]>) {
      if (cameFrom.has(next)) continue;
      cameFrom.set(next, { prev: at, kind });
      if (next === goal) {
        const path: Array<{ momentId: string; kind: LinkKind }> = [];
        for (let step = cameFrom.get(goal); step; step = cameFrom.get(step.prev)) {
          path.unshift({ momentId: step.prev, kind: step.kind });
        }
        return path;
      }
      queue.push(next);
    }
  }
  return null;
}

/**
 * Inserts links already checked as a whole (a story file's, json-logic.ts: no loop in story
 * time, a loop of setups kept; no
 * duplicate, beats of this story) without a walk per link. Fresh ids. Call in a transaction.
 */
export function insertCheckedLinks(
  db: DatabaseHandle,
  storyId: string,
  links: ReadonlyArray<Omit<NewLink, 'linkId'>>,
): void {
  const now = nowIso();
  const insert = statements(db).insert;
  for (const l of links) {
    insert.run(
      newId(),
      storyId,
      l.fromMomentId,
      l.toMomentId,
      l.kind,
      l.strength,
      l.note ?? '',
      l.intentional ? 1 : 0,
      now,
      now,
    );
  }
}

/** Changes a link's strength, note and/or intentional mark. */
export function updateLink(
  db: DatabaseHandle,
  linkId: string,
  changes: { strength?: LinkStrength; note?: string; intentional?: boolean },
): BeatLink {
  const link = getLink(db, linkId);
  statements(db).update.run(
    changes.strength ?? link.strength,
    changes.note ?? link.note,
    (changes.intentional ?? link.intentional) ? 1 : 0,
    nowIso(),
    linkId,
  );
  return getLink(db, linkId);
}

/** Deletes a link; throws not_found when it does not exist. */
export function deleteLink(db: DatabaseHandle, linkId: string): void {
  if (statements(db).remove.run(linkId).changes === 0) throw notFound('link', linkId);
}
