import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { AUTOSAVE_MAX_MS, AUTOSAVE_MS } from '../../hooks/useAutosaveText';
import { parseOffset } from '../../lib/offset';
import { useStore } from '../../store';
import { draftToKeep, forgetDraft } from '../../store/draftPlace';
import { draftKey, keepDraft, type DraftTarget } from '../../store/keptDrafts';
import type { DraftBase, SaveProblem } from '../../store/saveText';
import { offsetText } from '../../store/timelineText';

/** What the time field's save steps share: the beat, the field, its typed text and its timer. */
interface DraftCell {
  momentId: string;
  fieldKey: string;
  onError: (message: string | null) => void;
  /** The typed time (null: none). The blur that follows Escape runs before React re-renders. */
  draftRef: RefObject<string | null>;
  autosave: RefObject<{ timer?: ReturnType<typeof setTimeout>; since: number | null }>;
  /** The beat's time and stamp when the typing began (null: nothing typed). */
  baseRef: RefObject<DraftBase | null>;
  /** The typed time sent and not answered yet (the library may hold it when the page closes). */
  sendingRef: RefObject<string | null>;
  /** The save of `sendingRef`'s time: a save of the same time waits for it (see `sendTyped`). */
  inflightRef: RefObject<Promise<SaveProblem | null> | null>;
  /** The typed time; the save status says "Saving…" while one is not sent, or why not. */
  setDraft: (value: string | null, problem?: string | null) => void;
  setInvalid: (invalid: boolean) => void;
}

/** Why a typed time was not saved, as the field says it. */
function problemText(problem: SaveProblem): string {
  return problem.code === 'conflict'
    ? 'Not saved: this time was changed in another window while you typed. Enter keeps yours.'
    : `Not saved: ${problem.message}`;
}

/**
 * Sends `typed` over what the typing began from; resolves to why it was refused, or null. A
 * time already on its way is not sent again: an Undo pressed before its answer is queued after
 * it, and a second copy would come after that Undo and write the time back (h75).
 */
function sendTyped(
  cell: DraftCell,
  typed: string,
  seconds: number | null,
): Promise<SaveProblem | null> {
  const inflight = cell.inflightRef.current;
  if (cell.sendingRef.current === typed && inflight) return inflight;
  const base = (cell.baseRef.current ??= typedOver(cell));
  cell.sendingRef.current = typed;
  const sent = useStore
    .getState()
    .setMomentOffset(cell.momentId, seconds, base)
    .then((problem) => {
      if (cell.sendingRef.current === typed) cell.sendingRef.current = null;
      if (problem === null) forgetDraft(timeTarget(cell.momentId), typed);
      return problem;
    });
  cell.inflightRef.current = sent;
  return sent;
}

/**
 * Saves `typed` over what the typing began from; saved, the field lets it go unless
 * `keepText` (the writer is still typing in it). Refused, the typed time stays in the field
 * with why (after a conflict, the next save writes over the other change). True when saved.
 */
async function saveTyped(
  cell: DraftCell,
  typed: string,
  seconds: number | null,
  keepText: boolean,
): Promise<boolean> {
  const problem = await sendTyped(cell, typed, seconds);
  if (cell.draftRef.current !== typed) return problem === null;
  if (problem === null) {
    cell.onError(null);
    if (keepText) {
      useStore.getState().setFieldState(cell.fieldKey, undefined);
    } else {
      cell.baseRef.current = null;
      cell.setDraft(null);
    }
    return true;
  }
  if (problem.code === 'conflict') cell.baseRef.current = { text: '', stamp: '' };
  const message = problemText(problem);
  cell.setDraft(typed, message);
  cell.onError(message);
  return false;
}

const timeTarget = (momentId: string): DraftTarget => ({ kind: 'beatTime', id: momentId });

/** Keeps the typed time in local storage until the library holds it; true if there was one. */
function keepTyped(cell: DraftCell): boolean {
  const typed = cell.draftRef.current;
  if (typed === null) return false;
  keepDraft(
    draftToKeep(timeTarget(cell.momentId), typed, typedOver(cell), cell.sendingRef.current),
  );
  return true;
}

/**
 * The page is closing: keeps the typed time, and sends it at once over the beat's stamp when
 * the typing began, unless it is not a time or the library refused it as changed elsewhere (it
 * is never sent over theirs unasked).
 */
function sendTypedNow(cell: DraftCell): void {
  keepTyped(cell);
  const typed = cell.draftRef.current;
  const parsed = typed === null ? null : parseOffset(typed);
  const refused = typeof useStore.getState().fieldStates[cell.fieldKey] === 'string';
  if (!parsed?.ok || refused) return;
  const { stamp } = typedOver(cell);
  useStore.getState().sendMomentOffsetNow(cell.momentId, parsed.seconds, stamp || undefined);
}

/** What the typed time goes over: where its typing began, or the beat as the store has it. */
const typedOver = (cell: DraftCell): DraftBase =>
  cell.baseRef.current ?? beatTimeNow(cell.momentId);

/** The beat's time and stamp as the store has them: what a run of typing starts from. */
function beatTimeNow(momentId: string): DraftBase {
  const moment = useStore.getState().timeline?.moments[momentId];
  return { text: offsetText(moment?.timestampOffset ?? null), stamp: moment?.updatedAt ?? '' };
}

/**
 * A valid typed time is saved after a pause, at the latest `AUTOSAVE_MAX_MS` after the first
 * unsent key, as text is; the field keeps the text as typed until it is left.
 */
function saveSoon(cell: DraftCell, typed: string): void {
  const { draftRef } = cell;
  const a = cell.autosave.current;
  clearTimeout(a.timer);
  if (!parseOffset(typed).ok) return;
  const now = Date.now();
  a.since ??= now;
  a.timer = setTimeout(
    () => {
      a.since = null;
      const parsed = parseOffset(typed);
      if (draftRef.current !== typed || !parsed.ok) return;
      // Saved, the field keeps the text as typed until it is left.
      void saveTyped(cell, typed, parsed.seconds, true);
    },
    Math.max(0, Math.min(AUTOSAVE_MS, a.since + AUTOSAVE_MAX_MS - now)),
  );
}

/**
 * Saves the typed time, if any; true when it was saved (or nothing was typed). An invalid time
 * stays for fixing when `keepInvalidText`, else the saved time comes back.
 */
async function commit(cell: DraftCell, keepInvalidText: boolean): Promise<boolean> {
  const { setDraft, setInvalid, onError } = cell;
  const typed = cell.draftRef.current;
  if (typed === null) return true;
  const parsed = parseOffset(typed);
  if (!parsed.ok) {
    if (keepInvalidText) {
      // Enter, Undo, the page hidden: the text stays for fixing, with the reason beside it.
      setDraft(typed, parsed.message);
      setInvalid(true);
      onError(parsed.message);
    } else {
      // Leaving the field: the saved time comes back; the reason is still said.
      cell.baseRef.current = null;
      setDraft(null);
      setInvalid(false);
      onError(null);
      useStore.getState().toast('error', `Time not changed. ${parsed.message}`);
    }
    return false;
  }
  setInvalid(false);
  return saveTyped(cell, typed, parsed.seconds, false);
}

/**
 * Undo from inside this field and the page going to the background send the typed time (it
 * becomes a step); closing the page sends it at once and keeps it until the library holds it.
 */
function useDraftRegistration(cell: DraftCell): void {
  // The latest props (onError), kept after every render: no key or undo comes in between.
  const cellRef = useRef(cell);
  useLayoutEffect(() => {
    cellRef.current = cell;
  });
  const { momentId, fieldKey, autosave } = cell;
  useEffect(() => {
    const unregister = useStore.getState().registerDraftField({
      commit: () => commit(cellRef.current, true),
      keep: () => keepTyped(cellRef.current),
      sendNow: () => sendTypedNow(cellRef.current),
    });
    adoptHandedTime(cellRef.current);
    const a = autosave.current;
    return () => {
      unregister();
      clearTimeout(a.timer);
      useStore.getState().setFieldState(fieldKey, undefined);
      handOverTime(cellRef.current);
    };
  }, [momentId, fieldKey, autosave]);
}

/**
 * The field leaves the page with a time typed and not sent (its beat moved to another event
 * by another window, so its card is drawn again there): the field drawn next for the beat
 * takes it over, with what it was typed over, instead of it vanishing (h75).
 */
function handOverTime(cell: DraftCell): void {
  const typed = cell.draftRef.current;
  if (typed === null || cell.sendingRef.current === typed) return;
  const key = draftKey(timeTarget(cell.momentId));
  useStore.getState().handOverDraft(key, { text: typed, base: typedOver(cell), adopted: () => {} });
}

/** Takes over a time typed in the field that showed this beat before (see above). */
function adoptHandedTime(cell: DraftCell): void {
  const draft = useStore.getState().takeHandedDraft(draftKey(timeTarget(cell.momentId)));
  if (!draft) return;
  cell.baseRef.current = draft.base;
  cell.setDraft(draft.text);
  saveSoon(cell, draft.text);
}

/** A beat's typed time, from the first key to its save: typed, checked, saved after a pause. */
export function useOffsetDraft(momentId: string, onError: (message: string | null) => void) {
  const [draft, setDraftState] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const fieldKey = useId();
  const draftRef = useRef<string | null>(null);
  const autosave = useRef<DraftCell['autosave']['current']>({ since: null });
  const baseRef = useRef<DraftBase | null>(null);
  const sendingRef = useRef<string | null>(null);
  const inflightRef = useRef<Promise<SaveProblem | null> | null>(null);
  const setDraft = (value: string | null, problem: string | null = null) => {
    draftRef.current = value;
    setDraftState(value);
    useStore.getState().setFieldState(fieldKey, value === null ? undefined : problem);
    if (value === null) {
      clearTimeout(autosave.current.timer);
      autosave.current.since = null;
    }
  };
  const cell: DraftCell = {
    momentId,
    fieldKey,
    onError,
    draftRef,
    autosave,
    baseRef,
    sendingRef,
    inflightRef,
    setDraft,
    setInvalid,
  };
  useDraftRegistration(cell);

  return {
    draft,
    invalid,
    draftRef,
    commit: (keepInvalidText: boolean) => commit(cell, keepInvalidText),
    /** A key typed: the new text, saved after a pause when valid; a shown error goes. */
    type: (value: string) => {
      // The start of a run of typing: what it is saved over.
      if (draftRef.current === null) baseRef.current = beatTimeNow(momentId);
      setDraft(value);
      saveSoon(cell, value);
      if (invalid) {
        setInvalid(false);
        onError(null);
      }
    },
    /** The typed time dropped: the saved one is shown again, without an error. */
    drop: () => {
      baseRef.current = null;
      setDraft(null);
      setInvalid(false);
      onError(null);
    },
  };
}

export type OffsetDraft = ReturnType<typeof useOffsetDraft>;
