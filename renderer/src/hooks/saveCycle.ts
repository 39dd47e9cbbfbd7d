import type { RefObject } from 'react';
import { useStore } from '../store';
import { draftKey, keepDraft, type DraftTarget } from '../store/keptDrafts';
import { draftToKeep, forgetDraft, noticeUnsaved } from '../store/draftPlace';
import type { DraftBase, SaveProblem } from '../store/saveText';

/**
 * The save cycle of one text field, step by step: typing is timed, sent, accepted or refused;
 * the field can retry, let its typing go or write over another change. `useAutosaveText`
 * holds the state these steps share (`Cycle`) and hands their bound form to the field.
 */

/** How long typing pauses before text is saved. */
export const AUTOSAVE_MS = 400;
/**
 * The longest typing waits to be sent while the writer never pauses: with the round trip it
 * reaches the library within a second of any keystroke.
 */
export const AUTOSAVE_MAX_MS = 700;

/** What the field shows beside itself when its text is not saved. */
export interface FieldProblem {
  message: string;
  /** Sending the same text again may work (the host was unreachable, a busy file). */
  canRetry: boolean;
  /** The retry writes over a change made elsewhere (Undo brings that back). */
  overwrite?: boolean;
}

export interface AutosaveOptions {
  /** The confirmed text, from the store. */
  value: string;
  /** The row's updatedAt, from the store. */
  updatedAt: string;
  /** Saves text (queued) over `base`; resolves to null, or to why it was refused. */
  save: (text: string, base: DraftBase) => Promise<SaveProblem | null>;
  /**
   * Sends text at once, outside the queue, over `base` (its stamp, as every save): the page is
   * closing. The text is also kept in local storage (`keep`), so a refusal loses nothing.
   */
  sendNow: (text: string, base: DraftBase) => void;
  /** The library field this text belongs to: kept in local storage while unconfirmed at close. */
  keep?: DraftTarget;
  /** Why the text cannot be saved as it is (too long, an empty title), or null. */
  check?: (text: string) => string | null;
  /** What to say when the thing this field belongs to was deleted elsewhere. */
  goneMessage: string;
  delay?: number;
  maxWait?: number;
}

export interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Text typed but not confirmed yet. */
  latest: string | null;
  /** When the oldest unsent keystroke was typed (for the maximum wait). */
  since: number | null;
  /** What this run of typing started from (null: no typing unsent). */
  base: DraftBase | null;
  /** Text sent and not answered yet (the library may hold it when the page closes). */
  sending: string | null;
  /** The save of `sending`: a flush of the same text waits for it instead of sending again. */
  inflight: Promise<boolean> | null;
  mounted: boolean;
  problem: FieldProblem | null;
  /** Text the field shows over the store's (see `Shown`), or null. */
  shown: Shown | null;
}

/**
 * The library's text, read by this field, that the store has not caught up with yet ("Use
 * theirs" before the change notice arrives): shown while the store still has the row as it was
 * at `over`, its stamp then.
 */
export interface Shown extends DraftBase {
  over: string;
}

/** The message a refused save shows: plain words, no ids. */
function problemFor(result: SaveProblem, goneMessage: string): FieldProblem {
  if (result.code === 'not_found') return { message: goneMessage, canRetry: false };
  if (result.code === 'conflict') {
    return {
      message: 'changed in another window while you typed.',
      canRetry: true,
      overwrite: true,
    };
  }
  if (result.code === 'invalid_input') return { message: result.message, canRetry: false };
  return { message: result.message, canRetry: true };
}

/** What the steps of one field's save cycle share: its typing, its options, its React state. */
export interface Cycle {
  /** The field's entry in the store's save status. */
  key: string;
  pending: RefObject<Pending>;
  /** The options of the latest render. */
  options: RefObject<AutosaveOptions>;
  setDraft: (text: string | null) => void;
  setProblem: (problem: FieldProblem | null) => void;
  setShown: (shown: Shown | null) => void;
}

/** What typing starts from: the text the field shows when it holds no typing, and its stamp. */
function confirmedBase(c: Cycle): DraftBase {
  const { value, updatedAt } = c.options.current;
  const read = c.pending.current.shown;
  return read && read.over === updatedAt
    ? { text: read.text, stamp: read.stamp }
    : { text: value, stamp: updatedAt };
}

/** The field's state, here and in the store's save status. */
function showState(c: Cycle, state: 'clean' | 'typing' | FieldProblem): void {
  const p = c.pending.current;
  const next = typeof state === 'object' ? state : null;
  if (p.problem !== next) {
    p.problem = next;
    c.setProblem(next);
  }
  const store = useStore.getState();
  if (state === 'clean') store.setFieldState(c.key, undefined);
  else store.setFieldState(c.key, next ? next.message : null);
}

/** A refusal: beside the field, or (the field is gone: the story was left) as a notice. */
function refuse(c: Cycle, problem: FieldProblem, text: string): void {
  const p = c.pending.current;
  if (p.mounted) {
    showState(c, problem);
    return;
  }
  // Said once: a save in flight and the one sent on unmount can both be refused.
  if (p.latest === null) return;
  // Kept until the library takes it: closing the page asks first, and a next open offers it.
  const target = keepText(c);
  p.latest = null;
  showState(c, 'clean');
  noticeUnsaved(problem.message, text, target);
}

/** Keeps the field's unconfirmed text in local storage; its target, or null (nothing kept). */
function keepText(c: Cycle): DraftTarget | null {
  const p = c.pending.current;
  const target = c.options.current.keep;
  if (!target || p.latest === null) return null;
  keepDraft(draftToKeep(target, p.latest, p.base ?? confirmedBase(c), p.sending));
  return target;
}

/**
 * Saves the unsent typing now; true when the library took it (or nothing was unsent). Text
 * already on its way is not sent again: an Undo pressed before its answer is queued after it,
 * and a second copy would come after that Undo and write the text back (h75).
 */
function flush(c: Cycle): Promise<boolean> {
  const p = c.pending.current;
  clearTimeout(p.timer);
  p.timer = undefined;
  p.since = null;
  const text = p.latest;
  if (text === null) return Promise.resolve(true);
  if (p.sending === text && p.inflight) return p.inflight;
  const invalid = c.options.current.check?.(text);
  if (invalid) {
    refuse(c, { message: invalid, canRetry: false }, text);
    return Promise.resolve(false);
  }
  const saved = send(c, text);
  p.inflight = saved;
  return saved;
}

/** Sends `text` over what the typing started from and settles the field with the answer. */
async function send(c: Cycle, text: string): Promise<boolean> {
  const p = c.pending.current;
  p.base ??= confirmedBase(c);
  p.sending = text;
  const result = await c.options.current.save(text, p.base);
  if (p.sending === text) p.sending = null;
  const target = c.options.current.keep;
  if (result === null && target) forgetDraft(target, text);
  // Newer typing has its own save coming, which settles the field's state.
  if (p.latest !== text) return result === null;
  if (result === null) {
    p.latest = null;
    p.base = null;
    if (p.mounted) c.setDraft(null);
    showState(c, 'clean');
    return true;
  }
  refuse(c, problemFor(result, c.options.current.goneMessage), text);
  return false;
}

/** Times the save of new typing: after a pause, at the latest `maxWait` after the first key. */
function scheduleFlush(c: Cycle): void {
  const p = c.pending.current;
  const { delay = AUTOSAVE_MS, maxWait = AUTOSAVE_MAX_MS } = c.options.current;
  const now = Date.now();
  p.since ??= now;
  const wait = Math.max(0, Math.min(delay, p.since + maxWait - now));
  p.timer = setTimeout(() => void flush(c), wait);
}

/** The writer typed `text`: the field shows it at once and its save is timed. */
function typeText(c: Cycle, text: string): void {
  const p = c.pending.current;
  // The start of a run of typing: remember what it started from, for conflicts.
  p.base ??= confirmedBase(c);
  p.latest = text;
  c.setDraft(text);
  clearTimeout(p.timer);
  p.timer = undefined;
  const invalid = c.options.current.check?.(text);
  if (invalid) {
    // Nothing is sent: the writer sees why at once, and the text stays to be fixed.
    p.since = null;
    showState(c, { message: invalid, canRetry: false });
    return;
  }
  if (p.problem || !(c.key in useStore.getState().fieldStates)) showState(c, 'typing');
  scheduleFlush(c);
}

/** Retry; after a conflict, over the other change (the library's Undo keeps that one). */
function retry(c: Cycle): Promise<boolean> {
  const p = c.pending.current;
  if (p.problem?.overwrite) p.base = { text: '', stamp: '' };
  return flush(c);
}

/**
 * Lets the typing go (it was kept elsewhere): the field shows the library's text again, at
 * once `theirs` when given (read from the library just now: "Use theirs"), until the store
 * catches up with it.
 */
function discard(c: Cycle, theirs?: DraftBase): void {
  const p = c.pending.current;
  clearTimeout(p.timer);
  p.timer = undefined;
  p.latest = null;
  p.base = null;
  p.since = null;
  const { updatedAt } = c.options.current;
  p.shown = theirs && theirs.stamp !== updatedAt ? { ...theirs, over: updatedAt } : null;
  c.setShown(p.shown);
  c.setDraft(null);
  showState(c, 'clean');
}

/**
 * Replaces the unsaved typing with `text`, written over `base` (the other writer's change,
 * read just now), and saves it at once: "Keep both". A newer change elsewhere asks again.
 */
function saveOver(c: Cycle, text: string, base: DraftBase): Promise<boolean> {
  const p = c.pending.current;
  clearTimeout(p.timer);
  p.timer = undefined;
  p.latest = text;
  p.base = base;
  // Sent over `base`, even when the same text is on its way over the old one.
  p.inflight = null;
  c.setDraft(text);
  return flush(c);
}

/**
 * The page is closing: keeps the unconfirmed text in local storage, and sends the unsent typing
 * outside the queue over what it started from (a change made elsewhere meanwhile refuses it;
 * the kept text is offered at the next open), unless it cannot be saved, or it was refused
 * because the text changed in another window: it is never sent over theirs unasked.
 */
function sendNow(c: Cycle): void {
  const p = c.pending.current;
  const { latest: text, problem } = p;
  keepText(c);
  if (text !== null && !problem?.overwrite && !c.options.current.check?.(text)) {
    c.options.current.sendNow(text, p.base ?? confirmedBase(c));
  }
}

/** The field's actions, each a step of its save cycle. */
export function bindSteps(c: Cycle) {
  return {
    change: (text: string) => typeText(c, text),
    /**
     * Ends a run of typing (blur, Enter, Escape, Undo): saves now. The save is queued before
     * this returns, so an Undo right after comes after it.
     */
    end: () => flush(c),
    retry: () => retry(c),
    discard: (theirs?: DraftBase) => discard(c, theirs),
    saveOver: (text: string, base: DraftBase) => saveOver(c, text, base),
  };
}

/** The store's key of a field's library target (as `keptDrafts` has it). */
const handKey = (c: Cycle): string | null => {
  const target = c.options.current.keep;
  return target ? draftKey(target) : null;
};

/**
 * The field leaves the page with typing unconfirmed: it is sent now (queued, as always) and,
 * while that save is unanswered, handed to a field of the same row drawn next (its beat moved
 * to another event by another window): that field shows the typing and goes on from it, so
 * the text never jumps back under the writer's hands and their next key is no conflict.
 */
function leaveWithTyping(c: Cycle, end: () => Promise<boolean>): void {
  const p = c.pending.current;
  const text = p.latest!;
  const saving = end();
  const key = handKey(c);
  // Refused at once (too long: a notice holds it), or no row to hand it to.
  if (p.latest !== text || !key || !p.base) return;
  const store = useStore.getState();
  const draft = {
    text,
    base: p.base,
    adopted: () => {
      if (p.latest !== text) return;
      p.latest = null;
      // The status follows the field that took it over.
      showState(c, 'clean');
    },
  };
  store.handOverDraft(key, draft);
  void saving.finally(() => store.dropHandedDraft(key, draft));
}

/** Takes over typing handed over by the field that showed this row before (see above). */
function adoptHandedTyping(c: Cycle): void {
  const key = handKey(c);
  const draft = key ? useStore.getState().takeHandedDraft(key) : undefined;
  if (!draft) return;
  draft.adopted();
  c.pending.current.base = draft.base;
  typeText(c, draft.text);
}

/**
 * Lists the field with the store, so Undo and page close reach its typing; returns the
 * unlisting, which saves what is still unsent (the field is leaving).
 */
export function registerField(c: Cycle, end: () => Promise<boolean>): () => void {
  const p = c.pending.current;
  p.mounted = true;
  adoptHandedTyping(c);
  const unregister = useStore.getState().registerDraftField({
    commit: end,
    sendNow: () => sendNow(c),
    keep: () => keepText(c) !== null,
  });
  return () => {
    unregister();
    p.mounted = false;
    if (p.latest !== null) leaveWithTyping(c, end);
    else useStore.getState().setFieldState(c.key, undefined);
  };
}
