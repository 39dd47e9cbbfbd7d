import type { StoreApi } from 'zustand';
import type { MomentRange, Result } from '../../../electron/core/contract/types';
import { api } from '../api/bridge';
import { call } from './call';
import { mergeWindows, type Slot, type TimelineModel } from './timelineModel';
import type { Store } from './types';

/**
 * Loads what the timeline shows. A story opens from its outline; each event's beats arrive in
 * aligned windows of `WINDOW_SIZE` as columns and rows come into view, so no message ever
 * carries a whole large story. Windows are cached in the store (the model's slots).
 */

/** Beats per window a view asks for. */
export const WINDOW_SIZE = 100;
/** Range calls in flight at once. */
const PARALLEL = 6;
/** The shortest time between two "could not be loaded" messages. */
const FAILURE_TOAST_MS = 10_000;

export interface WindowRequest {
  eventId: string;
  offset: number;
  limit: number;
}

/** What the loader needs from the engine: the ordered queue and its change counter. */
export interface WindowHost {
  /** Runs a read after every earlier change has been answered (no "Saving…" for it). */
  enqueueRead<T>(task: () => Promise<T>): Promise<T>;
  /** Bumped by every local change to the model: a window read before it may be stale. */
  changeVersion(): number;
  flagResync(): void;
}

type GetState = StoreApi<Store>['getState'];
type SetState = StoreApi<Store>['setState'];

function hasGap(slots: readonly Slot[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (slots[i] === null) return true;
  return false;
}

/** Windows of at most `size` beats covering the empty places of `slots` in [from, to). */
export function gapWindows(
  eventId: string,
  slots: readonly Slot[],
  size: number,
  from = 0,
  to = slots.length,
): WindowRequest[] {
  const requests: WindowRequest[] = [];
  const lo = Math.max(0, from);
  const hi = Math.min(slots.length, to);
  for (let offset = Math.floor(lo / size) * size; offset < hi; offset += size) {
    const end = Math.min(slots.length, offset + size);
    if (hasGap(slots, offset, end)) requests.push({ eventId, offset, limit: end - offset });
  }
  return requests;
}

/** The first window of beats of the first `columns` events: what a story opens with. */
export function firstWindows(model: TimelineModel, columns: number): WindowRequest[] {
  return model.eventOrder
    .slice(0, Math.max(0, columns))
    .flatMap((id) => gapWindows(id, model.momentIds[id] ?? [], WINDOW_SIZE, 0, WINDOW_SIZE));
}

/** Runs `tasks` with at most `limit` in flight; resolves to their results in order. */
async function inParallel<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export class WindowLoader {
  /** Windows asked for and not answered yet, `eventId:offset`. */
  private readonly inflight = new Set<string>();
  private readonly waiting = new Map<string, WindowRequest>();
  private scheduled = false;
  /** The rows each mounted column shows: a resync reloads these before it swaps the model. */
  private readonly shown = new Map<string, { from: number; to: number }>();
  private lastFailureToast = 0;

  constructor(
    private readonly host: WindowHost,
    private readonly get: GetState,
    private readonly set: SetState,
  ) {}

  /** Asks for the beats at places `from..to` (inclusive) of an event that are not loaded. */
  want(eventId: string, from: number, to: number): void {
    const slots = this.get().timeline?.momentIds[eventId];
    if (!slots) return;
    for (const request of gapWindows(eventId, slots, WINDOW_SIZE, from, to + 1)) {
      const key = `${request.eventId}:${request.offset}`;
      if (this.inflight.has(key) || this.waiting.has(key)) continue;
      this.waiting.set(key, request);
    }
    if (this.waiting.size > 0 && !this.scheduled) {
      this.scheduled = true;
      // Everything asked for in one render goes out as one batch.
      queueMicrotask(() => this.flush());
    }
  }

  /** A mounted column shows rows `from..to`: load them, and remember them for a resync. */
  show(eventId: string, from: number, to: number): void {
    this.shown.set(eventId, { from, to });
    this.want(eventId, from, to);
  }

  hide(eventId: string): void {
    this.shown.delete(eventId);
  }

  private flush(): void {
    this.scheduled = false;
    const batch = [...this.waiting.values()];
    this.waiting.clear();
    if (batch.length > 0) void this.run(batch, true);
  }

  /**
   * Reads windows in the queue, after every change sent before them, and merges them if the
   * model has not changed locally since they were asked for (otherwise they are asked again).
   */
  private run(batch: WindowRequest[], retry: boolean): Promise<void> {
    const storyId = this.get().timeline?.story.id;
    if (!storyId) return Promise.resolve();
    const keys = batch.map((r) => `${r.eventId}:${r.offset}`);
    for (const key of keys) this.inflight.add(key);
    const version = this.host.changeVersion();
    return this.host.enqueueRead(async () => {
      const results = await this.fetch(batch);
      for (const key of keys) this.inflight.delete(key);
      const model = this.get().timeline;
      if (!model || model.story.id !== storyId) return;
      if (this.host.changeVersion() !== version) {
        if (retry) for (const r of batch) this.want(r.eventId, r.offset, r.offset + r.limit - 1);
        return;
      }
      const merged = this.merge(model, results);
      if (merged !== model) this.set({ timeline: merged });
    });
  }

  private fetch(batch: WindowRequest[]): Promise<Result<MomentRange>[]> {
    return inParallel(
      batch.map(
        (r) => () =>
          call(() =>
            api().moments.range({
              eventId: r.eventId,
              offset: r.offset,
              limit: r.limit,
            }),
          ),
      ),
      PARALLEL,
    );
  }

  private merge(model: TimelineModel, results: Result<MomentRange>[]): TimelineModel {
    const ranges: MomentRange[] = [];
    let failure: string | null = null;
    for (const result of results) {
      if (result.ok) ranges.push(result.value);
      else if (result.error.code !== 'not_found') failure = result.error.message;
    }
    // One message while the host stays unreachable, not one per scroll.
    if (failure && Date.now() - this.lastFailureToast > FAILURE_TOAST_MS) {
      this.lastFailureToast = Date.now();
      this.get().toast('error', `Some beats could not be loaded: ${failure}`);
    }
    const merged = mergeWindows(model, ranges);
    if (!merged.ok) this.host.flagResync();
    return merged.model;
  }

  /**
   * Fills a model that is not in the store yet (a story being opened, a resync) with the given
   * windows plus the rows mounted columns show. Call it from inside a queued task.
   */
  async fill(model: TimelineModel, extra: WindowRequest[] = []): Promise<TimelineModel> {
    const requests = [...extra];
    for (const [eventId, { from, to }] of this.shown) {
      const slots = model.momentIds[eventId];
      if (slots) requests.push(...gapWindows(eventId, slots, WINDOW_SIZE, from, to + 1));
    }
    const unique = [...new Map(requests.map((r) => [`${r.eventId}:${r.offset}`, r])).values()];
    return this.merge(model, await this.fetch(unique));
  }
}
