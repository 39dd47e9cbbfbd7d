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

/** The beats reached from `seeds` along `sets_up` links, forward or backward (seeds included). */
function reach(db: DatabaseHandle, seeds: Iterable<string>, forward: boolean): Set<string> {
  const step = forward ? statements(db).out : statements(db).into;
  const seen = new Set(seeds);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const [, next] of step.all(queue[i]) as EdgeRow[]) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return seen;
}

/** Whether `sets_up` links lead from `start` to `goal`: then a link goal -> start is in a loop. */
export function setupReaches(db: DatabaseHandle, start: string, goal: string): boolean {
  const out = statements(db).out;
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const [, next] of out.all(queue[i]) as EdgeRow[]) {
      if (next === goal) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return false;
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
  if (seeds.size === 0) return seeds;
  const back = reach(db, seeds, false);
  return new Set([...reach(db, seeds, true)].filter((b) => back.has(b)));
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
  const row = (id: string) => s.beat.get(id) as [string, string, number, string, number];
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
