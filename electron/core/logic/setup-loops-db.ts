import type { LinkStrength, StoryProblem } from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { MOMENT_ORDER } from '../ordering';
import { cachedStatements } from '../statements';
import { describeBeat } from './check';
import { placeIn } from './place';
import { fromFirstRead, loopProblem, namedLoop, setupKnots, type SetupEdge } from './setup-loops';
import { quoteBeat } from './words';

/**
 * Loops of `sets_up` links in the library, for the incremental check (incremental.ts): the
 * walks along them, and the problems of the knots around what a write touches.
 */

/** The beats `sets_up` links lead to from a beat, itself included (one recursive query). */
const WALK = `WITH RECURSIVE walk(m) AS (SELECT ?
    UNION SELECT l.to_moment_uuid FROM walk JOIN beat_links l
      ON l.from_moment_uuid = walk.m AND l.kind = 'sets_up')`;

const statements = cachedStatements((db) => ({
  out: db
    .prepare(
      `SELECT link_uuid, to_moment_uuid, strength FROM beat_links
      WHERE from_moment_uuid = ? AND kind = 'sets_up'`,
    )
    .raw(true),
  into: db
    .prepare(
      `SELECT link_uuid, from_moment_uuid, strength FROM beat_links
      WHERE to_moment_uuid = ? AND kind = 'sets_up'`,
    )
    .raw(true),
  walk: db.prepare(`${WALK} SELECT m FROM walk`).pluck(),
  /** Stops at the goal: the walk is read as it goes. */
  reaches: db.prepare(`${WALK} SELECT 1 FROM walk WHERE m = ? LIMIT 1`).pluck(),
  link: db
    .prepare(
      `SELECT from_moment_uuid, to_moment_uuid FROM beat_links
      WHERE link_uuid = ? AND kind = 'sets_up'`,
    )
    .raw(true),
  /** The beats of an event with a `sets_up` link out (each beat of a knot has one). */
  eventSetups: db
    .prepare(
      `SELECT l.from_moment_uuid FROM event_moments m
      JOIN beat_links l ON l.from_moment_uuid = m.moment_uuid
      WHERE m.event_uuid = ? AND l.kind = 'sets_up'`,
    )
    .pluck(),
  beat: db
    .prepare(
      `SELECT m.beat_description, m.event_uuid, m.sequence_index, e.title, e.position
      FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid WHERE m.moment_uuid = ?`,
    )
    .raw(true),
}));

type EdgeRow = [linkId: string, other: string, strength: LinkStrength];

/** Whether `sets_up` links lead from `start` to `goal`: then a link goal -> start is in a loop. */
export function setupReaches(db: DatabaseHandle, start: string, goal: string): boolean {
  return statements(db).reaches.get(start, goal) !== undefined;
}

/**
 * The beats both reached from and reaching one of `seeds` along `sets_up` links (seeds
 * included): all the beats reached, then walked back from the seeds inside them only (a beat
 * on a way back to a seed from a beat reached is reached too).
 */
function bothWays(db: DatabaseHandle, seeds: ReadonlySet<string>): Set<string> {
  const s = statements(db);
  const ahead = new Set<string>();
  for (const seed of seeds) for (const m of s.walk.all(seed) as string[]) ahead.add(m);
  const both = new Set(seeds);
  const queue = [...both];
  for (let i = 0; i < queue.length; i++) {
    for (const [, prev] of s.into.all(queue[i]) as EdgeRow[]) {
      if (both.has(prev) || !ahead.has(prev)) continue;
      both.add(prev);
      queue.push(prev);
    }
  }
  return both;
}

/** What a write touches, as far as loops go (incremental.ts's CheckScope). */
export interface LoopSeeds {
  momentIds?: readonly string[];
  eventIds?: readonly string[];
  linkIds?: readonly string[];
}

/**
 * The beats whose knots a write that adds or removes links among `scope` can change, read
 * before it: those both reached from and reaching a beat of the scope (a beat of an added link
 * must be in `scope.momentIds`). Every knot the write changes lies inside, before and after,
 * and a knot that reaches outside is one the write leaves alone.
 */
export function loopRegion(db: DatabaseHandle, scope: LoopSeeds): Set<string> {
  const s = statements(db);
  const seeds = new Set(scope.momentIds);
  for (const id of scope.eventIds ?? []) {
    for (const beat of s.eventSetups.all(id) as string[]) seeds.add(beat);
  }
  for (const id of scope.linkIds ?? []) {
    const row = s.link.get(id) as [string, string] | undefined;
    if (row) seeds.add(row[0]).add(row[1]);
  }
  return seeds.size === 0 ? seeds : bothWays(db, seeds);
}

/** The `sets_up` links with both beats in `region`. */
export function regionLinks(db: DatabaseHandle, region: ReadonlySet<string>): SetupEdge[] {
  const edges: SetupEdge[] = [];
  for (const from of region) {
    for (const [id, to, strength] of statements(db).out.all(from) as EdgeRow[]) {
      if (region.has(to)) edges.push({ id, from, to, strength });
    }
  }
  return edges;
}

/** The problems of the knots of `sets_up` links inside `region`, by id. */
export function loopProblemsIn(
  db: DatabaseHandle,
  region: ReadonlySet<string>,
): Map<string, StoryProblem> {
  const found = new Map<string, StoryProblem>();
  if (region.size < 2) return found;
  const s = statements(db);
  type BeatRow = [text: string, eventId: string, key: number, title: string, position: number];
  const rows = new Map<string, BeatRow>();
  const row = (id: string): BeatRow => {
    let r = rows.get(id);
    if (!r) rows.set(id, (r = s.beat.get(id) as BeatRow));
    return r;
  };
  const describe = (id: string) => {
    const [text, eventId, key, title] = row(id);
    return describeBeat(text, title, placeIn(db, MOMENT_ORDER, eventId, key, id));
  };
  // Reading order, as compareReading (check.ts) sorts two beats.
  const reading = (a: string, b: string) => {
    const [, ea, ka, , pa] = row(a);
    const [, eb, kb, , pb] = row(b);
    if (ea !== eb) return pa - pb || (ea < eb ? -1 : 1);
    return ka - kb || (a < b ? -1 : a > b ? 1 : 0);
  };
  for (const knot of setupKnots(regionLinks(db, region))) {
    const loop = fromFirstRead(namedLoop(knot), reading);
    const problem = loopProblem(loop, describe, (id) => quoteBeat(row(id)[0]));
    found.set(problem.id, problem);
  }
  return found;
}
