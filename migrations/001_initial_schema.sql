-- 001_initial_schema: stories, their events (scenes) and the events' moments (beats).
--
-- Why: this is Beatline's first schema. Each table has a UUID key, so ids survive export
-- and import; children cascade with their parent, so deleting a story or an event never
-- leaves orphans behind.
--
-- Order is stored as gapped integer sort keys (`events.position`,
-- `event_moments.sequence_index`): a move or an insert writes one row, taking the midpoint
-- between its neighbours, and only a small window is relabelled when a gap runs out. The
-- dense 0-based position writers see ("beat 3") is the row's rank by that key, computed
-- when read. Ties, which the code never makes, still sort deterministically by uuid.
--
-- Every library also carries `PRAGMA application_id = 0x42544c4e` ("BTLN"), written by the
-- migration runner in the transaction of the first migration it applies (electron/core/db/
-- migrate.ts), so Beatline recognises its own files and never writes to another application's.

CREATE TABLE IF NOT EXISTS stories (
  story_uuid TEXT PRIMARY KEY NOT NULL CHECK (length(story_uuid) = 36),
  title      TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 200),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
  event_uuid  TEXT PRIMARY KEY NOT NULL CHECK (length(event_uuid) = 36),
  story_uuid  TEXT NOT NULL REFERENCES stories (story_uuid) ON DELETE CASCADE,
  title       TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 200),
  description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 20000),
  position    INTEGER NOT NULL CHECK (typeof(position) = 'integer'),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- "The events of a story in order."
CREATE INDEX IF NOT EXISTS events_by_story_position ON events (story_uuid, position, event_uuid);

CREATE TABLE IF NOT EXISTS event_moments (
  moment_uuid      TEXT PRIMARY KEY NOT NULL CHECK (length(moment_uuid) = 36),
  event_uuid       TEXT NOT NULL REFERENCES events (event_uuid) ON DELETE CASCADE,
  sequence_index   INTEGER NOT NULL CHECK (typeof(sequence_index) = 'integer'),
  beat_description TEXT NOT NULL DEFAULT '' CHECK (length(beat_description) <= 20000),
  -- Seconds into the event; NULL when the beat has no time. Finite, 0 to 100 days.
  timestamp_offset REAL CHECK (
    timestamp_offset IS NULL
    OR (typeof(timestamp_offset) IN ('real', 'integer')
        AND timestamp_offset >= 0 AND timestamp_offset <= 8640000)
  ),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);

-- "The beats of an event in order."
CREATE INDEX IF NOT EXISTS event_moments_by_event_sequence
  ON event_moments (event_uuid, sequence_index, moment_uuid);
