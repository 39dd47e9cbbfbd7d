/**
 * How Beatline names an event without a title, wherever a writer reads it: the board's column,
 * the drag overlay and announcements, the Chronology, the Story check's sentences, the outlines'
 * headings. One function, so the check never says "event 4" for what the board calls
 * "Untitled event" (h71).
 */
export const UNTITLED_EVENT = 'Untitled event';

/** An event's name as the board shows it: its title, trimmed, or "Untitled event". */
export function eventName(title: string): string {
  return title.trim() || UNTITLED_EVENT;
}

/**
 * How Beatline names a beat without text, wherever a writer reads it: the board's card and drag
 * ghost, the Story check's sentences, refusals, the link picker, the outlines' link lines (h73:
 * the check said "(a beat without text)" for what the board calls "Empty beat").
 */
export const EMPTY_BEAT = 'Empty beat';
