import { STORY_FILE_LIMITS, formatCount } from '../contract/story-file-limits';
import { StoryFileError, type MomentDocument, type StoryDocument } from './model';
import { parseOffset } from './offsets';
import { LIMITS } from '../contract/schemas';
import { fieldProblem, fieldSchemas, storyTitleSchema } from './validate';
import { readInline } from './markdown-inline';
import {
  addNoteLine,
  LINK_START,
  readLinkLine,
  resolveMarkdownLinks,
  type DraftLink,
} from './markdown-links';
import { isWhitespace, trimBlankLines } from './markdown-lines';

/** Reading a Markdown outline (the format and its escapes are described in markdown.ts). */

// `s`: a line may hold U+2028 or U+2029, which `.` alone does not match.
const HEADING = /^(#{1,6})(?:[ \t]+(.*))?$/s;
const MARKER = /^(?:(\d{1,9})[.)]|[-*+])(?:[ \t](.*))?$/s;
const TIME = /^\[(\d[\d.]*:[\d:.]*)\][ \t]?(.*)$/s;

interface DraftMoment {
  line: number;
  /** Width of `12. `: continuation lines are indented by this much. */
  width: number;
  lines: string[];
  /** Blank lines seen since the last text line; they belong to the beat only if text follows. */
  blanks: number;
  /** Characters of the beat's text so far (its lines joined). */
  chars: number;
  offset: number | null;
  /** The links it leaves, read from its nested `- → ` items. */
  links: DraftLink[];
}

interface DraftEvent {
  title: string;
  /**
   * The lines under the heading until the first beat (unescaped), from the first text line
   * on; null once read. Blank lines that would take it past the limit are not kept.
   */
  descriptionLines: string[] | null;
  descriptionLine: number;
  /** Blank lines before the description's first text line (not kept). */
  descriptionLeading: number;
  /** Characters of the description as it will be kept (blank lines at either end dropped). */
  descriptionChars: number;
  /** Characters of the blank lines since the last text line (kept only if text follows). */
  descriptionBlankChars: number;
  description: string;
  moments: MomentDocument[];
}

export interface MarkdownParseOptions {
  /** Story title to use when the outline has no `#` heading (e.g. the file's name). */
  fallbackTitle?: string;
}

const L = STORY_FILE_LIMITS;
const LINE_BREAK = /\r\n?|\n/g;

/**
 * Reads a Markdown outline in the shape serializeStoryMarkdown writes, validating every title,
 * description, beat and time with the library's rules. Throws a StoryFileError naming the first
 * problem by line number. Lines are read one at a time and the limits (events, beats, the
 * length of a text) are checked as they are, so a hostile file stops at the first one passed.
 */
export function parseStoryMarkdown(
  text: string,
  options: MarkdownParseOptions = {},
): StoryDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let title: string | undefined;
  const events: DraftEvent[] = [];
  let event: DraftEvent | undefined;
  let moment: DraftMoment | undefined;
  const links: DraftLink[] = [];

  const fail = (line: number, message: string): never => {
    throw new StoryFileError(`line ${line}: ${message}`);
  };
  const check = (line: number, what: string, problem: string | null) => {
    if (problem !== null) fail(line, `${what}: ${problem}`);
  };
  const closeDescription = () => {
    if (!event?.descriptionLines) return;
    event.description = trimBlankLines(event.descriptionLines).join('\n');
    check(
      event.descriptionLine + event.descriptionLeading,
      'event description',
      fieldProblem(fieldSchemas.eventDescription, event.description),
    );
    event.descriptionLines = null;
  };
  const closeMoment = () => {
    closeDescription();
    if (!moment || !event) return;
    const description = moment.lines.join('\n');
    check(moment.line, 'beat', fieldProblem(fieldSchemas.beatDescription, description));
    event.moments.push({ description, timestampOffset: moment.offset });
    links.push(...moment.links);
    moment = undefined;
  };
  const needTitle = (line: number) => {
    if (title !== undefined) return;
    const fallback = options.fallbackTitle;
    if (fallback === undefined || fieldProblem(storyTitleSchema, fallback) !== null) {
      fail(line, 'the outline must start with the story title as a # heading (# My Story).');
    }
    title = fallback;
  };

  let beats = 0;
  /** Adds a line to the beat being read, refusing a beat longer than a field may be. */
  const addBeatLine = (current: DraftMoment, text: string) => {
    current.chars += (current.lines.length > 0 ? 1 : 0) + text.length;
    current.lines.push(text);
    if (current.chars > LIMITS.beatDescription) {
      fail(current.line, `beat: must be at most ${LIMITS.beatDescription} characters`);
    }
  };
  /**
   * Adds a line to the description being read, refusing one longer than a field may be. Blank
   * lines are held only while text after them could still fit, so a run of millions of them
   * costs no memory.
   */
  const addDescriptionLine = (current: DraftEvent, lines: string[], text: string) => {
    const max = LIMITS.eventDescription;
    if (isWhitespace(text)) {
      if (current.descriptionChars === 0) {
        current.descriptionLeading++;
        return;
      }
      current.descriptionBlankChars += text.length + 1;
      if (current.descriptionChars + current.descriptionBlankChars <= max) lines.push(text);
      return;
    }
    current.descriptionChars +=
      (current.descriptionChars > 0 ? current.descriptionBlankChars + 1 : 0) + text.length;
    current.descriptionBlankChars = 0;
    if (current.descriptionChars > max) {
      fail(
        current.descriptionLine + current.descriptionLeading,
        `event description: must be at most ${max} characters`,
      );
    }
    lines.push(text);
  };

  /**
   * An indented line under a beat: more of its text, one of its links (`- → `), or more of
   * that link's note (indented two more). Text after a beat's links is refused.
   */
  const readIndented = (current: DraftMoment, raw: string, line: number) => {
    const link = current.links.at(-1);
    if (link) {
      const noteCut = raw.startsWith(' '.repeat(current.width + 2)) ? current.width + 2 : -1;
      link.blanks = current.blanks;
      current.blanks = 0;
      if (noteCut >= 0) return addNoteLine(link, readInline(raw.slice(noteCut)));
    }
    let cut = 0;
    if (raw[0] === '\t') cut = 1;
    else while (cut < current.width && raw[cut] === ' ') cut++;
    const text = raw.slice(cut);
    if (text.startsWith(LINK_START)) {
      current.blanks = 0;
      const from: [number, number] = [events.length - 1, event!.moments.length];
      current.links.push(readLinkLine(text, line, from));
      return;
    }
    if (link) {
      fail(line, "text after a beat's links: put the beat's text above its links.");
    }
    for (; current.blanks > 0; current.blanks--) addBeatLine(current, '');
    addBeatLine(current, readInline(text));
  };

  const readLine = (raw: string, line: number) => {
    if (raw === '') {
      // The commonest line, and a hostile file's favourite: no pattern can match it.
      if (moment) moment.blanks++;
      else if (event?.descriptionLines) addDescriptionLine(event, event.descriptionLines, raw);
      return;
    }
    const heading = HEADING.exec(raw);
    if (heading) {
      closeMoment();
      const level = heading[1]!.length;
      const content = readInline((heading[2] ?? '').trim());
      if (level === 1) {
        if (events.length > 0) {
          fail(line, 'the # story title must come before the ## events.');
        }
        if (title !== undefined) {
          fail(line, 'a second # heading: a file holds one story, and its events are ## headings.');
        }
        check(line, 'story title', fieldProblem(storyTitleSchema, content));
        title = content;
      } else if (level === 2) {
        needTitle(line);
        if (events.length >= L.events) {
          fail(
            line,
            `more than ${formatCount(L.events)} events (## headings); Beatline imports at most ` +
              `${formatCount(L.events)} events per story.`,
          );
        }
        check(line, 'event title', fieldProblem(fieldSchemas.eventTitle, content));
        event = {
          title: content,
          descriptionLines: [],
          descriptionLine: line + 1,
          descriptionLeading: 0,
          descriptionChars: 0,
          descriptionBlankChars: 0,
          description: '',
          moments: [],
        };
        events.push(event);
      } else {
        fail(
          line,
          `${heading[1]} headings are not part of an outline: # is the story title and ## an ` +
            'event (start the line with \\ to keep it as text).',
        );
      }
      return;
    }

    const marker = MARKER.exec(raw);
    if (marker) {
      needTitle(line);
      if (!event) fail(line, 'a beat before the first event: put a ## Event heading above it.');
      closeMoment();
      if (event!.moments.length >= L.beatsPerEvent) {
        fail(
          line,
          `more than ${formatCount(L.beatsPerEvent)} beats in one event; Beatline imports at ` +
            `most ${formatCount(L.beatsPerEvent)} beats per event.`,
        );
      }
      if (++beats > L.beatsPerStory) {
        fail(
          line,
          `more than ${formatCount(L.beatsPerStory)} beats in the story; Beatline imports at ` +
            `most ${formatCount(L.beatsPerStory)} beats per story.`,
        );
      }
      let rest = marker[2] ?? '';
      let offset: number | null = null;
      const time = TIME.exec(rest);
      if (time) {
        offset = parseOffset(time[1]!);
        if (offset === null) {
          fail(
            line,
            `[${time[1]}] is not a time: write [m:ss] or [h:mm:ss], e.g. [0:30] or [1:02:03.5].`,
          );
        }
        check(line, 'beat time', fieldProblem(fieldSchemas.timestampOffset, offset));
        rest = time[2]!;
      }
      const width = marker[1] === undefined ? 2 : marker[1].length + 2;
      moment = { line, width, lines: [], blanks: 0, chars: 0, offset, links: [] };
      addBeatLine(moment, readInline(rest));
      return;
    }

    if (moment) {
      if (raw === '' || (isWhitespace(raw) && raw.length <= moment.width)) {
        moment.blanks++;
      } else if (raw[0] === ' ' || raw[0] === '\t') {
        readIndented(moment, raw, line);
      } else if (moment.blanks > 0) {
        fail(
          line,
          'text after the beats of an event: indent it to continue the beat above, or number ' +
            'it to make it a beat.',
        );
      } else if (moment.links.length > 0) {
        fail(line, "text after a beat's links: put the beat's text above its links.");
      } else {
        addBeatLine(moment, readInline(raw));
      }
      return;
    }

    if (event?.descriptionLines) {
      addDescriptionLine(event, event.descriptionLines, readInline(raw));
      return;
    }
    if (isWhitespace(raw)) return;
    needTitle(line);
    fail(
      line,
      'text between the story title and the first ## event: a story has no description of ' +
        'its own (put it under an event).',
    );
  };

  // One line at a time, without splitting the whole text into an array of lines first; a
  // file without `\r` (nearly all) finds its line ends with indexOf.
  const onlyLf = !body.includes('\r');
  let line = 0;
  for (let start = 0; ;) {
    if (++line > L.markdownLines) {
      fail(
        line,
        `more than ${formatCount(L.markdownLines)} lines; Beatline imports Markdown ` +
          `outlines of at most ${formatCount(L.markdownLines)} lines.`,
      );
    }
    let end: number;
    let next: number;
    if (onlyLf) {
      end = body.indexOf('\n', start);
      next = end + 1;
    } else {
      LINE_BREAK.lastIndex = start;
      const found = LINE_BREAK.exec(body);
      end = found ? found.index : -1;
      next = LINE_BREAK.lastIndex;
    }
    readLine(body.slice(start, end === -1 ? body.length : end), line);
    if (end === -1) break;
    start = next;
  }
  closeMoment();
  needTitle(1);
  const doc: StoryDocument = {
    title: title!,
    events: events.map((e) => ({ title: e.title, description: e.description, moments: e.moments })),
  };
  if (links.length > 0) {
    doc.logic = {
      times: doc.events.map((_, order) => ({ order, label: '', mode: 'linear' })),
      links: resolveMarkdownLinks(links, doc.events),
    };
  }
  return doc;
}
