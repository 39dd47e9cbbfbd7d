import { api } from '../api/bridge';
import { newId } from '../lib/ids';
import { plural } from '../lib/text';
import { call, type Engine } from './engine';
import { perform } from './perform';
import { saveOverBase } from './saveText';
import type { GetStore, LibrarySlice, SetStore, Slice } from './types';

/** The story list: read, and read again when another writer changed the library. */
function libraryListActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<LibrarySlice, 'loadLibrary' | 'libraryChanged'> {
  return {
    loadLibrary: async () => {
      set({ libraryStatus: 'loading' });
      const result = await engine.enqueue(() => call(() => api().stories.list({})));
      if (result.ok) set({ stories: result.value, libraryStatus: 'ready', libraryError: null });
      else set({ libraryStatus: 'error', libraryError: result.error.message });
    },

    libraryChanged: () => {
      // On the recovery screen there is nothing to re-read: has the library come back?
      if (get().healthStatus === 'damaged') void get().checkHealth();
      else engine.remoteChanged();
    },
  };
}

/** Creating, duplicating and deleting stories. */
function storyActions(
  engine: Engine,
  get: GetStore,
): Pick<LibrarySlice, 'createStory' | 'duplicateStory' | 'deleteStory'> {
  return {
    createStory: async (title) => {
      const id = newId();
      const ok = await perform(engine, { t: 'story.create', story: { id, title: title.trim() } });
      if (!ok) return null;
      get().openStory(id);
      return id;
    },

    duplicateStory: async (storyId) => {
      const ok = await perform(engine, {
        t: 'story.duplicate',
        storyId,
        newStoryId: newId(),
      });
      if (ok) get().toast('info', 'Story duplicated.');
      return ok;
    },

    deleteStory: async (storyId) => {
      // The counts as the library holds them now, after every change sent before.
      await engine.enqueue(() => engine.refreshStories(), { quiet: true });
      const summary = get().stories.find((s) => s.id === storyId);
      const title = summary?.title ?? get().timeline?.story.title ?? 'this story';
      const counts = summary
        ? ` Its ${plural(summary.eventCount, 'event')} and ${plural(summary.beatCount, 'beat')} go with it.`
        : '';
      const confirmed = await get().confirm({
        title: `Delete “${title}”?`,
        body: `${counts} You can undo this with Undo (Ctrl+Z).`.trim(),
        confirmLabel: 'Delete story',
      });
      if (!confirmed) return false;
      const ok = await perform(engine, { t: 'story.delete', storyId });
      if (ok) {
        get().toast('info', `Deleted “${title}”.`, {
          label: 'Undo',
          run: () => {
            if (get().undoLabel?.startsWith('delete story')) void get().undo();
          },
        });
      }
      return ok;
    },
  };
}

/** A story's title: renamed, or typed and saved as the writer types. */
function storyTitleActions(
  engine: Engine,
  set: SetStore,
  get: GetStore,
): Pick<LibrarySlice, 'renameStory' | 'saveStoryTitle' | 'sendStoryTitleNow'> {
  return {
    renameStory: async (storyId, title) => {
      const trimmed = title.trim();
      const current =
        get().stories.find((s) => s.id === storyId)?.title ??
        (get().timeline?.story.id === storyId ? get().timeline?.story.title : undefined);
      if (current === undefined || current === trimmed) return true;
      if (!trimmed) {
        get().toast('error', 'A story needs a title.');
        return false;
      }
      return perform(engine, { t: 'story.rename', storyId, title: trimmed });
    },

    saveStoryTitle: async (storyId, title, base) => {
      const result = await engine.enqueue(() =>
        saveOverBase(
          base,
          title,
          (expectedUpdatedAt) =>
            // Typed in the story view: a step of the story's history, undone with its edits.
            call(() =>
              api().stories.update({ storyId, title, expectedUpdatedAt, history: 'story' }),
            ),
          async () => {
            const fresh = await call(() => api().stories.get({ storyId }));
            return fresh.ok
              ? { ok: true, value: { text: fresh.value.title, updatedAt: fresh.value.updatedAt } }
              : fresh;
          },
        ),
      );
      if (!result.ok) return result.error;
      const story = result.value;
      set((s) => ({
        stories: s.stories.map((x) => (x.id === story.id ? { ...x, title: story.title } : x)),
        timeline:
          s.timeline?.story.id === story.id
            ? { ...s.timeline, story: { ...s.timeline.story, title: story.title } }
            : s.timeline,
      }));
      return null;
    },

    sendStoryTitleNow: (storyId, title, expectedUpdatedAt) => {
      void call(() =>
        api().stories.update({ storyId, title, expectedUpdatedAt, history: 'story' }),
      );
    },
  };
}

export const createLibrarySlice =
  (engine: Engine): Slice<LibrarySlice> =>
  (set, get) => ({
    stories: [],
    libraryStatus: 'idle',
    libraryError: null,
    ...libraryListActions(engine, set, get),
    ...storyActions(engine, get),
    ...storyTitleActions(engine, set, get),
  });
