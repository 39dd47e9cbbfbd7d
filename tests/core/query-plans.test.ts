import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../electron/core/db/open';
import { must, seedStory, tempLibrary } from '../helpers/library';

/** Records the SQL of every statement prepared on `db` from now on. */
function recordPrepares(db: DatabaseHandle): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  return seen;
}

/** EXPLAIN QUERY PLAN of `sql` with every parameter (`?` or `@name`) bound to NULL, one line per step. */
function planOf(db: DatabaseHandle, sql: string): string {
  const positional = (sql.match(/\?/g) ?? []).map(() => null);
  const named = Object.fromEntries((sql.match(/@\w+/g) ?? []).map((p) => [p.slice(1), null]));
  const params = Object.keys(named).length > 0 ? [named] : positional;
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{
    detail: string;
  }>;
  return rows.map((r) => r.detail).join('\n');
}

describe('query plans of the statements the handlers prepare', () => {
  it('reach beats through an index, never by scanning or sorting them', async () => {
    const lib = await tempLibrary();
    const prepared = recordPrepares(lib.db);
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { A: ['a0', 'a1', 'a2'], B: ['b0'], C: [] });
    const [a, b, c] = events.map((e) => e.event.id) as [string, string, string];
    const a0 = events[0]!.moments[0]!.id;
    const a2 = events[0]!.moments[2]!.id;
    const b0 = events[1]!.moments[0]!.id;
    for (let i = 0; i < 3; i++) {
      must(d.call('moments:move', { momentId: a0, toEventId: a, beforeMomentId: null }));
      must(d.call('moments:move', { momentId: a0, toEventId: b, beforeMomentId: b0 }));
      must(d.call('moments:move', { momentId: a0, toEventId: c, beforeMomentId: null }));
      must(d.call('moments:move', { momentId: a0, toEventId: a, beforeMomentId: a2 }));
      must(d.call('moments:update', { momentId: a0, description: `edit ${i}` }));
      must(d.call('moments:create', { eventId: a, description: `n${i}`, beforeMomentId: a2 }));
    }
    must(d.call('moments:range', { eventId: a, offset: 1, limit: 2 }));
    must(d.call('moments:list', { eventId: a }));
    must(d.call('moments:get', { momentId: a2 }));
    must(d.call('events:move', { eventId: c, beforeEventId: a }));
    must(d.call('events:create', { storyId: story.id, title: 'New', beforeEventId: c }));
    must(d.call('stories:outline', { storyId: story.id }));
    must(d.call('stories:load', { storyId: story.id }));
    must(d.call('moments:search', { storyId: story.id, query: 'a' }));
    const file = must(d.call('stories:export', { storyId: story.id, format: 'json' }));
    must(d.call('stories:import', { format: 'json', content: file.content }));
    must(d.call('moments:delete', { momentId: a2 }));
    must(d.call('events:delete', { eventId: b }));

    const onBeats = [...new Set(prepared)].filter(
      (sql) => /\bevent_moments\b/.test(sql) && /\bWHERE\b/i.test(sql) && !/^\s*INSERT/i.test(sql),
    );
    // The list reads (neighbour seeks, whole list, range) are among them.
    expect(onBeats.filter((sql) => /ORDER BY sequence_index/.test(sql)).length).toBeGreaterThan(3);
    // The neighbour seeks of beats and events are searches on their order indexes.
    for (const sql of prepared.filter((q) => /\(sequence_index, moment_uuid\) </.test(q))) {
      expect(planOf(lib.db, sql), sql).toMatch(
        /SEARCH event_moments USING COVERING INDEX event_moments_by_event_sequence \(event_uuid=\? AND/,
      );
    }
    for (const sql of prepared.filter((q) => /\(position, event_uuid\) </.test(q))) {
      expect(planOf(lib.db, sql), sql).toMatch(
        /SEARCH events USING (COVERING )?INDEX events_by_story_position/,
      );
    }
    for (const sql of onBeats) {
      const plan = planOf(lib.db, sql);
      expect(plan, sql).not.toMatch(/^SCAN (event_moments|m)\b/m);
      // The library list sorts stories (one row per story), which is fine; nothing sorts beats.
      if (!/^SCAN s\b/m.test(plan)) expect(plan, sql).not.toMatch(/TEMP B-TREE/);
    }
  });
});
