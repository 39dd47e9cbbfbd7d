// The logic layer's statements reach links and beats through indexes, never by scanning a
// table: a move in a story of 100,000 beats and 10,000 links reads a handful of rows.
import { describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../electron/core/db/open';
import { must, seedStory, tempLibrary } from '../helpers/library';

function recordPrepares(db: DatabaseHandle): string[] {
  const seen: string[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    seen.push(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  return seen;
}

function planOf(db: DatabaseHandle, sql: string): string {
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('\n');
}

describe('query plans of the logic layer', () => {
  it('never scan links, beats or events', async () => {
    const lib = await tempLibrary();
    const prepared = recordPrepares(lib.db);
    const d = lib.dispatcher;
    const { story, events } = seedStory(d, { A: ['a0', 'a1'], B: ['b0'], C: ['c0'] });
    const [a, b, c] = events.map((e) => e.event.id) as [string, string, string];
    const beat = (e: number, m: number) => events[e]!.moments[m]!.id;
    const link = must(
      d.call('links:create', {
        fromMomentId: beat(0, 0),
        toMomentId: beat(1, 0),
        kind: 'causes',
        strength: 'hard',
      }),
    );
    must(
      d.call('links:create', {
        fromMomentId: beat(1, 0),
        toMomentId: beat(2, 0),
        kind: 'sets_up',
        strength: 'soft',
      }),
    );
    for (let i = 0; i < 2; i++) {
      must(d.call('moments:move', { momentId: beat(0, 0), toEventId: c, beforeMomentId: null }));
      must(d.call('moments:move', { momentId: beat(0, 1), toEventId: b, beforeMomentId: null }));
      must(d.call('moments:update', { momentId: beat(1, 0), timestampOffset: 30 }));
      must(d.call('events:move', { eventId: a, beforeEventId: null }));
      must(d.call('events:moveInChronology', { eventId: c, beforeEventId: a }));
      must(d.call('events:setStoryTime', { eventId: b, mode: 'dream' }));
    }
    must(d.call('links:update', { linkId: link.id, intentional: true }));
    must(d.call('links:list', { storyId: story.id }));
    must(d.call('events:chronology', { storyId: story.id }));
    must(d.call('stories:check', { storyId: story.id }));
    const file = must(d.call('stories:export', { storyId: story.id, format: 'json' }));
    must(d.call('stories:import', { format: 'json', content: file.content }));
    must(d.call('links:delete', { linkId: link.id }));
    must(d.call('moments:delete', { momentId: beat(2, 0) }));
    must(d.call('events:create', { storyId: story.id, title: 'D', beforeEventId: b }));

    const logic = [...new Set(prepared)].filter(
      (sql) =>
        /\b(beat_links|chrono_position|time_mode)\b/.test(sql) &&
        /\bWHERE\b/i.test(sql) &&
        !/^\s*INSERT/i.test(sql),
    );
    expect(logic.length).toBeGreaterThan(10);
    for (const sql of logic) {
      // `walk`: the queue of a recursive walk along links (setup-loops-db.ts), not a table.
      expect(planOf(lib.db, sql), sql).not.toMatch(/^SCAN (?!CONSTANT ROW|walk$)/m);
    }
  });
});
