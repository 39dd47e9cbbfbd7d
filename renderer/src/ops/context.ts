import type { StoreApi } from 'zustand';
import type { Result, StorySummary } from '../../../electron/core/contract/types';
import type { TimelineModel } from '../store/timelineModel';
import type { Store } from '../store/types';

/** What an operation's local change replaced, so a refusal can put it back. */
export interface LocalChange {
  timeline: TimelineModel | null;
  stories: StorySummary[];
  /** The store's version right after the change: rollback is exact only if nothing came after. */
  version: number;
  /** For moves and creates: what it now sits before (null: the end; unset: not loaded here). */
  beforeId?: string | null;
  /** Where the library holds that beat in its list when it is not loaded here. */
  beforeOffset?: number;
}

/** What an operation module may do to the store (given by the engine). */
export interface OpContext {
  get: StoreApi<Store>['getState'];
  set: StoreApi<Store>['setState'];
  /** The open story's model, if `storyId` is the open story. */
  open(storyId: string): TimelineModel | null;
  /** Changes the open story's model (and the store's version). */
  mutate(update: (model: TimelineModel) => TimelineModel): void;
  mutateStories(update: (stories: StorySummary[]) => StorySummary[]): void;
  /** The library's answer corrected the screen: a rollback now goes back to before `local`. */
  settle(local: LocalChange): void;
  /** The store may differ from the library: read it again once the queue is idle. */
  flagResync(): void;
  refreshStories(): Promise<void>;
}

/**
 * One operation in one place: how it changes the screen at once, and what it asks the library
 * (whose answer may correct the screen). Undo is the library's: no inverse here.
 */
export interface OpModule<O> {
  apply(ctx: OpContext, op: O, local: LocalChange): void;
  send(ctx: OpContext, op: O, local: LocalChange): Promise<Result<unknown>>;
}
