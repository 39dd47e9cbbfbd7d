import { useLayoutEffect, useMemo } from 'react';
import { dropProblems, warningText } from '../../drag/logicNote';
import { useStore } from '../../store';

/**
 * While a beat or an event is dragged, a drop that would break a link says so before the
 * drop: the drop indicator (or the lifted card) turns red and this note says which link.
 */
export function DragWarning() {
  const drag = useStore((s) => s.drag);
  const timeline = useStore((s) => (s.drag ? s.timeline : null));
  const logic = useStore((s) => (s.drag ? s.logic : null));
  const problems = useMemo(() => dropProblems(timeline, logic, drag), [timeline, logic, drag]);
  const text = warningText(problems);
  const errors = problems.some((p) => p.severity === 'error');
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
