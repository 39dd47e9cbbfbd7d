import type { LinkKind, LinkStrength } from '../contract/types';
import { kindWords, quoteBeat } from '../logic/words';
import type { StoryDocument } from './model';

/**
 * How the outlines (Markdown, Fountain, DOCX) write a story's links: each under the beat it
 * leaves, as a line a reader understands:
 * `→ causes (hard): 'She breaks in' (Night watch, beat 1), intentional`.
 * The event is named by its title when that title is unique in the story and does not read as
 * a number (`event 3`), else by its number, so the Markdown import can find it again.
 */

/** One link as the outlines phrase it, seen from the beat it leaves. */
export interface LinkLine {
  kind: LinkKind;
  strength: LinkStrength;
  intentional: boolean;
  note: string;
  /** The other beat: its text as a short quote, its event's name and its 1-based number. */
  quote: string;
  event: string;
  beat: number;
}

/** `event 3`: how an event is named by number (and how a name is read as one). */
export const EVENT_NUMBER = /^event (\d{1,9})$/;

/** What the outlines call an event in a link line: its title, or `event N`. */
function eventNames(doc: StoryDocument): string[] {
  const count = new Map<string, number>();
  for (const e of doc.events) count.set(e.title, (count.get(e.title) ?? 0) + 1);
  return doc.events.map((e, i) =>
    e.title !== '' &&
    e.title === e.title.trim() &&
    count.get(e.title) === 1 &&
    !EVENT_NUMBER.test(e.title)
      ? e.title
      : `event ${i + 1}`,
  );
}

const NONE: readonly LinkLine[] = [];

/**
 * The document's links grouped under the beat each leaves: a function of the beat's place
 * (0-based event and beat) that gives its links, quickly none for a story without links.
 */
export function linkLinesOf(
  doc: StoryDocument,
): (event: number, beat: number) => readonly LinkLine[] {
  const links = doc.logic?.links ?? [];
  if (links.length === 0) return () => NONE;
  const byBeat = new Map<string, LinkLine[]>();
  const names = eventNames(doc);
  for (const link of links) {
    const [e, m] = link.to;
    const key = link.from.join(',');
    const line: LinkLine = {
      kind: link.kind,
      strength: link.strength,
      intentional: link.intentional,
      note: link.note,
      // A lone \r is a line break too: the quote must stay on its line.
      quote: quoteBeat(doc.events[e]!.moments[m]!.description.replace(/\r\n?/g, '\n')),
      event: names[e]!,
      beat: m + 1,
    };
    const list = byBeat.get(key);
    if (list) list.push(line);
    else byBeat.set(key, [line]);
  }
  return (e, m) => byBeat.get(`${e},${m}`) ?? NONE;
}

/**
 * One link as a line, without its note: `→ causes (hard): 'She breaks in' (Night watch,
 * beat 1)`, then `, intentional` when it is marked so. `escape` is applied to the quote and the
 * event's name (Markdown escapes them so that its import can read them back).
 */
export function phraseLink(line: LinkLine, escape: (text: string) => string = (t) => t): string {
  const where = `(${escape(line.event)}, beat ${line.beat})`;
  const mark = line.intentional ? ', intentional' : '';
  return `→ ${kindWords(line.kind)} (${line.strength}): ${escape(line.quote)} ${where}${mark}`;
}
