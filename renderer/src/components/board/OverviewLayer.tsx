import type { KeyboardEvent } from 'react';
import { useStore } from '../../store';
import { columnLeft, columnWidth } from '../../virtual/layout';
import { goToEvent } from './navigate';
import { scrollToColumn } from './reveal';
import { eventName } from '../../../../electron/core/names';

/** Focuses the overview button of column `index` once it is drawn (it may be off screen). */
function focusColumn(index: number): void {
  scrollToColumn(index);
  const find = () => document.querySelector<HTMLElement>(`[data-overview-go="${index}"]`);
  const el = find();
  if (el) el.focus();
  else requestAnimationFrame(() => find()?.focus());
}

/**
 * The overview's way in: one button over each column drawn (the columns themselves are inert
 * while zoomed out). Click or Enter goes to that event at normal zoom; the arrow keys, Home and
 * End move between columns.
 */
export function OverviewLayer({ ids, shown }: { ids: readonly string[]; shown: number[] }) {
  const events = useStore((s) => s.timeline?.events);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const to =
      e.key === 'ArrowRight'
        ? index + 1
        : e.key === 'ArrowLeft'
          ? index - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? ids.length - 1
              : null;
    if (to === null || to < 0 || to >= ids.length) return;
    e.preventDefault();
    focusColumn(to);
  };
  return (
    <div className="overview-layer" role="list" aria-label="Events, zoomed out">
      {shown.map((i) => {
        const id = ids[i]!;
        const title = eventName(events?.[id]?.title ?? '');
        return (
          <div key={id} role="listitem">
            <button
              type="button"
              className="overview-go"
              data-overview-go={i}
              style={{ left: columnLeft(i), width: columnWidth() }}
              title={title}
              aria-label={`Go to event ${i + 1}: ${title}`}
              onClick={() => goToEvent(id)}
              onKeyDown={(e) => onKeyDown(e, i)}
            />
          </div>
        );
      })}
    </div>
  );
}
