import { api } from '../api/bridge';
import { call, type Engine } from './engine';
import type { Op } from './history';
import { pushHistory } from './historySlice';
import { perform, performQueued } from './perform';
import { snapStory } from './snapshots';
import { readWholeStory } from './windows';
import type { LibrarySlice, Slice } from './types';
import { plural } from '../lib/text';

export const createLibrarySlice =
  (engine: Engine): Slice<LibrarySlice> =>
  (set, get) => ({
    stories: [],
    libraryStatus: 'idle',
    libraryError: null,

    loadLibrary: async () => {
      set({ libraryStatus: 'loading' });
      const result = await engine.enqueue(() => call(() => api().stories.list({})));
      if (result.ok) set({ stories: result.value, libraryStatus: 'ready', libraryError: null });
      else set({ libraryStatus: 'error', libraryError: result.error.message });
    },

    libraryChanged: () => engine.remoteChanged(),

    createStory: async (title) => {
      const op: Op = { t: 'story.create', story: { id: '', title: title.trim(), events: [] } };
      const ok = await performQueued(engine, set, op, 'create story');
      if (!ok) return null;
      get().openStory(op.story.id);
      return op.story.id;
    },

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
      const op: Op = {
        t: 'story.update',
        storyId: engine.ids.logicalOf(storyId),
        before: { title: current },
        after: { title: trimmed },
      };
      return perform(engine, set, op, 'rename story');
    },

    saveStoryTitle: async (storyId, title) => {
      const result = await engine.enqueue(() =>
        call(() => api().stories.update({ storyId: engine.current(storyId), title })),
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

    sendStoryTitleNow: (storyId, title) => {
      void call(() => api().stories.update({ storyId: engine.current(storyId), title }));
    },

    recordStoryRename: (storyId, before, after) => {
      if (before === after) return;
      const op: Op = {
        t: 'story.update',
        storyId: engine.ids.logicalOf(storyId),
        before: { title: before },
        after: { title: after },
      };
      // Queued after the save: the step joins history only if the title was accepted.
      void engine.enqueue(async () => {
        if (get().timeline?.story.title === after) set(pushHistory({ label: 'rename story', op }));
      });
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
      const loaded = await engine.enqueue(() => readWholeStory(storyId));
      if (!loaded.ok) {
        get().toast('error', loaded.error.message);
        return false;
      }
      const op: Op = { t: 'story.delete', story: snapStory(engine.ids, loaded.value) };
      return perform(engine, set, op, 'delete story', (entry) => {
        get().toast('info', `Deleted “${title}”.`, {
          label: 'Undo',
          run: () => {
            if (get().past.at(-1) === entry) void get().undo();
          },
        });
      });
    },
  });
