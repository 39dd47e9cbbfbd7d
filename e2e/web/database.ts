import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';

const repoRoot = resolve(import.meta.dirname, '..', '..');

export interface CliStory {
  id: string;
  title: string;
  eventCount: number;
  beatCount: number;
}

/** `beatline list --db FILE --json`: the stories as the CLI reads them from the file. */
export function cliList(dbPath: string): CliStory[] {
  const run = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'bin', 'beatline.mjs'), 'list', '--db', dbPath, '--json'],
    { cwd: repoRoot, encoding: 'utf8', timeout: 30_000 },
  );
  if (run.status !== 0) {
    throw new Error(`beatline list failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  return JSON.parse(run.stdout) as CliStory[];
}

export interface StoredStory {
  title: string;
  events: {
    title: string;
    description: string;
    beats: { text: string; offset: number | null }[];
  }[];
}

/**
 * The stories in the SQLite file, in order, read straight from the tables (read-only): the
 * order the writer saw must be the order that was committed.
 */
export function readDatabase(dbPath: string): StoredStory[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const stories = db
      .prepare('SELECT story_uuid AS id, title FROM stories ORDER BY created_at, story_uuid')
      .all() as { id: string; title: string }[];
    const events = db.prepare(
      `SELECT event_uuid AS id, title, description FROM events
       WHERE story_uuid = ? ORDER BY position, event_uuid`,
    );
    const beats = db.prepare(
      `SELECT beat_description AS text, timestamp_offset AS offset FROM event_moments
       WHERE event_uuid = ? ORDER BY sequence_index, moment_uuid`,
    );
    return stories.map((story) => ({
      title: story.title,
      events: (events.all(story.id) as { id: string; title: string; description: string }[]).map(
        (event) => ({
          title: event.title,
          description: event.description,
          beats: beats.all(event.id) as { text: string; offset: number | null }[],
        }),
      ),
    }));
  } finally {
    db.close();
  }
}

/** The beat texts of each event of the first story, in order. */
export function storedBeatTexts(dbPath: string, storyTitle: string): string[][] {
  const story = readDatabase(dbPath).find((s) => s.title === storyTitle);
  if (!story) throw new Error(`no story titled ${storyTitle} in ${dbPath}`);
  return story.events.map((e) => e.beats.map((b) => b.text));
}
