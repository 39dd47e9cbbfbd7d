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

/** Runs the `beatline` command on a library file and returns what it printed. */
function beatline(args: string[]): string {
  const run = spawnSync(process.execPath, [resolve(repoRoot, 'bin', 'beatline.mjs'), ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (run.status !== 0) {
    throw new Error(
      `beatline ${args.join(' ')} failed (${run.status}):\n${run.stdout}\n${run.stderr}`,
    );
  }
  return run.stdout;
}

/** `beatline list --db FILE --json`: the stories as the CLI reads them from the file. */
export function cliList(dbPath: string): CliStory[] {
  return JSON.parse(beatline(['list', '--db', dbPath, '--json'])) as CliStory[];
}

interface StoryFile {
  story: {
    title: string;
    events: {
      title: string;
      description: string;
      moments: { beat_description: string; timestamp_offset: number | null }[];
    }[];
  };
}

/** `beatline export --story TITLE --format json --out -`: one story, in order, via the CLI. */
export function cliExportStory(dbPath: string, title: string): StoredStory {
  const file = JSON.parse(
    beatline(['export', '--story', title, '--format', 'json', '--out', '-', '--db', dbPath]),
  ) as StoryFile;
  return {
    title: file.story.title,
    events: file.story.events.map((e) => ({
      title: e.title,
      description: e.description,
      beats: e.moments.map((m) => ({ text: m.beat_description, offset: m.timestamp_offset })),
    })),
  };
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
 * The stories in the SQLite file, in order, read straight from the tables (read-only); quick
 * enough to poll while a test waits for a debounced save.
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

/** The beat texts of each event of a story, in order, as `beatline export` reads them. */
export function storedBeatTexts(dbPath: string, storyTitle: string): string[][] {
  return cliExportStory(dbPath, storyTitle).events.map((e) => e.beats.map((b) => b.text));
}
