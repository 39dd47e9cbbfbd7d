import { createEvent } from '../electron/core/events';
import { appendMoments } from '../electron/core/moments';
import { createStory } from '../electron/core/stories';
import type { DatabaseHandle } from '../electron/core/db/open';

export interface GeneratedStory {
  storyId: string;
  /** Small events (~20 beats each), their ids. */
  smallEvents: string[];
  /** The one long event (10,000 beats), when the size has room for it. */
  bigEvent: string | null;
  beats: number;
}

export const english = (i: number) =>
  `Beat ${i}: the courier reaches the gate at dusk, and the guard recognises the ring.`;

/** The same beat in French: every beat holds letters beyond A-Z (search's slower path). */
export const french = (i: number) =>
  `Temps ${i} : le coursier atteint la porte au crépuscule, et le garde reconnaît l'anneau.`;

/** The same beat in Russian: every letter has a case beyond A-Z, the prefilter finds nothing. */
export const russian = (i: number) =>
  `Такт ${i}: курьер достигает ворот в сумерках, и стражник узнаёт кольцо.`;

/** The same beat in Greek: every letter has a case beyond A-Z, accents and a final ς. */
export const greek = (i: number) =>
  `Στιγμή ${i}: ο αγγελιοφόρος φτάνει στην πύλη το σούρουπο, και ο φρουρός αναγνωρίζει το δαχτυλίδι.`;

/** The same beat in German: a ß in every beat (search reads it as ss). */
export const german = (i: number) =>
  `Takt ${i}: der Bote erreicht das große Tor bei Dämmerung, und die Wache erkennt den Ring.`;

/**
 * A story of `beats` beats: one event of 10,000 beats when the size allows, the rest in
 * events of 20; written in one transaction with the bulk append. Beat `i` says `sentence(i)`.
 */
export function generateStory(
  db: DatabaseHandle,
  beats: number,
  title: string,
  sentence: (i: number) => string = english,
): GeneratedStory {
  return db.transaction(() => {
    const story = createStory(db, { title });
    const bigSize = beats >= 10_000 ? 10_000 : 0;
    const smallCount = Math.max(2, Math.round((beats - bigSize) / 20));
    const smallEvents: string[] = [];
    let n = 0;
    let bigEvent: string | null = null;
    for (let e = 0; e < smallCount; e++) {
      if (bigSize && e === Math.floor(smallCount / 2)) {
        bigEvent = createEvent(db, { storyId: story.id, title: 'The long night' }).id;
        appendMoments(
          db,
          bigEvent,
          Array.from({ length: bigSize }, () => ({ description: sentence(n++) })),
        );
      }
      const event = createEvent(db, {
        storyId: story.id,
        title: `Scene ${e + 1}`,
        description: 'Where the plan goes wrong.',
      });
      smallEvents.push(event.id);
      appendMoments(
        db,
        event.id,
        Array.from({ length: 20 }, (_, i) => ({
          description: sentence(n++),
          timestampOffset: i % 3 === 0 ? i * 15 : null,
        })),
      );
    }
    return { storyId: story.id, smallEvents, bigEvent, beats: n };
  })();
}
