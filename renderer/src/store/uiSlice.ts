import { withoutIds } from '../lib/messages';
import type { GetStore, SetStore, Slice, UiSlice, View } from './types';

const VIEW_KEY = 'beatline.view';

/** The view to come back to after a reload: the story that was open, or the library. */
function restoreView(): View {
  try {
    const saved = JSON.parse(sessionStorage.getItem(VIEW_KEY) ?? 'null') as View | null;
    if (saved?.name === 'story' && typeof saved.storyId === 'string') return saved;
    if (saved?.name === 'backups') return saved;
  } catch {
    // Unreadable or disabled storage: start in the library.
  }
  return { name: 'library' };
}

function saveView(view: View): void {
  try {
    sessionStorage.setItem(VIEW_KEY, JSON.stringify(view));
  } catch {
    // Not remembering the view is harmless.
  }
}

const TOAST_MS = 6000;

/** What the screen shows: the view, the beat being edited, the drag, the help. */
function viewActions(
  set: SetStore,
  get: GetStore,
): Pick<
  UiSlice,
  | 'openLibrary'
  | 'openStory'
  | 'openBackups'
  | 'setEditingMoment'
  | 'setDrag'
  | 'setColumnsAtOpen'
  | 'setShowHelp'
> {
  return {
    openLibrary: () => {
      const view: View = { name: 'library' };
      saveView(view);
      set({ view, editingMomentId: null, drag: null });
      get().refreshHistory();
    },

    openStory: (storyId) => {
      const view: View = { name: 'story', storyId };
      saveView(view);
      set({ view, editingMomentId: null, drag: null });
      void get().loadTimeline(storyId);
      get().refreshHistory();
    },

    openBackups: () => {
      const view: View = { name: 'backups' };
      saveView(view);
      set({ view, editingMomentId: null, drag: null });
    },

    setEditingMoment: (momentId) => set({ editingMomentId: momentId }),

    setDrag: (drag) => set({ drag }),
    setColumnsAtOpen: (columnsAtOpen) => set({ columnsAtOpen }),

    setShowHelp: (show) => set({ showHelp: show }),
  };
}

/** What the app tells the writer: notices, the live region, confirmations, the save status. */
function noticeActions(
  set: SetStore,
  get: GetStore,
): Pick<UiSlice, 'toast' | 'dismissToast' | 'announce' | 'confirm' | 'setFieldState'> {
  /** The counter of this store's toast ids (each store counts its own). */
  const toastSeq = { last: 0 };

  return {
    toast: (kind, rawMessage, action, options) => {
      // One toast per problem: the same message again is not stacked. No raw ids on screen.
      const message = withoutIds(rawMessage);
      const detail = options?.detail === undefined ? undefined : withoutIds(options.detail);
      const same = get().toasts.find(
        (t) => t.kind === kind && t.message === message && t.detail === detail,
      );
      if (same) return;
      const id = ++toastSeq.last;
      const toast = { id, kind, message, action, ...options, detail };
      set((s) => ({ toasts: [...s.toasts.slice(-3), toast] }));
      // Errors stay until dismissed (button or Escape); the rest go by themselves.
      if (kind !== 'error' && !options?.sticky) {
        setTimeout(() => get().dismissToast(id), TOAST_MS);
      }
    },

    dismissToast: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),

    announce: (text) => set((s) => ({ announcement: { text, n: s.announcement.n + 1 } })),

    confirm: (request) =>
      new Promise<boolean>((resolve) => {
        get().confirmRequest?.resolve(false);
        set({
          confirmRequest: {
            ...request,
            resolve: (ok) => {
              set({ confirmRequest: null });
              resolve(ok);
            },
          },
        });
      }),

    setFieldState: (field, state) =>
      set((s) => {
        if (s.fieldStates[field] === state) return s;
        const fieldStates = { ...s.fieldStates };
        if (state === undefined) delete fieldStates[field];
        else fieldStates[field] = state;
        return { fieldStates };
      }),
  };
}

/** Where the focus should go once React has drawn it (see `useFocusRequest`). */
function focusActions(
  set: SetStore,
  get: GetStore,
): Pick<UiSlice, 'requestFocus' | 'clearFocusRequest'> {
  return {
    requestFocus: (kind, id) => {
      set({ focusRequest: `${kind}:${id}` });
    },

    clearFocusRequest: (request) => {
      if (get().focusRequest === request) set({ focusRequest: null });
    },
  };
}

export const createUiSlice: Slice<UiSlice> = (set, get) => ({
  view: restoreView(),
  editingMomentId: null,
  drag: null,
  toasts: [],
  announcement: { text: '', n: 0 },
  confirmRequest: null,
  pending: 0,
  fieldStates: {},
  showHelp: false,
  focusRequest: null,
  columnsAtOpen: () => 0,
  ...viewActions(set, get),
  ...noticeActions(set, get),
  ...focusActions(set, get),
});
