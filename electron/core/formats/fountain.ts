import { UNTITLED_EVENT, type StoryDocument } from './model';
import { linkLinesOf, phraseLink } from './link-phrase';
import { formatOffset } from './offsets';

/**
 * The Fountain outline (https://fountain.io/syntax), for screenwriting apps: a title page
 * (`Title:`), each event a `#` section, its description a `[[note]]` under the heading, each
 * beat an `= synopsis` with its time as a note (`= [[0:30]] The boat lands`). Sections, notes
 * and synopses do not print, so the file opens as an outline ready to write into. Export only.
 *
 * Fountain has no escape for notes (`[[ ]]`) or boneyard (`/* *\/`), so those pairs in the
 * writer's text get a space between their characters, which the import takes out again
 * (restorePairs): `[[Mara]]` is written `[ [Mara] ]` and reads back `[[Mara]]`, so a text at
 * its length limit still fits when it comes back. A synopsis is one line: a beat's line
 * breaks become spaces. Each link a beat leaves is a note after it, on one line:
 * `[[→ causes (hard): 'She breaks in' (Night watch, beat 1) — her note]]` (link-phrase.ts).
 */

const PAIRS = /\[\[|\]\]|\/\*|\*\//g;

/**
 * Breaks up the character pairs that would open or close a note or boneyard, until none is
 * left (`[[[` becomes `[ [ [`, not `[ [[`).
 */
export function neutralize(text: string): string {
  let out = text;
  while (out.search(PAIRS) >= 0) out = out.replace(PAIRS, (pair) => `${pair[0]} ${pair[1]}`);
  return out;
}

/** A space between two characters that make a pair: the one neutralize put there. */
const BROKEN_PAIR = /([[\]/*]) (?=([[\]/*]))/g;

/**
 * neutralize undone, as the import reads text: the one space between the two characters of
 * `[ [`, `] ]`, `/ *` and `* /` is taken out. The text that comes back is never longer than
 * the one written out (a writer's own `[ [` comes back as `[[`, which exports the same).
 */
export function restorePairs(text: string): string {
  if (!text.includes(' ')) return text;
  return text.replace(BROKEN_PAIR, (match: string, a: string, b: string) =>
    PAIR_SET.has(a + b) ? a : match,
  );
}
const PAIR_SET = new Set(['[[', ']]', '/*', '*/']);

/** One line of text: lines joined by spaces, runs of whitespace collapsed, ends trimmed. */
function oneLine(text: string): string {
  return neutralize(text.replace(/\s+/g, ' ').trim());
}

/** A note body: blank lines inside a note are written as two spaces, as the spec asks. */
function noteBody(text: string): string {
  return neutralize(text.trim())
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === '' ? '  ' : line.trimEnd()))
    .join('\n');
}

/** Writes a story as a Fountain outline (UTF-8 text, `\n` line ends). */
export function serializeStoryFountain(doc: StoryDocument): string {
  // Blank lines between elements: line-based parsers read each block as one element.
  const blocks = [`Title: ${oneLine(doc.title)}`];
  const linksOf = linkLinesOf(doc);
  for (const [e, event] of doc.events.entries()) {
    blocks.push(`# ${oneLine(event.title) || UNTITLED_EVENT}`);
    if (event.description.trim() !== '') blocks.push(`[[${noteBody(event.description)}]]`);
    for (const [m, moment] of event.moments.entries()) {
      const time =
        moment.timestampOffset === null ? '' : `[[${formatOffset(moment.timestampOffset)}]]`;
      blocks.push(['=', time, oneLine(moment.description)].filter(Boolean).join(' '));
      for (const link of linksOf(e, m)) {
        const note = oneLine(link.note);
        blocks.push(`[[${oneLine(phraseLink(link))}${note === '' ? '' : ` — ${note}`}]]`);
      }
    }
  }
  return blocks.join('\n\n') + '\n';
}
