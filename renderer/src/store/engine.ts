import type { StoreApi } from 'zustand';
import type { HistoryState, Result, StorySummary } from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { call } from './call';
import { firstWindows, WindowLoader } from './windows';
import { opModule, type LocalChange, type Op, type OpContext } from '../ops';
import { modelFromOutline, type TimelineModel } from './timelineModel';
import type { Store } from './types';

/**
 * The events whose beats a write renumbers, or moves among the events, without breaking or
 * mending a link (see `send`): the story check's sentences name beats by their number in the
 * event, and list problems in reading order. Null: the write changes neither.
 */
function renumbered(op: Op, before: TimelineModel | null): string[] | null {
  if (op.t === 'moment.create' || op.t === 'event.move') return [op.eventId];
  if (op.t !== 'moment.move') return null;
  const from = before?.moments[op.momentId]?.eventId;
  return from && from !== op.to.eventId ? [from, op.to.eventId] : [op.to.eventId];
}

type SetState = StoreApi<Store>['setState'];
type GetState = StoreApi<Store>['getState'];

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
  /** Changes on screen (applyLocal) whose write is not yet answered: a read cannot hold them. */
  private unsent = 0;
  /** A write was answered since Undo and Redo were last read. */
  private historyStale = false;
  private syncQueued = false;
  /** Rows as this window's own Undo or Redo left them (`id@updatedAt`). */
  private readonly ownChanges = new Set<string>();
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

  /** Notes the beats and events an own Undo or Redo changed between `before` and now. */
  noteOwnChanges(before: TimelineModel | null): void {
    const after = this.get().timeline;
    if (!after) return;
    if (this.ownChanges.size > 1_000) this.ownChanges.clear();
    for (const rows of ['moments', 'events'] as const) {
      for (const [id, row] of Object.entries(after[rows])) {
        if (before?.[rows][id]?.updatedAt !== row.updatedAt) {
          this.ownChanges.add(`${id}@${row.updatedAt}`);
        }
      }
    }
  }

  /** True when the row is as this window's own Undo or Redo left it: typing over it is ours. */
  isOwnChange(id: string, updatedAt: string): boolean {
    return this.ownChanges.has(`${id}@${updatedAt}`);
  }

  /** Marks that the store may differ from the database: reload once the queue is idle. */
  flagResync(): void {
    this.resyncNeeded = true;
  }

  /**
   * The story's outline with the first windows of beats for the columns on screen (as many as
   * the view counts for this story's widths, and the rows mounted columns show), as one queued
   * task: the model a story opens with.
   */
  async loadStory(storyId: string): Promise<Result<TimelineModel>> {
    const outline = await call(() => api().stories.outline({ storyId }));
    if (!outline.ok) return outline;
    const model = modelFromOutline(outline.value);
    return {
      ok: true,
      value: await this.windows.fill(model, firstWindows(model, this.get().columnsAtOpen(model))),
    };
  }

  /** Reads the open story and the story list again (inside a queued task). */
  async resync(): Promise<void> {
    const { timeline, view } = this.get();
    if (timeline && view.name === 'story' && view.storyId === timeline.story.id) {
      // The rows mounted columns show are read again before the model is swapped, and ids stay
      // the React keys, so cards are not remounted: a card's unsaved text lives in it.
      const before = this.version;
      const result = await this.loadStory(timeline.story.id);
      if (result.ok && (this.version !== before || this.unsent > 0)) {
        // The writer changed something while it was read, or before it but sent after it (a
        // delete queued behind this read showed its beat again): that change is not in this
        // copy. Read again once it has been sent.
        this.flagResync();
      } else if (result.ok) {
        this.version += 1;
        this.set({ timeline: result.value });
      } else if (result.error.code === 'not_found') {
        this.get().openLibrary();
      } else {
        // The library itself may be gone (its file replaced underneath): the health says so.
        void this.get().checkHealth();
      }
    }
    await this.refreshStories();
    // Links, story time and the check: undo and redo answer no check deltas (logic layer).
    void this.get().reloadLogic();
  }

  async refreshStories(): Promise<void> {
    const result = await call(() => api().stories.list({}));
    if (result.ok) this.set({ stories: result.value, libraryStatus: 'ready', libraryError: null });
    else void this.get().checkHealth();
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

  /** What operation modules may do to the store. */
  private readonly ctx: OpContext = {
    get: () => this.get(),
    set: (partial) => this.set(partial),
    open: (storyId) => this.openModel(storyId),
    mutate: (update) => this.mutate(update),
    mutateStories: (update) => this.mutateStories(update),
    settle: (local) => {
      local.version = this.version;
    },
    flagResync: () => this.flagResync(),
    refreshStories: () => this.refreshStories(),
  };

  /** Applies an operation to the store now (optimistic); returns what a refusal restores. */
  applyLocal(op: Op): LocalChange {
    const local: LocalChange = {
      timeline: this.get().timeline,
      stories: this.get().stories,
      version: this.version,
    };
    opModule(op).apply(this.ctx, op, local);
    local.version = this.version;
    this.unsent += 1;
    return local;
  }

  /** Sends an operation (after `applyLocal`); takes the server's answer or rolls back. */
  async send(op: Op, local: LocalChange): Promise<boolean> {
    const result = await opModule(op)
      .send(this.ctx, op, local)
      .finally(() => (this.unsent -= 1));
    if (!result.ok) {
      this.reportFailure(result.error.message, local);
      return false;
    }
    // The logic layer: what the write broke or mended; a deletion may take links with it, and
    // a new event has a place in story time the logic must read (the chronology shows it).
    this.get().logicAfterWrite(result.check, op.t.endsWith('.delete') || op.t === 'event.create');
    // A move or a new beat that broke and mended nothing may still renumber the beats the story
    // check names, or reorder its list: read again only when a problem has a beat there.
    const eventIds = result.check ? null : renumbered(op, local.timeline);
    if (eventIds) this.get().logicNamesChanged({ eventIds });
    return true;
  }
}
