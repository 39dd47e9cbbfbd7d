import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useStore } from '../store';
import type { DraftBase, SaveProblem } from '../store/saveText';

/** How long typing pauses before text is saved. */
export const AUTOSAVE_MS = 400;
/**
 * The longest typing waits to be sent while the writer never pauses: with the round trip it
 * reaches the library within a second of any keystroke.
 */
export const AUTOSAVE_MAX_MS = 700;

export type { DraftBase, SaveProblem } from '../store/saveText';

/** What the field shows beside itself when its text is not saved. */
export interface FieldProblem {
  message: string;
  /** Sending the same text again may work (the host was unreachable, a busy file). */
  canRetry: boolean;
  /** The retry writes over a change made elsewhere (Undo brings that back). */
  overwrite?: boolean;
}

interface Options {
  /** The confirmed text, from the store. */
  value: string;
  /** The row's updatedAt, from the store. */
  updatedAt: string;
  /** Saves text (queued) over `base`; resolves to null, or to why it was refused. */
  save: (text: string, base: DraftBase) => Promise<SaveProblem | null>;
  /** Sends text at once, outside the queue: the page is closing. */
  sendNow: (text: string) => void;
  /** Why the text cannot be saved as it is (too long, an empty title), or null. */
  check?: (text: string) => string | null;
  /** What to say when the thing this field belongs to was deleted elsewhere. */
  goneMessage: string;
  delay?: number;
  maxWait?: number;
}

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Text typed but not confirmed yet. */
  latest: string | null;
  /** When the oldest unsent keystroke was typed (for the maximum wait). */
  since: number | null;
  /** What this run of typing started from (null: no typing unsent). */
  base: DraftBase | null;
  mounted: boolean;
  problem: FieldProblem | null;
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

/**
 * Text that saves as you type: after a short pause, at the latest `maxWait` after the first
 * unsent keystroke, at once when the edit ends, and on page close. Typed text stays in the
 * field until the library accepts it; a refusal shows one message beside the field, and the
 * save status says "Not saved" until the text is fixed or saved.
 */
export function useAutosaveText(options: Options) {
  const { delay = AUTOSAVE_MS, maxWait = AUTOSAVE_MAX_MS } = options;
  const key = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblemState] = useState<FieldProblem | null>(null);
  const pending = useRef<Pending>({
    timer: undefined,
    latest: null,
    since: null,
    base: null,
    mounted: false,
    problem: null,
  });
  const latestOptions = useRef(options);
  useLayoutEffect(() => {
    latestOptions.current = options;
  });

  /** The field's state, here and in the store's save status. */
  const setState = useCallback(
    (state: 'clean' | 'typing' | FieldProblem) => {
      const p = pending.current;
      const next = typeof state === 'object' ? state : null;
      if (p.problem !== next) {
        p.problem = next;
        setProblemState(next);
      }
      const store = useStore.getState();
      if (state === 'clean') store.setFieldState(key, undefined);
      else store.setFieldState(key, next ? next.message : null);
    },
    [key],
  );

  /** A refusal: beside the field, or (the field is gone: the story was left) as a notice. */
  const refuse = useCallback(
    (problem: FieldProblem, text: string) => {
      const p = pending.current;
      if (p.mounted) {
        setState(problem);
        return;
      }
      // Said once: a save in flight and the one sent on unmount can both be refused.
      if (p.latest === null) return;
      p.latest = null;
      setState('clean');
      useStore
        .getState()
        .toast(
          'error',
          `Not saved: ${problem.message}`,
          { label: 'Copy text', run: () => void navigator.clipboard?.writeText(text) },
          { sticky: true },
        );
    },
    [setState],
  );

  const flush = useCallback(async (): Promise<boolean> => {
    const p = pending.current;
    clearTimeout(p.timer);
    p.timer = undefined;
    p.since = null;
    const text = p.latest;
    if (text === null) return true;
    const invalid = latestOptions.current.check?.(text);
    if (invalid) {
      refuse({ message: invalid, canRetry: false }, text);
      return false;
    }
    p.base ??= { text: latestOptions.current.value, stamp: latestOptions.current.updatedAt };
    const result = await latestOptions.current.save(text, p.base);
    // Newer typing has its own save coming, which settles the field's state.
    if (p.latest !== text) return result === null;
    if (result === null) {
      p.latest = null;
      p.base = null;
      if (p.mounted) setDraft(null);
      setState('clean');
      return true;
    }
    refuse(problemFor(result, latestOptions.current.goneMessage), text);
    return false;
  }, [setState, refuse]);

  /**
   * Ends a run of typing (blur, Enter, Escape, Undo): saves now. The save is queued before
   * this returns, so an Undo right after comes after it.
   */
  const end = flush;

  useEffect(() => {
    const p = pending.current;
    p.mounted = true;
    const unregister = useStore.getState().registerDraftField({
      commit: end,
      sendNow: () => {
        const text = p.latest;
        if (text !== null && !latestOptions.current.check?.(text)) {
          latestOptions.current.sendNow(text);
        }
      },
    });
    return () => {
      unregister();
      p.mounted = false;
      if (p.latest !== null) void end();
      else useStore.getState().setFieldState(key, undefined);
    };
  }, [end, key]);

  const change = useCallback(
    (text: string) => {
      const p = pending.current;
      // The start of a run of typing: remember what it started from, for conflicts.
      p.base ??= { text: latestOptions.current.value, stamp: latestOptions.current.updatedAt };
      p.latest = text;
      setDraft(text);
      clearTimeout(p.timer);
      p.timer = undefined;
      const invalid = latestOptions.current.check?.(text);
      if (invalid) {
        // Nothing is sent: the writer sees why at once, and the text stays to be fixed.
        p.since = null;
        setState({ message: invalid, canRetry: false });
        return;
      }
      if (p.problem || !(key in useStore.getState().fieldStates)) setState('typing');
      const now = Date.now();
      p.since ??= now;
      const wait = Math.max(0, Math.min(delay, p.since + maxWait - now));
      p.timer = setTimeout(() => void flush(), wait);
    },
    [delay, maxWait, flush, setState, key],
  );

  /** Retry; after a conflict, over the other change (the library's Undo keeps that one). */
  const retry = useCallback(() => {
    const p = pending.current;
    if (p.problem?.overwrite) p.base = { text: '', stamp: '' };
    return flush();
  }, [flush]);

  /** Lets the typing go (it was kept elsewhere): the field shows the library's text again. */
  const discard = useCallback(() => {
    const p = pending.current;
    clearTimeout(p.timer);
    p.timer = undefined;
    p.latest = null;
    p.base = null;
    p.since = null;
    setDraft(null);
    setState('clean');
  }, [setState]);

  /**
   * Replaces the unsaved typing with `text`, written over `base` (the other writer's change,
   * read just now), and saves it at once: "Keep both". A newer change elsewhere asks again.
   */
  const saveOver = useCallback(
    (text: string, base: DraftBase) => {
      const p = pending.current;
      clearTimeout(p.timer);
      p.timer = undefined;
      p.latest = text;
      p.base = base;
      setDraft(text);
      return flush();
    },
    [flush],
  );

  return {
    text: draft ?? options.value,
    problem,
    dirty: draft !== null,
    change,
    end,
    retry,
    discard,
    saveOver,
  };
}

/** A text field that saves as the writer types (what `useAutosaveText` returns). */
export type AutosaveField = ReturnType<typeof useAutosaveText>;
