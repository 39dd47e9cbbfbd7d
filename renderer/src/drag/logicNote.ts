import type { StoryProblem } from '../../../electron/core/contract/types';
import { problemsCreatedBy, type LogicSnapshot, type PendingMove } from '../lib/logicPreview';
import type { TimelineModel } from '../store/timelineModel';
import type { DragState } from '../store/types';

/** The move a drag would make on drop, in the logic layer's terms. */
export function pendingMove(drag: DragState | null): PendingMove | null {
  if (!drag) return null;
  if (drag.kind === 'moment') {
    return { kind: 'moment', id: drag.id, eventId: drag.target.eventId, index: drag.target.index };
  }
  return { kind: 'event', id: drag.id, index: drag.target.index };
}

/** The problems a drag's drop would create (none: an empty list). */
export function dropProblems(
  timeline: TimelineModel | null,
  logic: LogicSnapshot | null,
  drag: DragState | null,
): StoryProblem[] {
  const move = pendingMove(drag);
  if (!move || !timeline || !logic || logic.links.length === 0) return [];
  return problemsCreatedBy(timeline, logic, move);
}

/** The short text a drop that breaks links says: "Breaks a link: …", or ''. */
export function warningText(problems: readonly StoryProblem[]): string {
  if (problems.length === 0) return '';
  const head = problems.length === 1 ? 'Breaks a link' : `Breaks ${problems.length} links`;
  return `${head}: ${problems[0]!.message}`;
}

/** For the keyboard drag's announcements: " Warning: Breaks a link: …", or ''. */
export function logicNote(
  timeline: TimelineModel,
  logic: LogicSnapshot | null,
  drag: DragState,
): string {
  const text = warningText(dropProblems(timeline, logic, drag));
  return text ? ` Warning: ${text}` : '';
}
