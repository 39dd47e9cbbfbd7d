/**
 * `npx tsx bench/search-fts-cost.ts`: why `moments:search` is a plain scan and not FTS5. Two
 * libraries with the same 100,000-beat story, one of them with an FTS5 trigram index kept by
 * triggers (built here only; no migration adds it). Calls alternate between the two, so a
 * busy machine slows both alike and the ratios hold: the plain LIKE scan against the FTS
 * query for a query found nowhere (the scan's worst case), and a beat text edit
 * (`moments:update`) with and without the triggers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLibrary, type Library } from '../electron/core/library';
import { searchMoments } from '../electron/core/search';
import { generateStory } from './generate';
import { fmt, summarize } from './stats';

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

const REPS = 300;
const dir = mkdtempSync(join(tmpdir(), 'beatline-fts-'));

/** A library holding the story, and the beats of one small event to edit. */
async function library(name: string) {
  const lib = await openLibrary(join(dir, name), { logError: () => {} });
  const gen = generateStory(lib.db, 100_000, 'Search');
  const beats = lib.db
    .prepare('SELECT moment_uuid FROM event_moments WHERE event_uuid = ?')
    .pluck()
    .all(gen.smallEvents[10]!) as string[];
  return { lib, storyId: gen.storyId, beats };
}

/** Milliseconds `fn` takes. */
function timed(fn: () => void): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function edit(lib: Library, momentId: string, i: number): void {
  const r = lib.dispatcher.call('moments:update', {
    momentId,
    description: `Edited ${i}: the courier reaches the gate at dusk, and the guard nods.`,
  });
  if (!r.ok) throw new Error(r.error.message);
}

const plain = await library('plain.db');
const fts = await library('fts.db');
try {
  fts.lib.db.exec(FTS);
  const ftsQuery = fts.lib.db.prepare(
    `SELECT m.moment_uuid, m.event_uuid FROM moment_text
       JOIN event_moments m ON m.rowid = moment_text.rowid
       JOIN events e ON e.event_uuid = m.event_uuid
      WHERE moment_text MATCH ? AND e.story_uuid = ? LIMIT 1001`,
  );
  const scan: number[] = [];
  const index: number[] = [];
  for (let i = -3; i < 20; i++) {
    const a = timed(() => searchMoments(plain.lib.db, plain.storyId, 'no such words', 200));
    const b = timed(() => ftsQuery.all('"no such words"', fts.storyId));
    if (i >= 0) {
      scan.push(a);
      index.push(b);
    }
  }
  const without: number[] = [];
  const withTriggers: number[] = [];
  for (let i = -20; i < REPS; i++) {
    const k = Math.abs(i) % plain.beats.length;
    const a = timed(() => edit(plain.lib, plain.beats[k]!, i));
    const b = timed(() => edit(fts.lib, fts.beats[k]!, i));
    if (i >= 0) {
      without.push(a);
      withTriggers.push(b);
    }
  }
  const [s, x, e0, e1] = [scan, index, without, withTriggers].map(summarize);
  console.log(`search, query found nowhere: plain LIKE scan p50 ${fmt(s!.p50)} ms`);
  console.log(`search, query found nowhere: FTS5 trigram    p50 ${fmt(x!.p50)} ms`);
  console.log(
    `beat text edit p50: without FTS ${fmt(e0!.p50)} ms, with FTS5 triggers ${fmt(e1!.p50)} ms ` +
      `(${(e1!.p50 / e0!.p50).toFixed(2)}x)`,
  );
} finally {
  plain.lib.close();
  fts.lib.close();
  rmSync(dir, { recursive: true, force: true });
}
