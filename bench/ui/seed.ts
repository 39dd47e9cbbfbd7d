import { createEvent } from '../../electron/core/events';
import { openLibrary } from '../../electron/core/library';
import { appendMoments } from '../../electron/core/moments';
import { createStory } from '../../electron/core/stories';

export const STORY_TITLE = 'Bench timeline';

const sentence = (e: number, b: number) =>
  b % 4 === 3
    ? `Scene ${e}, beat ${b}: the courier reaches the gate at dusk, the guard recognises the ring, and the plan comes apart in the rain.`
    : `Scene ${e}, beat ${b}: the courier reaches the gate.`;

/** A library file holding one story of `events` x `beats`, written in one transaction. */
export async function seedLibrary(dbPath: string, events: number, beats: number): Promise<void> {
  const library = await openLibrary(dbPath);
  try {
    library.db.transaction(() => {
      const story = createStory(library.db, { title: STORY_TITLE });
      for (let e = 1; e <= events; e++) {
        const event = createEvent(library.db, {
          storyId: story.id,
          title: `Scene ${e}`,
          description: e % 5 === 0 ? 'Where the plan goes wrong.' : '',
        });
        appendMoments(
          library.db,
          event.id,
          Array.from({ length: beats }, (_, b) => ({
            description: sentence(e, b + 1),
            timestampOffset: b % 3 === 0 ? b * 15 : null,
          })),
        );
      }
    })();
  } finally {
    library.close();
  }
}
