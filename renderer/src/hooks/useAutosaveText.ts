import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How long typing pauses before text is saved. */
export const AUTOSAVE_MS = 400;

interface Options {
  /** The confirmed text, from the store. */
  value: string;
  /** Saves text; resolves to null, or to the message saying why it was refused. */
  save: (text: string) => Promise<string | null>;
  /** Adds one undo step for a finished edit (from focus to blur), once its save is done. */
  record: (before: string, after: string) => void;
  delay?: number;
}

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Text typed but not confirmed yet. */
  latest: string | null;
  /** Text when the edit began: what Escape goes back to and the undo step's "before". */
  session: string | null;
  /** The last text the database accepted in this edit. */
  saved: string | null;
}

/**
 * Text that saves as you type (debounced, and at once on blur). Typed text is kept until the
 * database accepts it: a refused save leaves the draft and the message in place.
 */
export function useAutosaveText({ value, save, record, delay = AUTOSAVE_MS }: Options) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<Pending>({ timer: undefined, latest: null, session: null, saved: null });
  const latestOptions = useRef({ value, save, record });
  useLayoutEffect(() => {
    latestOptions.current = { value, save, record };
  });

  const flush = useCallback(async (): Promise<boolean> => {
    const p = pending.current;
    clearTimeout(p.timer);
    p.timer = undefined;
    const text = p.latest;
    if (text === null) return true;
    const message = await latestOptions.current.save(text);
    if (p.latest !== text) return message === null;
    if (message === null) {
      p.latest = null;
      p.saved = text;
      setDraft(null);
      setError(null);
      return true;
    }
    setError(message);
    return false;
  }, []);

  useEffect(() => {
    const p = pending.current;
    return () => {
      if (p.timer !== undefined) {
        clearTimeout(p.timer);
        if (p.latest !== null) void latestOptions.current.save(p.latest);
      }
    };
  }, []);

  /** Starts an edit session (on focus). */
  const begin = useCallback(() => {
    const p = pending.current;
    if (p.session === null) {
      p.session = p.latest ?? latestOptions.current.value;
      p.saved = null;
    }
  }, []);

  const change = useCallback(
    (text: string) => {
      const p = pending.current;
      p.latest = text;
      setDraft(text);
      clearTimeout(p.timer);
      p.timer = setTimeout(() => void flush(), delay);
    },
    [delay, flush],
  );

  /**
   * Ends the edit (on blur): saves now and adds one undo step if the text changed. Both are
   * queued before this returns, so an Undo clicked right after the blur comes after them.
   */
  const end = useCallback((): Promise<boolean> => {
    const p = pending.current;
    const before = p.session;
    const after = p.latest ?? p.saved ?? latestOptions.current.value;
    p.session = null;
    p.saved = null;
    const saved = flush();
    if (before !== null && before !== after) latestOptions.current.record(before, after);
    return saved;
  }, [flush]);

  /** Escape: back to the text the edit began with. */
  const revert = useCallback(async () => {
    const p = pending.current;
    clearTimeout(p.timer);
    p.timer = undefined;
    const start = p.session ?? latestOptions.current.value;
    p.session = null;
    p.saved = null;
    setError(null);
    if (start !== latestOptions.current.value) {
      p.latest = start;
      setDraft(start);
      await flush();
    } else {
      p.latest = null;
      setDraft(null);
    }
  }, [flush]);

  return {
    text: draft ?? value,
    error,
    dirty: draft !== null,
    begin,
    change,
    end,
    revert,
    retry: flush,
  };
}
