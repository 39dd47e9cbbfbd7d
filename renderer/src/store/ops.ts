/**
 * What the writer can do to the data, as the store applies it at once and sends it. Undo and
 * redo are the library's (history channels): nothing here computes an inverse. Ids are the
 * ones the records have everywhere; new records get theirs here (`newId`).
 */

export interface Place {
  eventId: string;
  index: number;
}

export type Op =
  | {
      t: 'moment.create';
      storyId: string;
      eventId: string;
      index: number;
      moment: { id: string; description: string; timestampOffset: number | null };
    }
  | { t: 'moment.delete'; storyId: string; momentId: string }
  | { t: 'moment.offset'; storyId: string; momentId: string; seconds: number | null }
  | { t: 'moment.move'; storyId: string; momentId: string; to: Place }
  | { t: 'event.create'; storyId: string; index: number; event: { id: string } }
  | { t: 'event.delete'; storyId: string; eventId: string }
  | { t: 'event.move'; storyId: string; eventId: string; to: number }
  | { t: 'story.create'; story: { id: string; title: string } }
  | { t: 'story.delete'; storyId: string }
  | { t: 'story.rename'; storyId: string; title: string };
