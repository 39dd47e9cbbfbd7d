import type { StoreApi } from 'zustand';
import type {
  HistoryState,
  Moment,
  Result,
  StoryEvent,
  StorySummary,
} from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { initialWindows } from '../virtual/layout';
import { call } from './call';
import { WindowLoader } from './windows';
import type { Op } from './ops';
import {
  insertEventIn,
  insertMomentIn,
  locateMoment,
  modelFromOutline,
  pruneKeys,
  moveEventIn,
  moveMomentIn,
  patchEventIn,
  patchMomentIn,
  removeEventFrom,
  removeMomentFrom,
  replaceMomentIn,
  type TimelineModel,
} from './timelineModel';
import type { Store } from './types';

type SetState = StoreApi<Store>['setState'];
type GetState = StoreApi<Store>['getState'];

/** What a local (optimistic) change replaced, so a refusal can put it back. */
interface LocalChange {
  timeline: TimelineModel | null;
  stories: StorySummary[];
  /** The version right after the change: rollback is exact only if nothing came after. */
  version: number;
  /** For beat moves: the beat the moved one now sits before (null: the end). */
  beforeMomentId?: string | null;
}

export { call };

/**
 * Runs every change to the data: applies it to the store at once (optimistic), sends it
 * through `window.beatline` one call at a time in order, and on a refusal restores the
 * snapshot (or reloads the server's truth when later changes were stacked on top).
 */
export class Engine {
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private version = 0;
  private resyncNeeded = false;
  /** A write was answered since Undo and Redo were last read. */
  private historyStale = false;
  private syncQueued = false;
  /** Loads the beats the timeline shows, in windows, through this queue. */
  readonly windows: WindowLoader;

  constructor(
    private readonly set: SetState,
    private readonly get: GetState,
  ) {
    this.windows = new WindowLoader(
      {
        enqueueRead: (task) => this.enqueue(task, { quiet: true }),
        changeVersion: () => this.version,
        flagResync: () => this.flagResync(),
      },
      get,
      set,
    );
  }

  /**
   * Runs `task` after every earlier task has finished. A `quiet` task (a read of beats for the
   * view) does not show as "Saving…".
   */
  enqueue<T>(task: () => Promise<T>, { quiet = false }: { quiet?: boolean } = {}): Promise<T> {
    this.queued += 1;
    if (!quiet) this.set((s) => ({ pending: s.pending + 1 }));
    const run = this.chain.then(task);
    this.chain = run
      .catch((error: unknown) => {
        this.get().toast('error', `Something went wrong: ${String(error)}`);
        this.resyncNeeded = true;
      })
      .finally(() => {
        this.queued -= 1;
        if (!quiet) {
          this.historyStale = true;
          this.set((s) => ({ pending: Math.max(0, s.pending - 1) }));
        }
        if (this.queued === 0 && this.resyncNeeded) {
          this.resyncNeeded = false;
          void this.enqueue(() => this.resync());
        } else if (this.queued === 0 && this.historyStale) {
          this.historyStale = false;
          void this.enqueue(() => this.readHistory(), { quiet: true });
        }
      });
    return run;
  }

  /** The history scope of what is on screen: the open story, or the library (null). */
  historyScope(): string | null {
    const { view } = this.get();
    return view.name === 'story' ? view.storyId : null;
  }

  /** Reads what Undo and Redo would do now in the scope on screen (inside a queued task). */
  async readHistory(): Promise<void> {
    const storyId = this.historyScope();
    const result = await call(() => api().history.state({ storyId }));
    if (result.ok && this.historyScope() === storyId) this.showHistory(result.value);
  }

  /** Shows Undo and Redo as the library says they are. */
  showHistory(state: HistoryState): void {
    this.set({ undoLabel: state.undo?.label ?? null, redoLabel: state.redo?.label ?? null });
  }

  /** Reads Undo and Redo again once the queue is idle (the view changed scope). */
  historyChanged(): void {
    void this.enqueue(() => this.readHistory(), { quiet: true });
  }

  /** The open story's model, if `storyId` is the open story. */
  private openModel(storyId: string): TimelineModel | null {
    const model = this.get().timeline;
    return model && model.story.id === storyId ? model : null;
  }

  private mutate(update: (model: TimelineModel) => TimelineModel): void {
    const model = this.get().timeline;
    if (!model) return;
    const next = update(model);
    if (next !== model) {
      this.version += 1;
      this.set({ timeline: next });
    }
  }

  private mutateStories(update: (stories: StorySummary[]) => StorySummary[]): void {
    this.version += 1;
    this.set((s) => ({ stories: update(s.stories) }));
  }

  /**
   * Another writer changed the library (a change notice): re-read the open story, the story
   * list and Undo/Redo after every change of ours already queued. Notices that arrive before
   * that read starts share it. A field's unsent typing stays on screen (`useAutosaveText`).
   */
  remoteChanged(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    void this.enqueue(
      async () => {
        this.syncQueued = false;
        await this.resync();
        await this.readHistory();
      },
      { quiet: true },
    );
  }

  /** Marks that the store may differ from the database: reload once the queue is idle. */
  flagResync(): void {
    this.resyncNeeded = true;
  }

  /**
   * The story's outline with the first windows of beats for the columns on screen (and those
   * mounted columns show), as one queued task: the model a story opens with.
   */
  async loadStory(storyId: string): Promise<Result<TimelineModel>> {
    const outline = await call(() => api().stories.outline({ storyId }));
    if (!outline.ok) return outline;
    const model = modelFromOutline(outline.value, this.get().timeline?.keys);
    return { ok: true, value: pruneKeys(await this.windows.fill(model, initialWindows(model))) };
  }

  /** Reads the open story and the story list again (inside a queued task). */
  async resync(): Promise<void> {
    const { timeline, view } = this.get();
    if (timeline && view.name === 'story' && view.storyId === timeline.story.id) {
      // The rows mounted columns show are read again before the model is swapped, and keys
      // carry over, so cards are not remounted: a card's unsaved text lives in it.
      const before = this.version;
      const result = await this.loadStory(timeline.story.id);
      if (result.ok && this.version !== before) {
        // The writer changed something while it was read: that change is not in this copy.
        // Read again once it has been sent.
        this.flagResync();
      } else if (result.ok) {
        this.version += 1;
        this.set({ timeline: result.value });
      } else if (result.error.code === 'not_found') {
        this.get().openLibrary();
      }
    }
    await this.refreshStories();
  }

  async refreshStories(): Promise<void> {
    const result = await call(() => api().stories.list({}));
    if (result.ok) this.set({ stories: result.value, libraryStatus: 'ready', libraryError: null });
  }

  private reportFailure(message: string, local: LocalChange | null): void {
    if (local && local.version === this.version) {
      this.version += 1;
      this.set({ timeline: local.timeline, stories: local.stories });
    } else {
      this.flagResync();
    }
    this.get().toast('error', message);
  }

  /** Applies an operation to the store now (optimistic); returns what a refusal restores. */
  applyLocal(op: Op): LocalChange {
    const before = { timeline: this.get().timeline, stories: this.get().stories };
    let beforeMomentId: string | null | undefined;
    const open = 'storyId' in op ? this.openModel(op.storyId) : null;
    switch (op.t) {
      case 'moment.create':
        if (open) {
          const now = new Date().toISOString();
          const moment: Moment = {
            ...op.moment,
            eventId: op.eventId,
            sequenceIndex: op.index,
            createdAt: now,
            updatedAt: now,
          };
          this.mutate((m) => insertMomentIn(m, moment, op.index));
        }
        break;
      case 'moment.delete':
        if (open) {
          this.mutate((m) => removeMomentFrom(m, op.momentId));
          if (this.get().editingMomentId === op.momentId) this.set({ editingMomentId: null });
        }
        break;
      case 'moment.offset':
        if (open)
          this.mutate((m) => patchMomentIn(m, op.momentId, { timestampOffset: op.seconds }));
        break;
      case 'moment.move': {
        if (open) {
          this.mutate((m) => moveMomentIn(m, op.momentId, op.to.eventId, op.to.index));
          const after = this.get().timeline;
          const place = after ? locateMoment(after, op.momentId) : null;
          if (after && place) {
            // The beat now after it, by id; by position when that beat is not loaded here.
            const next = after.momentIds[place.eventId]?.[place.index + 1];
            beforeMomentId = next === null ? undefined : (next ?? null);
          }
        }
        break;
      }
      case 'event.create':
        if (open) {
          const now = new Date().toISOString();
          const event: StoryEvent = {
            id: op.event.id,
            storyId: op.storyId,
            title: '',
            description: '',
            position: op.index,
            createdAt: now,
            updatedAt: now,
          };
          this.mutate((m) => insertEventIn(m, event, op.index, []));
        }
        break;
      case 'event.delete':
        if (open) this.mutate((m) => removeEventFrom(m, op.eventId));
        break;
      case 'event.move':
        if (open) this.mutate((m) => moveEventIn(m, op.eventId, op.to));
        break;
      case 'story.delete': {
        this.mutateStories((list) => list.filter((s) => s.id !== op.storyId));
        const { view } = this.get();
        if (view.name === 'story' && view.storyId === op.storyId) this.get().openLibrary();
        break;
      }
      case 'story.rename':
        this.mutateStories((list) =>
          list.map((s) => (s.id === op.storyId ? { ...s, title: op.title } : s)),
        );
        if (open) this.mutate((m) => ({ ...m, story: { ...m.story, title: op.title } }));
        break;
      case 'story.create':
        break;
    }
    return { ...before, version: this.version, beforeMomentId };
  }

  /** Sends an operation (after `applyLocal`); takes the server's answer or rolls back. */
  async send(op: Op, local: LocalChange): Promise<boolean> {
    const result = await this.remote(op, local);
    if (!result.ok) {
      this.reportFailure(result.error.message, local);
      return false;
    }
    return true;
  }

  private async remote(op: Op, local: LocalChange): Promise<Result<unknown>> {
    const beatline = api();
    switch (op.t) {
      case 'moment.create': {
        const result = await call(() =>
          beatline.moments.create({
            id: op.moment.id,
            eventId: op.eventId,
            description: op.moment.description,
            timestampOffset: op.moment.timestampOffset,
            position: op.index,
          }),
        );
        // The library's stamp: the first save of the beat's text sends it (a conflict check).
        if (result.ok && this.openModel(op.storyId)?.moments[op.moment.id]) {
          this.mutate((m) => patchMomentIn(m, op.moment.id, { updatedAt: result.value.updatedAt }));
          local.version = this.version;
        }
        return result;
      }
      case 'moment.delete':
        return call(() => beatline.moments.delete({ momentId: op.momentId }));
      case 'moment.offset': {
        const result = await call(() =>
          beatline.moments.update({ momentId: op.momentId, timestampOffset: op.seconds }),
        );
        if (result.ok && this.openModel(op.storyId)) {
          this.mutate((m) => replaceMomentIn(m, result.value));
          local.version = this.version;
        }
        return result;
      }
      case 'moment.move': {
        const { momentId } = op;
        const toEventId = op.to.eventId;
        const result = await call(() =>
          local.beforeMomentId === undefined
            ? beatline.moments.move({ momentId, toEventId, position: op.to.index })
            : beatline.moments.move({ momentId, toEventId, beforeMomentId: local.beforeMomentId }),
        );
        const model = this.get().timeline;
        if (result.ok && model && this.openModel(op.storyId)) {
          const place = locateMoment(model, momentId);
          const truth = result.value;
          if (!place || place.eventId !== truth.eventId || place.index !== truth.sequenceIndex) {
            this.flagResync();
          }
        }
        return result;
      }
      case 'event.create': {
        const result = await call(() =>
          beatline.events.create({
            id: op.event.id,
            storyId: op.storyId,
            title: '',
            description: '',
            position: op.index,
          }),
        );
        if (result.ok && this.openModel(op.storyId)?.events[op.event.id]) {
          this.mutate((m) => patchEventIn(m, op.event.id, { updatedAt: result.value.updatedAt }));
          local.version = this.version;
        }
        return result;
      }
      case 'event.delete':
        return call(() => beatline.events.delete({ eventId: op.eventId }));
      case 'event.move': {
        const result = await call(() =>
          beatline.events.move({ eventId: op.eventId, position: op.to }),
        );
        const model = this.openModel(op.storyId);
        if (result.ok && model) {
          const truth = result.value.map((e) => e.id);
          if (truth.join() !== model.eventOrder.join()) this.flagResync();
        }
        return result;
      }
      case 'story.create': {
        const created = await call(() =>
          beatline.stories.create({ id: op.story.id, title: op.story.title }),
        );
        if (created.ok) await this.refreshStories();
        return created;
      }
      case 'story.delete': {
        const result = await call(() => beatline.stories.delete({ storyId: op.storyId }));
        if (result.ok) await this.refreshStories();
        return result;
      }
      case 'story.rename':
        return call(() => beatline.stories.update({ storyId: op.storyId, title: op.title }));
    }
  }
}
