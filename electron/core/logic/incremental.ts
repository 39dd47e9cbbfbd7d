import type {
  LinkKind,
  LinkStrength,
  StoryCheckDelta,
  StoryProblem,
  TimeMode,
} from '../contract/types';
import type { DatabaseHandle } from '../db/open';
import { MOMENT_ORDER } from '../ordering';
import { placeIn } from './place';
import { nowIso } from '../clock';
import { cachedStatements } from '../statements';
import { checkLink, describeBeat, type BeatPlace } from './check';
import { loopProblemsIn, loopRegion, regionLinks, setupReaches } from './setup-loops-db';

/**
 * The story check's incremental form: the problems of only the links that touch what a write
 * changes, read before and after it in the same transaction. The difference is what the write
 * created and resolved. Comparisons use the rows' sort keys (the order they define is the
 * dense order), so a link without a problem costs no rank lookups; ranks are read only for
 * the sentences of problems found.
 */

/** What a write touches: beats, events (all their beats) and links. */
export interface CheckScope {
  momentIds?: readonly string[];
  eventIds?: readonly string[];
  linkIds?: readonly string[];
}

// One row per link: the link, then for each beat its event, key and offset, and its event's
// reading key, story-time key and mode. Texts are read only for a problem's sentence.
const SELECT = `SELECT l.link_uuid, l.kind, l.strength, l.intentional,
  l.from_moment_uuid, fm.event_uuid, fm.sequence_index, fm.timestamp_offset,
  fe.position, fe.chrono_position, fe.time_mode,
  l.to_moment_uuid, tm.event_uuid, tm.sequence_index, tm.timestamp_offset,
  te.position, te.chrono_position, te.time_mode
  FROM beat_links l
  JOIN event_moments fm ON fm.moment_uuid = l.from_moment_uuid
  JOIN events fe ON fe.event_uuid = fm.event_uuid
  JOIN event_moments tm ON tm.moment_uuid = l.to_moment_uuid
  JOIN events te ON te.event_uuid = tm.event_uuid`;

type FactsRow = [
  linkId: string,
  kind: LinkKind,
  strength: LinkStrength,
  intentional: number,
  ...from: BeatColumns,
  ...to: BeatColumns,
];
type BeatColumns = [
  momentId: string,
  eventId: string,
  key: number,
  offset: number | null,
  eventReading: number,
  eventChrono: number,
  mode: TimeMode,
];

const statements = cachedStatements((db) => ({
  /** Whether a beat has any link: two index probes, no row read (most beats have none). */
  hasLinks: db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM beat_links WHERE from_moment_uuid = ?)
        OR EXISTS (SELECT 1 FROM beat_links WHERE to_moment_uuid = ?)`,
    )
    .pluck(),
  byFrom: db.prepare(`${SELECT} WHERE l.from_moment_uuid = ?`).raw(true),
  byTo: db.prepare(`${SELECT} WHERE l.to_moment_uuid = ?`).raw(true),
  byId: db.prepare(`${SELECT} WHERE l.link_uuid = ?`).raw(true),
  byFromEvent: db.prepare(`${SELECT} WHERE fm.event_uuid = ?`).raw(true),
  byToEvent: db.prepare(`${SELECT} WHERE tm.event_uuid = ?`).raw(true),
  text: db.prepare('SELECT beat_description FROM event_moments WHERE moment_uuid = ?').pluck(),
  title: db.prepare('SELECT title FROM events WHERE event_uuid = ?').pluck(),
}));

function placeOf(db: DatabaseHandle, c: BeatColumns): BeatPlace {
  const [momentId, eventId, key, offset, eventReading, eventChrono, mode] = c;
  const s = statements(db);
  return {
    momentId,
    eventId,
    eventReading,
    eventChrono,
    beatOrder: key,
    offset,
    mode,
    describe: () =>
      describeBeat(
        s.text.get(momentId) as string,
        s.title.get(eventId) as string,
        placeIn(db, MOMENT_ORDER, eventId, key, momentId),
      ),
  };
}

/**
 * The links a scope touches and their current problems, by problem id; with `region`, also the
 * problems of the loops of `sets_up` links inside it (setup-loops-db.ts). A `sets_up` link in
 * a loop has no problem of its own: its loop is the problem.
 */
export function problemsInScope(
  db: DatabaseHandle,
  scope: CheckScope,
  region?: ReadonlySet<string>,
): { links: number; problems: Map<string, StoryProblem> } {
  const s = statements(db);
  const rows = new Map<string, FactsRow>();
  const add = (found: unknown[]) => {
    for (const row of found as FactsRow[]) rows.set(row[0], row);
  };
  for (const id of scope.momentIds ?? []) {
    if (s.hasLinks.get(id, id) === 0) continue;
    add(s.byFrom.all(id));
    add(s.byTo.all(id));
  }
  for (const id of scope.eventIds ?? []) {
    add(s.byFromEvent.all(id));
    add(s.byToEvent.all(id));
  }
  for (const id of scope.linkIds ?? []) add(s.byId.all(id));
  const problems = new Map<string, StoryProblem>();
  for (const row of rows.values()) {
    const link = {
      id: row[0],
      kind: row[1],
      strength: row[2],
      intentional: row[3] === 1,
      fromMomentId: row[4],
      toMomentId: row[11],
    };
    const from = placeOf(db, row.slice(4, 11) as BeatColumns);
    const to = placeOf(db, row.slice(11, 18) as BeatColumns);
    const found = checkLink(link, from, to);
    if (found.length > 0 && link.kind === 'sets_up' && setupReaches(db, to.momentId, from.momentId))
      continue;
    for (const problem of found) problems.set(problem.id, problem);
  }
  if (region) for (const [id, p] of loopProblemsIn(db, region)) problems.set(id, p);
  return { links: rows.size, problems };
}

/** Same problem, same state: the severity and the intentional mark are part of it. */
const sameState = (a: StoryProblem, b: StoryProblem) =>
  a.severity === b.severity && a.intentional === b.intentional;

/** What changed between two sets of problems (a changed state is resolved, then created). */
export function diffProblems(
  before: ReadonlyMap<string, StoryProblem>,
  after: ReadonlyMap<string, StoryProblem>,
): StoryCheckDelta {
  const created: StoryProblem[] = [];
  const resolved: StoryProblem[] = [];
  for (const [id, p] of before) {
    const now = after.get(id);
    if (!now || !sameState(p, now)) resolved.push(p);
  }
  for (const [id, p] of after) {
    const then = before.get(id);
    if (!then || !sameState(p, then)) created.push(p);
  }
  return { created, resolved };
}

const pending = new WeakMap<DatabaseHandle, StoryCheckDelta>();

const lift = cachedStatements((db) =>
  db.prepare('UPDATE beat_links SET intentional = 0, updated_at = ? WHERE link_uuid = ?'),
);

/**
 * An intentional mark covers the problems its link has, never one a later write gives it: a
 * move (or an offset or mode change) that gives a marked link a problem it did not have just
 * before lifts the mark, so the new problem counts and is said. So a dream accepted as causing
 * a real event does not hide the effect later placed before its cause, and a marked link a move
 * mended does not hide its next problem (h71: it did, of any kind; a link broken again the way
 * it was marked is then counted again too: one flag per link cannot tell the two apart, and a
 * hard error said once too often beats one never said). A move that keeps a marked problem as
 * it is leaves the mark. The mark's change is part of the write, so Undo puts it back. True
 * when a mark was lifted.
 */
function liftMarks(
  db: DatabaseHandle,
  before: ReadonlyMap<string, StoryProblem>,
  after: ReadonlyMap<string, StoryProblem>,
): boolean {
  const links = new Set<string>();
  for (const [id, p] of after) {
    if (p.intentional && !before.has(id)) links.add(p.linkId);
  }
  const now = nowIso();
  for (const linkId of links) lift(db).run(now, linkId);
  return links.size > 0;
}

/**
 * Runs a write and notes the problems it created and resolved among the links `scope`
 * touches, for the dispatcher to put on the Result (`takeCheckDelta`). `linksStay`: the write
 * adds no link to the scope (a move, an offset or mode change, a delete), so a scope without
 * links before has none after and is not read again; such a write lifts the intentional mark of
 * a link it gives a new problem (`liftMarks`). `loopsStay`: the write adds and removes no link
 * (a move, an offset or mode change); any other may change the loops of `sets_up` links
 * around the scope (a beat of a link it adds must be in `scope.momentIds`), whose problems and
 * links are then read before and after too.
 */
export function withCheck<T>(
  db: DatabaseHandle,
  scope: CheckScope,
  write: () => T,
  options: { linksStay?: boolean; loopsStay?: boolean } = {},
): T {
  const region = options.loopsStay ? undefined : loopRegion(db, scope);
  if (region && region.size > 1) {
    const inside = regionLinks(db, region).map((e) => e.id);
    scope = { ...scope, linkIds: [...(scope.linkIds ?? []), ...inside] };
  }
  const before = problemsInScope(db, scope, region);
  const value = write();
  if (options.linksStay && before.links === 0) return value;
  let after = problemsInScope(db, scope, region).problems;
  if (options.linksStay && liftMarks(db, before.problems, after)) {
    after = problemsInScope(db, scope, region).problems;
  }
  const delta = diffProblems(before.problems, after);
  if (delta.created.length > 0 || delta.resolved.length > 0) {
    const earlier = pending.get(db);
    if (earlier) {
      earlier.created.push(...delta.created);
      earlier.resolved.push(...delta.resolved);
    } else pending.set(db, delta);
  }
  return value;
}

/** The delta noted by `withCheck` since the last call, and forgets it. */
export function takeCheckDelta(db: DatabaseHandle): StoryCheckDelta | undefined {
  const delta = pending.get(db);
  pending.delete(db);
  return delta;
}
