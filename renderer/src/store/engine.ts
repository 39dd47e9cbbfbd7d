import type { StoreApi } from 'zustand';
import type {
  Moment,
  Result,
  StoryEvent,
  StorySummary,
} from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { initialWindows } from '../virtual/layout';
import { call } from './call';
import { WindowLoader } from './windows';
import { IdMap, type EventSnap, type MomentSnap, type Op } from './history';
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
  renameEventIn,
  renameMomentIn,
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
  /** History's logical ids → the ids the store uses now. */
  readonly ids = new IdMap();
  /** Temporary ids of records created optimistically → the ids the database gave them. */
  private readonly temp = new Map<string, string>();
  private chain: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private version = 0;
  private resyncNeeded = false;
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
        current: (id) => this.current(id),
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
        if (!quiet) this.set((s) => ({ pending: Math.max(0, s.pending - 1) }));
        if (this.queued === 0 && this.resyncNeeded) {
          this.resyncNeeded = false;
          void this.enqueue(() => this.resync());
        }
      });
    return run;
  }

  /**
   * The id to send for a record the store knows as `id`: a temporary id is swapped for the
   * database's once its creation has been answered (calls run in order, so it has been).
   */
  current(id: string): string {
    return this.temp.get(id) ?? id;
  }

  /** The id to send for a record history knows as `logicalId`. */
  remoteId(logicalId: string): string {
    return this.current(this.ids.real(logicalId));
  }

  /** A fresh id for a record shown before the database has created it. */
  private tempIdFor(snap: { id: string }): string {
    const id = crypto.randomUUID();
    if (snap.id) this.ids.bind(snap.id, id);
    else snap.id = id;
    return id;
  }

  /** The database created the record history calls `logicalId`: adopt its id everywhere. */
  private settleId(kind: 'moment' | 'event', logicalId: string, realId: string): void {
    const local = this.ids.real(logicalId);
    this.ids.bind(logicalId, realId);
    if (local === realId) return;
    this.temp.set(local, realId);
    const model = this.get().timeline;
    if (model && (kind === 'moment' ? model.moments[local] : model.events[local])) {
      this.set({
        timeline:
          kind === 'moment'
            ? renameMomentIn(model, local, realId)
            : renameEventIn(model, local, realId),
      });
    }
    const { editingMomentId, drag } = this.get();
    if (editingMomentId === local) this.set({ editingMomentId: realId });
    if (drag) {
      const swap = (p: { eventId: string; index: number }) =>
        p.eventId === local ? { ...p, eventId: realId } : p;
      const id = drag.id === local ? realId : drag.id;
      this.set({
        drag:
          drag.kind === 'moment'
            ? { ...drag, id, origin: swap(drag.origin), target: swap(drag.target) }
            : { ...drag, id },
      });
    }
  }

  /** The open story's model, if `logicalStoryId` is the open story. */
  private openModel(logicalStoryId: string): TimelineModel | null {
    const model = this.get().timeline;
    return model && model.story.id === this.ids.real(logicalStoryId) ? model : null;
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

  private syncQueued = false;

  /**
   * Another writer changed the library (a change notice): re-read the open story and the
   * story list after every change of ours already queued. Notices that arrive before that read
   * starts share it. A field's unsent typing stays on screen (see `useAutosaveText`).
   */
  remoteChanged(): void {
    if (this.syncQueued) return;
    this.syncQueued = true;
    void this.enqueue(
      async () => {
        this.syncQueued = false;
        await this.resync();
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

  private async resync(): Promise<void> {
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

  private localMoment(snap: MomentSnap, eventId: string, index: number): Moment {
    const now = new Date().toISOString();
    return {
      id: this.tempIdFor(snap),
      eventId,
      sequenceIndex: index,
      description: snap.description,
      timestampOffset: snap.timestampOffset,
      createdAt: now,
      updatedAt: now,
    };
  }

  /** Applies an operation to the store now (creations under temporary ids). */
  applyLocal(op: Op): LocalChange {
    const before = { timeline: this.get().timeline, stories: this.get().stories };
    const real = (id: string) => this.ids.real(id);
    let beforeMomentId: string | null | undefined;
    switch (op.t) {
      case 'moment.delete': {
        const id = real(op.moment.id);
        if (this.openModel(op.storyId)) {
          this.mutate((m) => removeMomentFrom(m, id));
          if (this.get().editingMomentId === id) this.set({ editingMomentId: null });
        }
        break;
      }
      case 'moment.update':
        if (this.openModel(op.storyId)) {
          this.mutate((m) => patchMomentIn(m, real(op.momentId), op.after));
        }
        break;
      case 'moment.move': {
        const model = this.openModel(op.storyId);
        if (model) {
          const id = real(op.momentId);
          const toEventId = real(op.to.eventId);
          this.mutate((m) => moveMomentIn(m, id, toEventId, op.to.index));
          const after = this.get().timeline;
          const place = after ? locateMoment(after, id) : null;
          if (after && place) {
            // The beat now after it, by id; by position when that beat is not loaded here.
            const next = after.momentIds[place.eventId]?.[place.index + 1];
            beforeMomentId = next === null ? undefined : (next ?? null);
          }
        }
        break;
      }
      case 'event.delete':
        if (this.openModel(op.storyId)) this.mutate((m) => removeEventFrom(m, real(op.event.id)));
        break;
      case 'event.update':
        if (this.openModel(op.storyId)) {
          this.mutate((m) => patchEventIn(m, real(op.eventId), op.after));
        }
        break;
      case 'event.move':
        if (this.openModel(op.storyId)) this.mutate((m) => moveEventIn(m, real(op.eventId), op.to));
        break;
      case 'story.delete': {
        const id = real(op.story.id);
        this.mutateStories((list) => list.filter((s) => s.id !== id));
        const { view } = this.get();
        if (view.name === 'story' && view.storyId === id) this.get().openLibrary();
        break;
      }
      case 'story.update': {
        const id = real(op.storyId);
        this.mutateStories((list) =>
          list.map((s) => (s.id === id ? { ...s, title: op.after.title } : s)),
        );
        if (this.openModel(op.storyId)) {
          this.mutate((m) => ({ ...m, story: { ...m.story, title: op.after.title } }));
        }
        break;
      }
      case 'moment.create':
        if (this.openModel(op.storyId)) {
          const eventId = real(op.eventId);
          const moment = this.localMoment(op.moment, eventId, op.index);
          this.mutate((m) => insertMomentIn(m, moment, op.index));
        }
        break;
      case 'event.create':
        if (this.openModel(op.storyId)) {
          const storyId = real(op.storyId);
          const now = new Date().toISOString();
          const event: StoryEvent = {
            id: this.tempIdFor(op.event),
            storyId,
            title: op.event.title,
            description: op.event.description,
            position: op.index,
            createdAt: now,
            updatedAt: now,
          };
          const beats = op.event.moments.map((snap, i) => this.localMoment(snap, event.id, i));
          this.mutate((m) => insertEventIn(m, event, op.index, beats));
        }
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

  /** Applies and sends in one go; for use inside a queued task (undo, redo). */
  async runInline(op: Op): Promise<boolean> {
    return this.send(op, this.applyLocal(op));
  }

  private async createMoments(
    eventId: string,
    beats: MomentSnap[],
    startIndex?: number,
  ): Promise<Result<Moment[]>> {
    const created: Moment[] = [];
    for (const [i, beat] of beats.entries()) {
      const result = await call(() =>
        api().moments.create({
          eventId,
          description: beat.description,
          timestampOffset: beat.timestampOffset,
          ...(startIndex === undefined ? {} : { position: startIndex + i }),
        }),
      );
      if (!result.ok) return result;
      if (beat.id) this.settleId('moment', beat.id, result.value.id);
      else beat.id = result.value.id;
      created.push(result.value);
    }
    return { ok: true, value: created };
  }

  /** Re-creates events with their beats (undo of a delete, or a redo of a create). */
  private async createEvents(
    storyId: string,
    events: EventSnap[],
    startIndex?: number,
  ): Promise<Result<void>> {
    for (const [i, snap] of events.entries()) {
      const result = await call(() =>
        api().events.create({
          storyId,
          title: snap.title,
          description: snap.description,
          ...(startIndex === undefined ? {} : { position: startIndex + i }),
        }),
      );
      if (!result.ok) return result;
      const event = result.value;
      if (snap.id) this.settleId('event', snap.id, event.id);
      else snap.id = event.id;
      const beats = await this.createMoments(event.id, snap.moments);
      if (!beats.ok) return beats;
    }
    return { ok: true, value: undefined };
  }

  private async remote(op: Op, local: LocalChange): Promise<Result<unknown>> {
    const real = (id: string) => this.remoteId(id);
    const beatline = api();
    switch (op.t) {
      case 'moment.create':
        return this.createMoments(real(op.eventId), [op.moment], op.index);
      case 'moment.delete':
        return call(() => beatline.moments.delete({ momentId: real(op.moment.id) }));
      case 'moment.update': {
        const result = await call(() =>
          beatline.moments.update({ momentId: real(op.momentId), ...op.after }),
        );
        if (result.ok && this.openModel(op.storyId)) {
          this.mutate((m) => replaceMomentIn(m, result.value));
          local.version = this.version;
        }
        return result;
      }
      case 'moment.move': {
        const momentId = real(op.momentId);
        const toEventId = real(op.to.eventId);
        const result = await call(() =>
          local.beforeMomentId === undefined
            ? beatline.moments.move({ momentId, toEventId, position: op.to.index })
            : beatline.moments.move({
                momentId,
                toEventId,
                beforeMomentId:
                  local.beforeMomentId === null ? null : this.current(local.beforeMomentId),
              }),
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
      case 'event.create':
        return this.createEvents(real(op.storyId), [op.event], op.index);
      case 'event.delete':
        return call(() => beatline.events.delete({ eventId: real(op.event.id) }));
      case 'event.update': {
        const result = await call(() =>
          beatline.events.update({ eventId: real(op.eventId), ...op.after }),
        );
        if (result.ok && this.openModel(op.storyId)) {
          const event = result.value;
          this.mutate((m) =>
            patchEventIn(m, event.id, {
              title: event.title,
              description: event.description,
              updatedAt: event.updatedAt,
            }),
          );
          local.version = this.version;
        }
        return result;
      }
      case 'event.move': {
        const result = await call(() =>
          beatline.events.move({ eventId: real(op.eventId), position: op.to }),
        );
        const model = this.openModel(op.storyId);
        if (result.ok && model) {
          const truth = result.value.map((e) => e.id);
          if (truth.join() !== model.eventOrder.join()) this.flagResync();
        }
        return result;
      }
      case 'story.create': {
        const created = await call(() => beatline.stories.create({ title: op.story.title }));
        if (!created.ok) return created;
        if (op.story.id) this.ids.bind(op.story.id, created.value.id);
        else op.story.id = created.value.id;
        const events = await this.createEvents(created.value.id, op.story.events);
        await this.refreshStories();
        return events.ok ? created : events;
      }
      case 'story.delete': {
        const result = await call(() => beatline.stories.delete({ storyId: real(op.story.id) }));
        if (result.ok) await this.refreshStories();
        return result;
      }
      case 'story.update': {
        const result = await call(() =>
          beatline.stories.update({ storyId: real(op.storyId), title: op.after.title }),
        );
        return result;
      }
    }
  }
}
