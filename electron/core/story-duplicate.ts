import { LIMITS } from './contract/schemas';
import type { StorySummary } from './contract/types';
import type { DatabaseHandle } from './db/open';
import { DomainError } from './errors';
import { loadStoryDocument } from './formats/load-document';
import { applyLogicDocument } from './logic/document';
import { countMoments } from './formats/model';
import { cachedStatements } from './statements';
import { createStory, getStory, storyTitles } from './stories';
import { writeNewStory } from './history/capture';
import { appendStoryContent } from './story-content';

/**
 * `stories:duplicate`: a story copied the way an export and an import would copy it (the same
 * in-memory document), as a new story with new ids and times, titled "X (copy)".
 */

const statements = cachedStatements((db) => ({
  exists: db.prepare('SELECT 1 FROM stories WHERE story_uuid = ?').pluck(),
}));

/** ` (copy)` or ` (copy 3)` at the end of a title. */
const COPY_SUFFIX = / \(copy(?: \d+)?\)$/;

/**
 * The first free title of "X (copy)", "X (copy 2)", "X (copy 3)", ...: a copy of a copy is
 * numbered rather than "X (copy) (copy)", and a long title is cut to leave room for the suffix.
 * `taken` holds titles in NFC (`storyTitles`): a title in another Unicode form is taken too.
 */
export function copyTitle(title: string, taken: ReadonlySet<string>): string {
  const base = title.replace(COPY_SUFFIX, '') || title;
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? ' (copy)' : ` (copy ${n})`;
    let head = '';
    for (const char of base) {
      if (head.length + char.length + suffix.length > LIMITS.title) break;
      head += char;
    }
    const candidate = head.trimEnd() + suffix;
    if (!taken.has(candidate.normalize('NFC'))) return candidate;
  }
}

/**
 * Copies a story (events, beats, descriptions and times, in order, with its story time and links) as a new story in one
 * transaction. `newStoryId` is the caller's id for the copy (refused when it is taken);
 * `title` replaces the "X (copy)" title.
 */
export function duplicateStory(
  db: DatabaseHandle,
  input: { storyId: string; newStoryId?: string; title?: string },
): StorySummary {
  return db
    .transaction(() => {
      const doc = loadStoryDocument(db, input.storyId);
      if (input.newStoryId !== undefined && statements(db).exists.get(input.newStoryId)) {
        throw new DomainError('conflict', `A story with id ${input.newStoryId} already exists.`);
      }
      const title = input.title ?? copyTitle(doc.title, storyTitles(db));
      const story = createStory(db, { title, id: input.newStoryId });
      writeNewStory(db, story.id, () => {
        const ids = appendStoryContent(db, story.id, doc.events);
        // Story time and links (logic layer), as a version 2 story file carries them.
        if (doc.logic) applyLogicDocument(db, story.id, doc.logic, ids.eventIds, ids.momentIds);
      });
      return {
        ...getStory(db, story.id),
        eventCount: doc.events.length,
        beatCount: countMoments(doc),
      };
    })
    .immediate();
}
