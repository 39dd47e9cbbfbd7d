import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import {
  bindSteps,
  registerField,
  type AutosaveOptions,
  type Cycle,
  type FieldProblem,
  type Pending,
  type Shown,
} from './saveCycle';

export { AUTOSAVE_MAX_MS, AUTOSAVE_MS, type FieldProblem } from './saveCycle';
export type { DraftBase, SaveProblem } from '../store/saveText';

/**
 * Text that saves as you type: after a short pause, at the latest `maxWait` after the first
 * unsent keystroke, at once when the edit ends, and on page close. Typed text stays in the
 * field until the library accepts it; a refusal shows one message beside the field, and the
 * save status says "Not saved" until the text is fixed or saved.
 */
export function useAutosaveText(options: AutosaveOptions) {
  const key = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<FieldProblem | null>(null);
  const pending = useRef<Pending>({
    timer: undefined,
    latest: null,
    since: null,
    base: null,
    sending: null,
    inflight: null,
    mounted: false,
    problem: null,
    shown: null,
  });
  const [shown, setShown] = useState<Shown | null>(null);
  const latestOptions = useRef(options);
  useLayoutEffect(() => {
    latestOptions.current = options;
  });
  // Shown only while the store still has the row as it was when the field read theirs.
  const showing = shown?.over === options.updatedAt ? shown : null;
  useEffect(() => {
    const p = pending.current;
    if (p.shown && p.shown.over !== options.updatedAt) {
      p.shown = null;
      setShown(null);
    }
  }, [options.updatedAt]);
  const [cycle] = useState<Cycle>(() => ({
    key,
    pending,
    options: latestOptions,
    setDraft,
    setProblem,
    setShown,
  }));
  const [steps] = useState(() => bindSteps(cycle));
  useEffect(() => registerField(cycle, steps.end), [cycle, steps]);

  return {
    text: draft ?? showing?.text ?? options.value,
    problem,
    dirty: draft !== null,
    ...steps,
  };
}

/** A text field that saves as the writer types (what `useAutosaveText` returns). */
export type AutosaveField = ReturnType<typeof useAutosaveText>;
