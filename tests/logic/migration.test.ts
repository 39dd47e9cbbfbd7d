// Migration 004_story_logic: a version 3 library with stories gets story time equal to its
// reading order, and the links table enforces what the database can enforce.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { openDatabase } from '../../electron/core/db/open';
import { tempDir } from '../helpers/temp';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('004_story_logic', () => {
  it('keeps every row, sets story time to reading order, and constrains links', async () => {
    const db = openDatabase(join(tempDir(), 'lib.db'));
    await migrate(db, { targetVersion: 3 });
    db.prepare("INSERT INTO stories VALUES (?, 'T', 'now', 'now')").run(id(1));
    // Reading order: event 12 (position -5), event 10 (0), event 11 (7).
    [
      [10, 0],
      [11, 7],
      [12, -5],
    ].forEach(([e, position]) => {
      db.prepare("INSERT INTO events VALUES (?, ?, 'E', '', ?, 'now', 'now')").run(
        id(e!),
        id(1),
        position,
      );
      db.prepare("INSERT INTO event_moments VALUES (?, ?, 0, 'beat', NULL, 'now', 'now')").run(
        id(e! + 10),
        id(e!),
      );
    });
    const before = db.prepare('SELECT * FROM event_moments ORDER BY 1').all();
    await migrate(db, { targetVersion: 4 });
    expect(schemaVersion(db)).toBe(4);
    expect(db.prepare('SELECT * FROM event_moments ORDER BY 1').all()).toEqual(before);
    expect(
      db
        .prepare(
          'SELECT event_uuid, chrono_position, time_label, time_mode FROM events ORDER BY chrono_position',
        )
        .all(),
    ).toEqual([
      { event_uuid: id(12), chrono_position: -5, time_label: '', time_mode: 'linear' },
      { event_uuid: id(10), chrono_position: 0, time_label: '', time_mode: 'linear' },
      { event_uuid: id(11), chrono_position: 7, time_label: '', time_mode: 'linear' },
    ]);

    const link = db.prepare(
      "INSERT INTO beat_links VALUES (?, ?, ?, ?, ?, 'hard', '', 0, 'now', 'now')",
    );
    link.run(id(30), id(1), id(20), id(21), 'causes');
    expect(() => link.run(id(31), id(1), id(20), id(21), 'causes')).toThrow(/UNIQUE/);
    expect(() => link.run(id(32), id(1), id(20), id(20), 'causes')).toThrow(/CHECK/);
    expect(() => link.run(id(33), id(1), id(20), id(21), 'foreshadows')).toThrow(/CHECK/);
    expect(() => link.run(id(34), id(1), id(20), id(99), 'causes')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("UPDATE events SET time_mode = 'memory'").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM event_moments WHERE moment_uuid = ?').run(id(21));
    expect(db.prepare('SELECT count(*) FROM beat_links').pluck().get()).toBe(0);
    db.close();
  });
});
