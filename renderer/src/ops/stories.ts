import { api } from '../api/bridge';
import { call } from '../store/call';
import type { OpModule } from './context';

export interface CreateStory {
  t: 'story.create';
  story: { id: string; title: string };
}

export interface DeleteStory {
  t: 'story.delete';
  storyId: string;
}

export interface DuplicateStory {
  t: 'story.duplicate';
  storyId: string;
  newStoryId: string;
}

export interface RenameStory {
  t: 'story.rename';
  storyId: string;
  title: string;
}

/** Create a story under the id chosen here; the list is read again once it exists. */
export const createStory: OpModule<CreateStory> = {
  apply() {},
  async send(ctx, op) {
    const created = await call(() =>
      api().stories.create({ id: op.story.id, title: op.story.title }),
    );
    if (created.ok) await ctx.refreshStories();
    return created;
  },
};

/** Delete a story: gone from the list at once, and from the screen if it was open. */
export const deleteStory: OpModule<DeleteStory> = {
  apply(ctx, op) {
    ctx.mutateStories((list) => list.filter((s) => s.id !== op.storyId));
    const { view } = ctx.get();
    if (view.name === 'story' && view.storyId === op.storyId) ctx.get().openLibrary();
  },
  async send(ctx, op) {
    const result = await call(() => api().stories.delete({ storyId: op.storyId }));
    if (result.ok) await ctx.refreshStories();
    return result;
  },
};

/** Rename a story from the library (the story view's title field saves as it is typed). */
export const renameStory: OpModule<RenameStory> = {
  apply(ctx, op) {
    ctx.mutateStories((list) =>
      list.map((s) => (s.id === op.storyId ? { ...s, title: op.title } : s)),
    );
    if (ctx.open(op.storyId)) {
      ctx.mutate((m) => ({ ...m, story: { ...m.story, title: op.title } }));
    }
  },
  send: (_ctx, op) => call(() => api().stories.update({ storyId: op.storyId, title: op.title })),
};

/** Duplicate a story from the library (issue 16): the copy, "Title (copy)", joins the list. */
export const duplicateStory: OpModule<DuplicateStory> = {
  apply() {},
  async send(ctx, op) {
    const copied = await call(() =>
      api().stories.duplicate({ storyId: op.storyId, newStoryId: op.newStoryId }),
    );
    if (copied.ok) await ctx.refreshStories();
    return copied;
  },
};
