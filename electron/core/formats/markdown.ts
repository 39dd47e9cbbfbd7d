import type { MomentDocument, StoryDocument } from './model';
import { formatOffset, parseOffset } from './offsets';
import { linkLinesOf, type LinkLine } from './link-phrase';
import { escapeBeatStart, escapeHeading, escapeLine } from './markdown-inline';
import { markdownLinkLines } from './markdown-links';
import { dropTrailingEmpty, splitLines, trimBlankLines } from './markdown-lines';
import { escapeStoryTimeLike, storyTimeLines } from './markdown-time';

export { parseStoryMarkdown, type MarkdownParseOptions } from './markdown-read';

/**
 * The Markdown outline: `# Story`, `## Event` with its story time (markdown-time.ts) and its
 * description below, then the beats as a
 * numbered list, `1. [0:30] Beat text` (the time only for beats that have one). Continuation
 * lines of a beat are indented under its text, and so are the links it leaves, one nested item
 * each (markdown-links.ts). Rules in docs/story-file-format.md. This file writes the outline;
 * markdown-read.ts reads it.
 *
 * Escapes, so that writer text reads back exactly and shows as typed in a Markdown viewer:
 * `*`, `_` and `` ` `` get a backslash everywhere (`\*Aurora\*`), and so does a backslash
 * before ASCII punctuation (`\\`); a line that would read as structure gets one more:
 * `\#`, `\-`, `\+` at the start, `2\.` / `2\)` after leading digits, `\[` at the start of a
 * beat's text. Reading undoes every backslash escape of ASCII punctuation (CommonMark's rule)
 * and drops emphasis markers a writer typed by hand (`*x*`, `_x_`, `**x**`): Beatline's text
 * is plain, so `*Aurora*` in a hand-written outline comes in as `Aurora`.
 */

function beatLines(moment: MomentDocument, number: number, links: readonly LinkLine[]): string[] {
  const marker = `${number}.`;
  const indent = ' '.repeat(marker.length + 1);
  const [first = '', ...rest] = dropTrailingEmpty(splitLines(moment.description));
  let head = marker;
  if (moment.timestampOffset !== null) head += ` [${formatOffset(moment.timestampOffset)}]`;
  if (first !== '') head += ` ${escapeBeatStart(first)}`;
  return [
    head,
    ...rest.map((line) => (line === '' ? '' : indent + escapeLine(line, false))),
    ...markdownLinkLines(links, indent),
  ];
}

/** Writes a story as a Markdown outline (UTF-8 text, `\n` line ends, one final newline). */
export function serializeStoryMarkdown(doc: StoryDocument): string {
  const out = [`# ${escapeHeading(doc.title)}`];
  const linksOf = linkLinesOf(doc);
  const times = storyTimeLines(doc.logic?.times);
  for (const [e, event] of doc.events.entries()) {
    out.push('', event.title ? `## ${escapeHeading(event.title)}` : '##');
    if (times) out.push('', times[e]!);
    const description = trimBlankLines(splitLines(event.description)).map((l) =>
      escapeLine(l, false),
    );
    if (description.length > 0) {
      description[0] = escapeStoryTimeLike(description[0]!);
      out.push('', ...description);
    }
    if (event.moments.length > 0) out.push('');
    event.moments.forEach((moment, i) => out.push(...beatLines(moment, i + 1, linksOf(e, i))));
  }
  return out.join('\n') + '\n';
}

/**
 * What a Markdown round trip keeps of a story's content: everything, except line breaks and
 * blank lines around an event description, line breaks at the end of a beat, `\r` line ends
 * (they become `\n`), and offsets finer than a millisecond (rounded).
 */
export function markdownContent(doc: StoryDocument): StoryDocument {
  return {
    title: doc.title,
    events: doc.events.map((event) => ({
      title: event.title,
      description: trimBlankLines(splitLines(event.description)).join('\n'),
      moments: event.moments.map((moment) => ({
        description: dropTrailingEmpty(splitLines(moment.description)).join('\n'),
        timestampOffset:
          moment.timestampOffset === null
            ? null
            : parseOffset(formatOffset(moment.timestampOffset)),
      })),
    })),
  };
}
