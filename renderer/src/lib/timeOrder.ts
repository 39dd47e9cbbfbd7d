import type { TimelineModel } from '../store/timelineModel';
import { formatOffset } from './offset';

/**
 * Why a beat's time runs backwards inside its event, or null: its offset is earlier than the
 * nearest beat above it that has one ("Earlier than beat 2 (0:30)"). Beats not loaded yet are
 * skipped; beats without a time are never marked.
 */
export function backwardsTimeReason(
  model: TimelineModel | null,
  eventId: string,
  momentId: string,
): string | null {
  const offset = model?.moments[momentId]?.timestampOffset;
  if (!model || offset === null || offset === undefined) return null;
  const ids = model.momentIds[eventId] ?? [];
  for (let i = ids.indexOf(momentId) - 1; i >= 0; i--) {
    const id = ids[i];
    const before = id ? model.moments[id]?.timestampOffset : null;
    if (before === null || before === undefined) continue;
    if (offset >= before) return null;
    return `Earlier than beat ${i + 1} (${formatOffset(before)})`;
  }
  return null;
}
