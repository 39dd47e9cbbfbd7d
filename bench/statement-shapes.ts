/**
 * `npx tsx bench/statement-shapes.ts`: what one call of each hot statement shape costs with
 * its parameters bound as `?`, as `+?` (what the code uses), and written into the SQL as
 * literals (nothing bound, so never recompiled). Where `?` costs more than the literal and
 * `+?` does not, the statement was being recompiled on every call (see
 * electron/core/statements.ts). Best of 5 rounds of 3,000 calls, on a 20,000-beat story.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary } from '../electron/core/library';
import { generateStory } from './generate';

const dir = mkdtempSync(join(tmpdir(), 'beatline-shapes-'));
const lib = await openLibrary(join(dir, 'shapes.db'), { logError: () => {} });
try {
  const gen = generateStory(lib.db, 20_000, 'Shapes');
  const event = gen.smallEvents[5]!;
  const list = 'FROM event_moments WHERE event_uuid = ?';
  const order = 'ORDER BY sequence_index, moment_uuid';
  const shapes: Array<[string, string, Array<string | number>]> = [
    [
      'first row',
      `SELECT moment_uuid, sequence_index ${list} AND moment_uuid <> ? ${order} LIMIT 1`,
      [event, ''],
    ],
    [
      'two rows at an offset',
      `SELECT moment_uuid, sequence_index ${list} AND moment_uuid <> ? ${order} LIMIT 2 OFFSET ?`,
      [event, '', 4],
    ],
    [
      'whole list (ids, keys)',
      `SELECT moment_uuid, sequence_index ${list} AND moment_uuid <> ? ${order}`,
      [event, ''],
    ],
    ['range of beats', `SELECT * ${list} ${order} LIMIT ? OFFSET ?`, [event, 5, 3]],
    ['count (no ORDER BY)', `SELECT count(*) ${list} AND moment_uuid <> ?`, [event, '']],
  ];
  const literal = (sql: string, args: Array<string | number>) => {
    let i = 0;
    return sql.replace(/\?/g, () => {
      const a = args[i++]!;
      return typeof a === 'string' ? `'${a}'` : String(a);
    });
  };
  const usCall = (run: () => unknown) => {
    let best = Infinity;
    for (let round = 0; round < 5; round++) {
      const t = performance.now();
      for (let k = 0; k < 3000; k++) run();
      best = Math.min(best, (performance.now() - t) / 3);
    }
    return best.toFixed(2);
  };
  const rows = shapes.map(([name, sql, args]) => {
    const bound = lib.db.prepare(sql).raw(true);
    const plus = lib.db.prepare(sql.replace(/(=|LIMIT) \?/g, '$1 +?')).raw(true);
    const fixed = lib.db.prepare(literal(sql, args)).raw(true);
    return {
      statement: name,
      'bound ? (us)': usCall(() => bound.all(...args)),
      'bound +? (us)': usCall(() => plus.all(...args)),
      'literal (us)': usCall(() => fixed.all()),
    };
  });
  console.table(rows);
} finally {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
}
