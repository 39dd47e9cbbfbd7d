import { BatchInserter } from './batch-insert';
import type { DatabaseHandle } from './db/open';
import { nowIso } from './clock';
import { newId } from './ids';
import { EVENT_INSERT_COLUMNS } from './events';
import { MOMENT_INSERT_COLUMNS } from './moments';
import { EVENT_ORDER, GAP, keyAfterLast } from './ordering';
import { getStory } from './stories';
import { placeAppendedEvents } from './chronology';

export interface EventContent {
  title: string;
  description?: string;
  moments: ReadonlyArray<{ description: string; timestampOffset?: number | null }>;
}

/** How often (in rows) an import's progress is reported. */
const PROGRESS_ROWS = 2048;

/**
 * Appends events with their beats to the end of a story in one pass (imports): one read of
 * the story's last event key, and since every new event starts empty its beats are laid out
 * at GAP spacing without reading anything back. Rows go in 64 to a statement, across events,
 * so a story of many short scenes costs as few calls into SQLite as one long scene. Events
 * and beats get fresh ids (ids the input carries are ignored). Call inside a transaction.
 * `onProgress` hears the rows written so far every few thousand rows.
 */
export function appendStoryContent(
  db: DatabaseHandle,
  storyId: string,
  events: readonly EventContent[],
  onProgress?: (rowsDone: number, rowsTotal: number) => void,
): { eventIds: string[]; momentIds: string[][] } {
  getStory(db, storyId);
  let eventKey = keyAfterLast(db, EVENT_ORDER, storyId);
  const now = nowIso();
  // Every event row goes in before any beat row: a beat's foreign key needs its event.
  const eventIds = events.map(() => newId());
  const eventRows = new BatchInserter(db, 'events', EVENT_INSERT_COLUMNS);
  events.forEach((event, i) => {
    const title = event.title.trim();
    eventRows.add(eventIds[i], storyId, title, event.description ?? '', eventKey, now, now);
    eventKey += GAP;
  });
  eventRows.finish();
  placeAppendedEvents(db, storyId, eventIds); // story time (logic layer): in reading order
  const momentRows = new BatchInserter(db, 'event_moments', MOMENT_INSERT_COLUMNS);
  const total = events.reduce((n, event) => n + event.moments.length, events.length);
  let done = events.length;
  onProgress?.(done, total);
  const momentIds = events.map((event, i) => {
    const eventId = eventIds[i]!;
    const ids: string[] = [];
    let key = 0; // a new event's list is empty: its first beat takes key 0, as keyBefore would at the end
    for (const beat of event.moments) {
      const id = newId();
      ids.push(id);
      momentRows.add(id, eventId, key, beat.description, beat.timestampOffset ?? null, now, now);
      key += GAP;
      if (++done % PROGRESS_ROWS === 0) onProgress?.(done, total);
    }
    return ids;
  });
  momentRows.finish();
  onProgress?.(total, total);
  return { eventIds, momentIds };
}
