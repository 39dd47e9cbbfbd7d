import { withoutIds } from '../lib/messages';
import type { Slice, UiSlice, View } from './types';

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

type Set = Parameters<Slice<UiSlice>>[0];
type Get = Parameters<Slice<UiSlice>>[1];

export const createUiSlice: Slice<UiSlice> = (set, get) => uiSlice(set, get, { last: 0 });

/** The slice, with the counter of its store's toast ids (each store counts its own). */
const uiSlice = (set: Set, get: Get, toastSeq: { last: number }): UiSlice => ({
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
  columnsInView: 0,

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

  setFieldState: (field, state) =>
    set((s) => {
      if (s.fieldStates[field] === state) return s;
      const fieldStates = { ...s.fieldStates };
      if (state === undefined) delete fieldStates[field];
      else fieldStates[field] = state;
      return { fieldStates };
    }),

  setEditingMoment: (momentId) => set({ editingMomentId: momentId }),

  setDrag: (drag) => set({ drag }),
  setColumnsInView: (columnsInView) => {
    if (get().columnsInView !== columnsInView) set({ columnsInView });
  },

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

  setShowHelp: (show) => set({ showHelp: show }),

  requestFocus: (kind, id) => {
    const key = get().timeline?.keys[id] ?? id;
    set({ focusRequest: `${kind}:${key}` });
  },

  clearFocusRequest: (request) => {
    if (get().focusRequest === request) set({ focusRequest: null });
  },
});
