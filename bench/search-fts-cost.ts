/**
 * `npx tsx bench/search-fts-cost.ts`: why `moments:search` is a plain scan and not FTS5. On a
 * 100,000-beat story it times (1) the plain LIKE scan the channel uses, for a query found
 * nowhere (its worst case), and (2) what an FTS5 trigram index kept by triggers would cost:
 * its query, and the extra time it adds to a beat edit (`moments:update` of the text) over
 * the same edit without it. The index is built in a copy of the schema here only; no
 * migration adds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary } from '../electron/core/library';
import { searchMoments } from '../electron/core/search';
import { generateStory } from './generate';
import { fmt, summarize, time } from './stats';

const FTS = `
  CREATE VIRTUAL TABLE moment_text USING fts5(
    beat_description, content='event_moments', content_rowid='rowid', tokenize='trigram');
  INSERT INTO moment_text(moment_text) VALUES ('rebuild');
  CREATE TRIGGER moment_text_ai AFTER INSERT ON event_moments BEGIN
    INSERT INTO moment_text(rowid, beat_description) VALUES (new.rowid, new.beat_description);
  END;
  CREATE TRIGGER moment_text_ad AFTER DELETE ON event_moments BEGIN
    INSERT INTO moment_text(moment_text, rowid, beat_description)
      VALUES ('delete', old.rowid, old.beat_description);
  END;
  CREATE TRIGGER moment_text_au AFTER UPDATE OF beat_description ON event_moments BEGIN
    INSERT INTO moment_text(moment_text, rowid, beat_description)
      VALUES ('delete', old.rowid, old.beat_description);
    INSERT INTO moment_text(rowid, beat_description) VALUES (new.rowid, new.beat_description);
  END;`;

const dir = mkdtempSync(join(tmpdir(), 'beatline-fts-'));
const lib = await openLibrary(join(dir, 'fts.db'), { logError: () => {} });
try {
  const gen = generateStory(lib.db, 100_000, 'Search');
  const beats = lib.db
    .prepare(
      'SELECT moment_uuid FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index',
    )
    .pluck()
    .all(gen.smallEvents[10]!) as string[];
  const edit = () =>
    summarize(
      time(300, (i) => {
        const r = lib.dispatcher.call('moments:update', {
          momentId: beats[Math.abs(i) % beats.length]!,
          description: `Edited ${i}: the courier reaches the gate at dusk, and the guard nods.`,
        });
        if (!r.ok) throw new Error(r.error.message);
      }),
    );
  const plainScan = summarize(
    time(20, () => searchMoments(lib.db, gen.storyId, 'no such words', 200)),
  );
  const bare = edit();
  lib.db.exec(FTS);
  const withFts = edit();
  const ftsQuery = lib.db.prepare(
    `SELECT m.moment_uuid, m.event_uuid FROM moment_text
       JOIN event_moments m ON m.rowid = moment_text.rowid
       JOIN events e ON e.event_uuid = m.event_uuid
      WHERE moment_text MATCH ? AND e.story_uuid = ? LIMIT 1001`,
  );
  const ftsScan = summarize(time(20, () => ftsQuery.all('"no such words"', gen.storyId)));
  console.log(`plain LIKE scan, query found nowhere     p50 ${fmt(plainScan.p50)}`);
  console.log(`FTS5 trigram query, query found nowhere  p50 ${fmt(ftsScan.p50)}`);
  console.log(`beat text edit, no FTS index             p50 ${fmt(bare.p50)}`);
  console.log(
    `beat text edit, FTS5 trigram triggers    p50 ${fmt(withFts.p50)} ` +
      `(${(withFts.p50 / bare.p50).toFixed(2)}x)`,
  );
} finally {
  lib.close();
  rmSync(dir, { recursive: true, force: true });
}
