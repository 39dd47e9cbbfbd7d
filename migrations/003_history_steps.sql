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

-- One B-tree, clustered by (scope, step): recording a step writes one page of history, not a
-- table page, an index page and AUTOINCREMENT's sqlite_sequence row (5 pages per edit in all
-- became 3: the beat, its story's updated_at, the step). `step` counts up within a scope (the
-- newest step + 1); undone steps are always the newest ones of their scope.
CREATE TABLE IF NOT EXISTS history_steps (
  scope      TEXT NOT NULL CHECK (scope = '' OR length(scope) = 36),
  step       INTEGER NOT NULL CHECK (typeof(step) = 'integer' AND step > 0),
  undone     INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
  merge_key  TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  label      TEXT NOT NULL,
  -- Last: a step that deleted a story holds the whole story here, and a column stored after
  -- a large one can only be read by walking past it.
  undo_ops   TEXT NOT NULL,
  redo_ops   TEXT NOT NULL,
  PRIMARY KEY (scope, step)
) WITHOUT ROWID;
