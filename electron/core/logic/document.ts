import type { DatabaseHandle } from '../db/open';
import { listChronology, setChronology } from '../chronology';
import type { StoryLogicDocument } from '../formats/json-logic';
import type { StoryDocument } from '../formats/model';
import { insertCheckedLinks, listLinks } from '../links';
import { cachedStatements } from '../statements';

const statements = cachedStatements((db) => ({
  setTime: db.prepare('UPDATE events SET time_label = ?, time_mode = ? WHERE event_uuid = ?'),
}));

/**
 * A story's story time and links as a story document carries them (beats by their place),
 * for export. `doc` is the story's document with its ids, read in the same transaction.
 */
export function loadLogicDocument(
  db: DatabaseHandle,
  storyId: string,
  doc: StoryDocument,
): StoryLogicDocument {
  const reading = new Map(doc.events.map((e, i) => [e.id!, i]));
  const times = new Array<StoryLogicDocument['times'][number]>(doc.events.length);
  listChronology(db, storyId).forEach((t, order) => {
    times[reading.get(t.eventId)!] = { order, label: t.label, mode: t.mode };
  });
  const place = new Map<string, [number, number]>();
  doc.events.forEach((event, e) => event.moments.forEach((m, i) => place.set(m.id!, [e, i])));
  const links = listLinks(db, storyId).map((link) => ({
    from: place.get(link.fromMomentId)!,
    to: place.get(link.toMomentId)!,
    kind: link.kind,
    strength: link.strength,
    note: link.note,
    intentional: link.intentional,
  }));
  return { times, links };
}

/**
 * Writes an imported document's story time and links onto the story just made from it:
 * `eventIds` and `momentIds` are the new rows, in the document's order. The document was
 * checked whole (json-logic.ts): no loop in story time (a loop of setups is kept), no
 * duplicate, every beat there.
 */
export function applyLogicDocument(
  db: DatabaseHandle,
  storyId: string,
  logic: StoryLogicDocument,
  eventIds: readonly string[],
  momentIds: readonly (readonly string[])[],
): void {
  const byOrder = new Array<string>(eventIds.length);
  logic.times.forEach((t, i) => {
    byOrder[t.order] = eventIds[i]!;
    if (t.label !== '' || t.mode !== 'linear') {
      statements(db).setTime.run(t.label, t.mode, eventIds[i]!);
    }
  });
  setChronology(db, storyId, byOrder);
  const beat = ([e, m]: [number, number]) => momentIds[e]![m]!;
  insertCheckedLinks(
    db,
    storyId,
    logic.links.map((l) => ({ ...l, fromMomentId: beat(l.from), toMomentId: beat(l.to) })),
  );
}
