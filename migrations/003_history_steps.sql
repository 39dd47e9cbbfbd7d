-- 003_history_steps: the writer's undo history, kept in the library file.
--
-- Why: undo and redo used to live in the renderer's memory, so a reload forgot them and one
-- list covered every story. Each user action is now recorded here, in the same transaction
-- as the change it describes, with the operations that undo and redo it. History is per
-- story (`scope` is the story's uuid) plus one library-level scope (`scope = ''`) for
-- creating, renaming, deleting and importing stories. There is no foreign key on `scope`:
-- the step that undoes a story's deletion must outlive the story.
--
-- `undo_ops` and `redo_ops` are JSON arrays of row operations (electron/core/history/ops.ts):
-- `undo_ops` is written with the change, `redo_ops` when the step is undone (from the rows as
-- undo found them; '[]' until then). `undone` is 1 for a step that was undone and can be
-- redone. `merge_key` names the edit a step holds ("this field of this beat") while typing may
-- still merge into it; NULL once it cannot. A new action in a scope drops that scope's undone
-- steps, and each scope keeps its newest 1,000 steps (pruned in code).

CREATE TABLE IF NOT EXISTS history_steps (
  step_id    INTEGER PRIMARY KEY AUTOINCREMENT,
  scope      TEXT NOT NULL CHECK (scope = '' OR length(scope) = 36),
  label      TEXT NOT NULL,
  undo_ops   TEXT NOT NULL,
  redo_ops   TEXT NOT NULL,
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  merge_key  TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- "The newest steps of a scope": undo takes the newest done step, redo the oldest undone one.
CREATE INDEX IF NOT EXISTS history_steps_by_scope ON history_steps (scope, undone, step_id);
