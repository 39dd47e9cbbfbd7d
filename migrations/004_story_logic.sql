-- 004_story_logic: links between beats, and story time on events (issue 14, the logic layer).
--
-- Why: writers plan cause and effect, setups and payoffs, and "this must happen first" across
-- scenes, and they tell stories out of order (flashbacks, dreams). Beatline now keeps those
-- facts so the story check can say when a move breaks one.
--
-- `beat_links`: a directed link between two beats of one story. `causes` and `precedes` are
-- about story time (the cause happens first); `sets_up` is about reading order (the setup is
-- read first). A link goes with either of its beats (ON DELETE CASCADE); a link to itself and
-- a duplicate (same beats, same kind) are refused here, and the rest (both beats in one
-- story, no loop of causes/precedes) by the code that writes links (electron/core/links.ts).
-- `intentional` is the writer's "I mean it" on a link the check flags.
--
-- Story time on `events`: `chrono_position` is a gapped sort key like `position`, but for the
-- order in which things happen, so a drag in the chronology writes one row; it starts equal
-- to the reading order. `time_label` is free text ("Day 3, dawn"), never parsed; `time_mode`
-- says how the event sits in story time.

CREATE TABLE IF NOT EXISTS beat_links (
  link_uuid        TEXT PRIMARY KEY NOT NULL CHECK (length(link_uuid) = 36),
  story_uuid       TEXT NOT NULL REFERENCES stories (story_uuid) ON DELETE CASCADE,
  from_moment_uuid TEXT NOT NULL REFERENCES event_moments (moment_uuid) ON DELETE CASCADE,
  to_moment_uuid   TEXT NOT NULL REFERENCES event_moments (moment_uuid) ON DELETE CASCADE,
  kind             TEXT NOT NULL CHECK (kind IN ('causes', 'sets_up', 'precedes')),
  strength         TEXT NOT NULL CHECK (strength IN ('hard', 'soft')),
  note             TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
  intentional      INTEGER NOT NULL DEFAULT 0 CHECK (intentional IN (0, 1)),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  CHECK (from_moment_uuid <> to_moment_uuid)
);

-- "No duplicate", and "the links out of a beat" (the loop check, the cascade, the check).
CREATE UNIQUE INDEX IF NOT EXISTS beat_links_by_from
  ON beat_links (from_moment_uuid, to_moment_uuid, kind);
-- "The links into a beat".
CREATE INDEX IF NOT EXISTS beat_links_by_to ON beat_links (to_moment_uuid);
-- "The links of a story" (the whole-story check, export).
CREATE INDEX IF NOT EXISTS beat_links_by_story ON beat_links (story_uuid);

ALTER TABLE events ADD COLUMN chrono_position INTEGER NOT NULL DEFAULT 0
  CHECK (typeof(chrono_position) = 'integer');
ALTER TABLE events ADD COLUMN time_label TEXT NOT NULL DEFAULT ''
  CHECK (length(time_label) <= 200);
ALTER TABLE events ADD COLUMN time_mode TEXT NOT NULL DEFAULT 'linear'
  CHECK (time_mode IN ('linear', 'flashback', 'flash-forward', 'parallel', 'dream'));

-- Existing stories start with story time equal to reading order.
UPDATE events SET chrono_position = position;

-- "The events of a story in story time."
CREATE UNIQUE INDEX IF NOT EXISTS events_by_story_chrono
  ON events (story_uuid, chrono_position, event_uuid);
