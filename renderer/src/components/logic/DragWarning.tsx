import { useLayoutEffect } from 'react';
import type { StoryProblem } from '../../../../electron/core/contract/types';
import { problemsCreatedBy, type PendingMove } from '../../lib/logicPreview';
import { useStore } from '../../store';
import type { Store } from '../../store/types';

/** The move a drag would make on drop, in the logic layer's terms. */
function pendingMove(s: Store): PendingMove | null {
  const d = s.drag;
  if (!d) return null;
  if (d.kind === 'moment') {
    return { kind: 'moment', id: d.id, eventId: d.target.eventId, index: d.target.index };
  }
  return { kind: 'event', id: d.id, index: d.target.index };
}

let memo: { key: unknown[]; problems: StoryProblem[] } | null = null;

/** The problems the current drag's drop would create (none: an empty list). */
export function dragProblems(s: Store): StoryProblem[] {
  const move = pendingMove(s);
  if (!move || !s.timeline || !s.logic || s.logic.links.length === 0) return [];
  const key = [s.timeline, s.logic, move.kind, move.id, JSON.stringify(move)];
  if (memo && memo.key.every((k, i) => k === key[i])) return memo.problems;
  const problems = problemsCreatedBy(s.timeline, s.logic, move);
  memo = { key, problems };
  return problems;
}

/** The short text a drop that breaks links says: "Breaks a link: …", or ''. */
export function warningText(problems: readonly StoryProblem[]): string {
  if (problems.length === 0) return '';
  const head = problems.length === 1 ? 'Breaks a link' : `Breaks ${problems.length} links`;
  return `${head}: ${problems[0]!.message}`;
}

/** For the keyboard drag's announcements: " Dropping here breaks a link: …", or ''. */
export function dragLogicNote(): string {
  const text = warningText(dragProblems(useStore.getState()));
  return text ? ` Warning: ${text}` : '';
}

/**
 * While a beat or an event is dragged, a drop that would break a link says so before the
 * drop: the drop indicator (or the lifted card) turns red and this note says which link.
 */
export function DragWarning() {
  const text = useStore((s) => warningText(dragProblems(s)));
  const errors = useStore((s) => dragProblems(s).some((p) => p.severity === 'error'));
  useLayoutEffect(() => {
    const body = document.body;
    if (text) body.dataset.dragBreaks = errors ? 'error' : 'warning';
    else delete body.dataset.dragBreaks;
  }, [text, errors]);
  useLayoutEffect(() => () => void delete document.body.dataset.dragBreaks, []);
  if (!text) return null;
  return (
    <div className={`drag-warning is-${errors ? 'error' : 'warning'}`} data-drag-warning>
      {text}
    </div>
  );
}
