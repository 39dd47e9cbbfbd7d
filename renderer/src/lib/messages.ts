/**
 * Messages as writers read them: the library's refusals name records by id ("No beat with id
 * 0190…."), which means nothing on screen. Ids are replaced by words; the rest is kept.
 */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const NO_RECORD_WITH_ID = /No (story|event|beat|link|backup) with id \S+?\.(?=\s|$)/g;

/** The message without raw ids: "No beat with id X." becomes "This beat no longer exists…". */
export function withoutIds(message: string): string {
  return message
    .replace(
      NO_RECORD_WITH_ID,
      (_all, what: string) => `This ${what} no longer exists; it may have been deleted elsewhere.`,
    )
    .replace(UUID, 'this item')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
