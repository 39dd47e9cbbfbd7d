import type { StateCreator } from 'zustand';
import type { StorySummary } from '../../../electron/core/contract/types';
import type { BackupsSlice } from './backupsSlice';
import type { BoardSlice } from './boardSlice';
import type { FilesSlice } from './filesSlice';
import type { LogicSlice } from './logicSlice';
import type { SettingsSlice } from './settingsSlice';
import type { DraftsSlice } from './draftsSlice';
import type { DraftBase, SaveProblem } from './saveText';
import type { TimelineModel } from './timelineModel';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface LibrarySlice {
  stories: StorySummary[];
  libraryStatus: LoadStatus;
  libraryError: string | null;
  loadLibrary(): Promise<void>;
  /** Another writer changed the library: re-read what this view shows. */
  libraryChanged(): void;
  /** Creates a story and opens it; resolves to its id, or null when refused. */
  createStory(title: string): Promise<string | null>;
  renameStory(storyId: string, title: string): Promise<boolean>;
  /** Saves a typed story title (no history step); resolves to why it was refused, or null. */
  saveStoryTitle(storyId: string, title: string, base: DraftBase): Promise<SaveProblem | null>;
  /** Sends a typed story title at once, outside the queue: the page is closing. */
  sendStoryTitleNow(storyId: string, title: string, expectedUpdatedAt?: string): void;
  /** Asks for confirmation, then deletes (undoable). */
  deleteStory(storyId: string): Promise<boolean>;
  /** Copy a story as a new one, "Title (copy)" (issue 16); undoable. */
  duplicateStory(storyId: string): Promise<boolean>;
}

export interface TimelineSlice {
  timeline: TimelineModel | null;
  timelineStatus: LoadStatus;
  timelineError: string | null;
  /** Opens a story from its outline; beats arrive in windows as the view shows them. */
  loadTimeline(storyId: string): Promise<void>;
  /**
   * A reload that came back to a story reads it now (the app calls it before its first render,
   * once `setColumnsAtOpen` is set), so the outline and the first beats arrive in one read.
   */
  resumeStory(): void;
  /** A mounted column shows beats `from..to` (inclusive): loads those not loaded yet. */
  showBeats(eventId: string, from: number, to: number): void;
  /** The column of `eventId` is no longer mounted. */
  hideBeats(eventId: string): void;
  /** Loads beats `from..to` of an event ahead of a scroll (nothing if they are loaded). */
  wantBeats(eventId: string, from: number, to: number): void;
  addEvent(index?: number): Promise<string | null>;
  /** Saves typed event text (no history step); resolves to why it was refused, or null. */
  saveEventText(
    eventId: string,
    patch: { title?: string; description?: string },
    base: DraftBase,
  ): Promise<SaveProblem | null>;
  /** Sends typed event text at once, outside the queue: the page is closing. */
  sendEventTextNow(
    eventId: string,
    patch: { title?: string; description?: string },
    expectedUpdatedAt?: string,
  ): void;
  deleteEvent(eventId: string): Promise<boolean>;
  moveEvent(eventId: string, toIndex: number): void;
  addMoment(eventId: string, index?: number): Promise<string | null>;
  /** Adds a beat holding `text` right after `momentId` (a conflict's "Keep both"). */
  addMomentAfter(momentId: string, text: string): void;
  /** Saves typed beat text (no history step); resolves to why it was refused, or null. */
  saveMomentText(
    momentId: string,
    description: string,
    base: DraftBase,
  ): Promise<SaveProblem | null>;
  /** Sends typed beat text at once, outside the queue: the page is closing. */
  sendMomentTextNow(momentId: string, description: string, expectedUpdatedAt?: string): void;
  /**
   * Sends a typed time at once, outside the queue, over the beat's stamp when the typing began
   * (a time changed elsewhere meanwhile refuses it): the page is closing.
   */
  sendMomentOffsetNow(momentId: string, seconds: number | null, expectedUpdatedAt?: string): void;
  /**
   * Saves a typed time (seconds, or null to clear it) over `base`, the time the typing started
   * from as `offsetText` gives it and the beat's stamp then: a time changed elsewhere meanwhile
   * is a conflict (an empty stamp writes over it). Resolves to why it was refused, or null.
   */
  setMomentOffset(
    momentId: string,
    seconds: number | null,
    base: DraftBase,
  ): Promise<SaveProblem | null>;
  deleteMoment(momentId: string): void;
  moveMoment(momentId: string, toEventId: string, toIndex: number): void;
  /** True once for a beat added in this window (it is forgotten as it is asked about). */
  takeFreshBeat(momentId: string): boolean;
}

export interface HistorySlice {
  /** What Undo would undo in the scope on screen (the library's history), or null. */
  undoLabel: string | null;
  redoLabel: string | null;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Reads Undo and Redo again (the view changed scope). */
  refreshHistory(): void;
}

export type View = { name: 'library' } | { name: 'story'; storyId: string } | { name: 'backups' };

export type DragState =
  | {
      kind: 'moment';
      id: string;
      mode: 'pointer' | 'keyboard';
      origin: { eventId: string; index: number };
      target: { eventId: string; index: number };
    }
  | {
      kind: 'event';
      id: string;
      mode: 'pointer' | 'keyboard';
      origin: { index: number };
      target: { index: number };
    };

/** Things that can ask for the focus: a beat card, an event's handle, title or Add beat. */
export type FocusKind = 'beat' | 'handle' | 'title' | 'add-beat';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  message: string;
  /** Precise detail under the message (an import's first problem), shown as code. */
  detail?: string;
  /** Stays until dismissed (errors the writer may need to read closely). */
  sticky?: boolean;
  action?: { label: string; run: () => void };
  /** Text the library refused, offered to copy: the page asks before it closes (issue 12). */
  unsaved?: string;
}

export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  /** A choice that destroys nothing (Add a copy) is not drawn as a danger. */
  tone?: 'danger' | 'primary';
  resolve: (ok: boolean) => void;
}

export interface UiSlice {
  view: View;
  editingMomentId: string | null;
  drag: DragState | null;
  toasts: Toast[];
  announcement: { text: string; n: number };
  confirmRequest: ConfirmRequest | null;
  /**
   * Where the focus should go once React has drawn it: `kind:key`, with the React key of the
   * beat or event (stable when a new record gets its database id). See `useFocusRequest`.
   */
  focusRequest: string | null;
  /** Channel calls not answered yet: drives the "Saving…" indicator. */
  pending: number;
  /**
   * Text fields whose typing the library does not hold yet, by field: null while it is on its
   * way, the reason when it was refused. Empty means the library holds what the screen shows.
   */
  fieldStates: Record<string, string | null>;
  /** Sets a field's entry in `fieldStates`; undefined removes it (saved). */
  setFieldState(field: string, state: string | null | undefined): void;
  showHelp: boolean;
  openLibrary(): void;
  openStory(storyId: string): void;
  openBackups(): void;
  setEditingMoment(momentId: string | null): void;
  setDrag(drag: DragState | null): void;
  toast(
    kind: Toast['kind'],
    message: string,
    action?: Toast['action'],
    options?: Pick<Toast, 'detail' | 'sticky' | 'unsaved'>,
  ): void;
  dismissToast(id: number): void;
  announce(text: string): void;
  confirm(request: Omit<ConfirmRequest, 'resolve'>): Promise<boolean>;
  setShowHelp(show: boolean): void;
  requestFocus(kind: FocusKind, id: string): void;
  clearFocusRequest(request: string): void;
  // What the view tells the store (h22: the store does not import the view's layout code).
  /**
   * How many event columns of a story the board shows from its left edge when it opens: the
   * view's count (its widths for that story, the window's width), set before the first load.
   */
  columnsAtOpen(model: TimelineModel): number;
  setColumnsAtOpen(count: (model: TimelineModel) => number): void;
}

export type Store = LibrarySlice &
  TimelineSlice &
  HistorySlice &
  UiSlice &
  FilesSlice &
  BackupsSlice &
  LogicSlice &
  SettingsSlice &
  DraftsSlice &
  BoardSlice;

export type Slice<T> = StateCreator<Store, [], [], T>;

/** The store's `set`, as a slice receives it (for the groups of actions a slice spreads). */
export type SetStore = Parameters<Slice<Store>>[0];
/** The store's `get`, as a slice receives it. */
export type GetStore = Parameters<Slice<Store>>[1];
