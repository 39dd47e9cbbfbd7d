import { api } from '../api/bridge';
import type { Slot } from '../store/timelineModel';

/**
 * The id of what follows place `index` of a list as the screen shows it: null at the end,
 * undefined when that beat is not loaded here (read it with `loadedId`).
 */
export function idAfter(ids: readonly Slot[] | undefined, index: number): Slot | undefined {
  if (!ids || index + 1 >= ids.length) return null;
  return ids[index + 1] ?? undefined;
}

/** The id of the beat the library holds at `offset` of an event (null: past its end). */
export async function loadedId(eventId: string, offset: number): Promise<string | null> {
  const range = await api().moments.range({ eventId, offset, limit: 1 });
  return range.ok ? (range.value.moments[0]?.id ?? null) : null;
}
