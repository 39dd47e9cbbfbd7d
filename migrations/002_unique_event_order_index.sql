-- 002_unique_event_order_index: the index that orders a story's events is declared UNIQUE.
--
-- Why: (story_uuid, position, event_uuid) was always unique, since event_uuid is. Saying so
-- lets SQLite see that reading a whole story in order (its events by position, each event's
-- beats by their index) needs no sorting: without it, every story load sorted each event's
-- beats again in a temporary B-tree, about a fifth of the time of loading a 10,000-beat story.
-- No rows change; the index is rebuilt.

DROP INDEX IF EXISTS events_by_story_position;

CREATE UNIQUE INDEX IF NOT EXISTS events_by_story_position
  ON events (story_uuid, position, event_uuid);
