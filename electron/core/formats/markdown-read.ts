import { STORY_FILE_LIMITS, formatCount } from '../contract/story-file-limits';
import type { StoryDocument } from './model';
import { parseOffset } from './offsets';
import { fieldProblem, fieldSchemas, storyTitleSchema } from './validate';
import { readBeatStart, readInline } from './markdown-inline';
import {
  addNoteLine,
  LINK_START,
  readLinkLine,
  resolveMarkdownLinks,
  type DraftLink,
} from './markdown-links';
import { isWhitespace } from './markdown-lines';
import { readStoryTimeLine, resolveStoryTimes } from './markdown-time';
import {
  addBeatLine,
  addDescriptionLine,
  check,
  closeDescription,
  fail,
  momentText,
  newEvent,
  type DraftEvent,
  type DraftMoment,
} from './markdown-draft';

/** Reading a Markdown outline (the format and its escapes are described in markdown.ts). */

// `s`: a line may hold U+2028 or U+2029, which `.` alone does not match.
const HEADING = /^(#{1,6})(?:[ \t]+(.*))?$/s;
const MARKER = /^(?:(\d{1,9})[.)]|[-*+])(?:[ \t](.*))?$/s;
// Up to three more spaces or tabs after the marker's are its padding (CommonMark), as in an
// aligned list (`1.  text`, pandoc's `-   [0:30]`); spaces a beat starts with are written
// `&#32;` (markdown-inline.ts).
const PADDING = /^[ \t]{1,3}(?![ \t])/;
// The export escapes a `[` there (`1. \[0:30]`) when it is text. A sign (`[-0:30]`) makes it
// no time, refused like `[0:75]`.
const TIME = /^\[([-+]?\d[\d.]*:[\d:.]*)\][ \t]?(.*)$/s;
// A thematic break (`* * *`, `- - -`, `---`): a scene break, never a beat (CommonMark's rule).
const THEMATIC_BREAK = /^([-*_])[ \t]*(?:\1[ \t]*){2,}$/;

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
  const reader = new OutlineReader(options.fallbackTitle);
  eachLine(body, (raw, line) => reader.readLine(raw, line));
  return reader.finish();
}

/**
 * Hands each line of `body` and its number to `visit`, refusing a text of more lines than an
 * outline may have. It does not split the whole text into an array of lines first; a file
 * without `\r` (nearly all) finds its line ends with indexOf.
 */
function eachLine(body: string, visit: (raw: string, line: number) => void): void {
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
    visit(body.slice(start, end === -1 ? body.length : end), line);
    if (end === -1) break;
    start = next;
  }
}

/**
 * A beat's `[0:30]` at the start of its text, after the marker's padding: the time it gives
 * and the text after it. A bracket that looks like a time and is not one is refused wherever
 * a time is read (`1. [0:75]`, `1.  [0:75]`, `-\t[0:75]` alike): Beatline's export never
 * writes it (a `[` that starts a beat's text is written `\[`, its spaces `&#32;`).
 */
function readTimeMark(rest: string, line: number): { offset: number | null; text: string } {
  const time = TIME.exec(rest);
  if (!time) return { offset: null, text: rest };
  const offset = parseOffset(time[1]!);
  if (offset === null) {
    fail(
      line,
      `[${time[1]}] is not a time: write [m:ss] or [h:mm:ss], e.g. [0:30] or [1:02:03.5].`,
    );
  }
  check(line, 'beat time', fieldProblem(fieldSchemas.timestampOffset, offset));
  return { offset, text: time[2]! };
}

/**
 * One read of an outline, line by line: the story so far, and the event and the beat being
 * read. readLine hands each line to the method for its kind.
 */
class OutlineReader {
  private title: string | undefined;
  private readonly events: DraftEvent[] = [];
  private event: DraftEvent | undefined;
  private moment: DraftMoment | undefined;
  private readonly links: DraftLink[] = [];
  /** Beats read so far, in every event. */
  private beats = 0;
  private readonly fallbackTitle: string | undefined;

  constructor(fallbackTitle: string | undefined) {
    this.fallbackTitle = fallbackTitle;
  }

  /** Reads line number `line` by its kind: heading, beat, more of a beat or a description. */
  readLine(raw: string, line: number): void {
    // The commonest line, and a hostile file's favourite: no pattern can match it.
    if (raw === '') return this.readEmptyLine();
    const heading = HEADING.exec(raw);
    if (heading) return this.readHeading(heading[1]!, heading[2] ?? '', line);
    if (THEMATIC_BREAK.test(raw)) return this.readSceneBreak(raw, line);
    const marker = MARKER.exec(raw);
    if (marker) return this.readBeatStart(marker[1], marker[2] ?? '', line);
    if (this.moment) return this.readBeatLine(this.moment, raw, line);
    const event = this.event;
    if (event?.descriptionLines)
      return this.readDescriptionLine(event, event.descriptionLines, raw, line);
    this.readStrayLine(raw, line);
  }

  /** The story read: its events, and their story time and links when the outline has any. */
  finish(): StoryDocument {
    this.closeMoment();
    this.needTitle(1);
    const doc: StoryDocument = {
      title: this.title!,
      events: this.events.map((e) => ({
        title: e.title,
        description: e.description,
        moments: e.moments,
      })),
    };
    const times = resolveStoryTimes(this.events);
    if (this.links.length > 0 || times) {
      doc.logic = {
        times: times ?? doc.events.map((_, order) => ({ order, label: '', mode: 'linear' })),
        links: resolveMarkdownLinks(this.links, doc.events),
      };
    }
    return doc;
  }

  /** `* * *`, `- - -`, `---`: text in a description, elsewhere a separator like a blank line. */
  private readSceneBreak(raw: string, line: number): void {
    const event = this.event;
    if (!this.moment && event?.descriptionLines) {
      return this.readDescriptionLine(event, event.descriptionLines, raw, line);
    }
    this.readEmptyLine();
  }

  private readEmptyLine(): void {
    if (this.moment) this.moment.blanks++;
    else if (this.event?.descriptionLines) {
      addDescriptionLine(this.event, this.event.descriptionLines, '');
    }
  }

  /** `# Story` or `## Event`; deeper headings are refused. */
  private readHeading(hashes: string, text: string, line: number): void {
    this.closeMoment();
    const content = readInline(text.trim());
    if (hashes.length === 1) this.readStoryTitle(content, line);
    else if (hashes.length === 2) this.readEventHeading(content, line);
    else {
      fail(
        line,
        `${hashes} headings are not part of an outline: # is the story title and ## an ` +
          'event (start the line with \\ to keep it as text).',
      );
    }
  }

  private readStoryTitle(content: string, line: number): void {
    if (this.events.length > 0) {
      fail(line, 'the # story title must come before the ## events.');
    }
    if (this.title !== undefined) {
      fail(line, 'a second # heading: a file holds one story, and its events are ## headings.');
    }
    check(line, 'story title', fieldProblem(storyTitleSchema, content));
    this.title = content;
  }

  private readEventHeading(content: string, line: number): void {
    this.needTitle(line);
    if (this.events.length >= L.events) {
      fail(
        line,
        `more than ${formatCount(L.events)} events (## headings); Beatline imports at most ` +
          `${formatCount(L.events)} events per story.`,
      );
    }
    check(line, 'event title', fieldProblem(fieldSchemas.eventTitle, content));
    this.event = newEvent(content, line);
    this.events.push(this.event);
  }

  /** `1. [0:30] Text` or `- Text` (`number` the list number, if any): a new beat. */
  private readBeatStart(number: string | undefined, rest: string, line: number): void {
    this.needTitle(line);
    const event =
      this.event ?? fail(line, 'a beat before the first event: put a ## Event heading above it.');
    this.closeMoment();
    this.countBeat(event, line);
    const padding = PADDING.exec(rest)?.[0] ?? '';
    const { offset, text } = readTimeMark(rest.slice(padding.length), line);
    // Further lines are indented to the text: the marker, its space and its padding.
    const width = (number === undefined ? 2 : number.length + 2) + padding.length;
    this.moment = { line, width, lines: [], blanks: 0, chars: 0, offset, links: [] };
    addBeatLine(this.moment, readBeatStart(text));
  }

  /** Refuses a beat past the limits of an event or of the story. */
  private countBeat(event: DraftEvent, line: number): void {
    if (event.moments.length >= L.beatsPerEvent) {
      fail(
        line,
        `more than ${formatCount(L.beatsPerEvent)} beats in one event; Beatline imports at ` +
          `most ${formatCount(L.beatsPerEvent)} beats per event.`,
      );
    }
    if (++this.beats > L.beatsPerStory) {
      fail(
        line,
        `more than ${formatCount(L.beatsPerStory)} beats in the story; Beatline imports at ` +
          `most ${formatCount(L.beatsPerStory)} beats per story.`,
      );
    }
  }

  /** A line after a beat's first: a blank, an indented line, or more of its text. */
  private readBeatLine(moment: DraftMoment, raw: string, line: number): void {
    if (isWhitespace(raw) && raw.length <= moment.width) {
      moment.blanks++;
    } else if (raw[0] === ' ' || raw[0] === '\t') {
      this.readIndented(moment, raw, line);
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
  }

  /**
   * An indented line under a beat: more of its text, one of its links (`- → `), or more of
   * that link's note (indented two more). Text after a beat's links is refused.
   */
  private readIndented(current: DraftMoment, raw: string, line: number): void {
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
      const from: [number, number] = [this.events.length - 1, this.event!.moments.length];
      current.links.push(readLinkLine(text, line, from));
      return;
    }
    if (link) {
      fail(line, "text after a beat's links: put the beat's text above its links.");
    }
    for (; current.blanks > 0; current.blanks--) addBeatLine(current, '');
    addBeatLine(current, readInline(text));
  }

  /** A line under an event's heading before its first beat; the first may be its story time. */
  private readDescriptionLine(event: DraftEvent, lines: string[], raw: string, line: number) {
    const time = event.descriptionChars === 0 && !event.time && readStoryTimeLine(raw, line);
    if (time) {
      event.time = time;
      event.descriptionLeading++;
      return;
    }
    addDescriptionLine(event, lines, readInline(raw));
  }

  /** A line before the first event: only blank lines may sit there, under the title. */
  private readStrayLine(raw: string, line: number): void {
    if (isWhitespace(raw)) return;
    this.needTitle(line);
    fail(
      line,
      'text between the story title and the first ## event: a story has no description of ' +
        'its own (put it under an event).',
    );
  }

  /** Ends the beat being read (and the description, at the first beat) and keeps it. */
  private closeMoment(): void {
    const { event, moment } = this;
    if (event) closeDescription(event);
    if (!moment || !event) return;
    event.moments.push({ description: momentText(moment), timestampOffset: moment.offset });
    this.links.push(...moment.links);
    this.moment = undefined;
  }

  /** Takes the fallback title when the outline has reached `line` without a `#` heading. */
  private needTitle(line: number): void {
    if (this.title !== undefined) return;
    const fallback = this.fallbackTitle;
    if (fallback === undefined || fieldProblem(storyTitleSchema, fallback) !== null) {
      fail(line, 'the outline must start with the story title as a # heading (# My Story).');
    }
    this.title = fallback;
  }
}
