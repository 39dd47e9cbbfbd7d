import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { AUTOSAVE_MAX_MS, AUTOSAVE_MS } from '../../hooks/useAutosaveText';
import { parseOffset } from '../../lib/offset';
import { useStore } from '../../store';
import { draftToKeep } from '../../store/draftPlace';
import { draftKey, keepDraft } from '../../store/keptDrafts';
import type { DraftBase, SaveProblem } from '../../store/saveText';
import { leaveTimeField } from './leaveTimeField';
import { beatTimeNow, sendTyped, timeTarget, typedOver, type DraftCell } from './timeDraft';

/** Why a typed time was not saved, as the field says it. */
function problemText(problem: SaveProblem): string {
  return problem.code === 'conflict'
    ? 'Not saved: this time was changed in another window while you typed. Enter keeps yours.'
    : `Not saved: ${problem.message}`;
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
      leaveTimeField(cellRef.current);
    };
  }, [momentId, fieldKey, autosave]);
}

/** Takes over a time typed in the field that showed this beat before (`leaveTimeField`). */
function adoptHandedTime(cell: DraftCell): void {
  const draft = useStore.getState().takeHandedDraft(draftKey(timeTarget(cell.momentId)));
  if (!draft) return;
  // The field that left stops settling it: its save's answer, or its watch for the beat.
  draft.adopted();
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
