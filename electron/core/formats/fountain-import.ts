import { StoryFileError, UNTITLED_EVENT, type EventDocument, type StoryDocument } from './model';
import { neutralize, restorePairs } from './fountain';
import { formatOffset, parseOffset } from './offsets';
import { fieldProblem, fieldSchemas, storyTitleSchema } from './validate';

/**
 * Reads a Fountain outline (https://fountain.io/syntax) back into a story: the title page's
 * `Title:` is the story title, each `#` section (any depth) an event, a `[[note]]` right under
 * a section its description, each `= synopsis` a beat, a `[[m:ss]]` note at the start of a
 * synopsis the beat's time. A screenplay without sections has its scene headings (`INT.`,
 * `EXT.`, `.FORCED`) as events. Everything else (action, dialogue, transitions, other notes,
 * boneyard) is the screenplay's text, not the outline's, and is skipped. The space the export
 * puts between the characters of `[[`, `]]`, `/*` and `*\/` is taken out of every text before
 * it is checked against its limit (restorePairs). Rules in
 * docs/story-file-format.md; serializeStoryFountain writes what this reads.
 */

export interface FountainParseOptions {
  /** Story title to use when there is no title page (e.g. the file's name). */
  fallbackTitle?: string;
}

const TITLE_KEY = /^([A-Za-z][A-Za-z0-9 _-]{0,40}):[ \t]*(.*)$/s;
const SECTION = /^(#+)(.*)$/s;
const PAGE_BREAK = /^={3,}[ \t]*$/;
const SCENE_HEADING = /^(?:int|ext|est|int\.?\/ext|i\/e)[. ]/i;
const FORCED_HEADING = /^\.(?=[^.\s])/;
const SCENE_NUMBER = /[ \t]+#[\w.-]+#$/;
const TIME_NOTE = /^\[\[([^\]]*)\]\][ \t]*(.*)$/s;
const LOOKS_LIKE_TIME = /^[ \t]*[-+]?\d[\d:. \t]*$/;

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);
const isBlank = (line: string) => /^[ \t]*$/.test(line);

/** Boneyard (`/* ... *\/`, unclosed: to the end) removed, its line breaks kept for line numbers. */
function withoutBoneyard(text: string): string {
  return text.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, (m) => m.replace(/[^\r\n]+/g, ''));
}

/**
 * The `[[ ... ]]` note that starts at `lines[start]`: its text (null when no line ends it
 * before a blank line or the end) and the last line read.
 */
function readNote(lines: string[], start: number): { text: string | null; end: number } {
  const body: string[] = [];
  for (let i = start; i < lines.length; i++) {
    let line = i === start ? lines[i]!.slice(2) : lines[i]!;
    // A note ends at the first line ending in ]] (notes hold no blank line, only two spaces).
    if (line === '') return { text: null, end: i };
    line = line.trimEnd();
    if (line.endsWith(']]')) {
      body.push(line.slice(0, -2));
      const text = body
        .map((l) => (isBlank(l) ? '' : l))
        .join('\n')
        .trim();
      return { text: restorePairs(text), end: i };
    }
    body.push(line);
  }
  return { text: null, end: lines.length };
}

/** A scene heading's title (`.FORCED` without its dot, scene number `#12#` dropped), or null. */
function sceneHeading(line: string): string | null {
  const text = line.trim();
  if (FORCED_HEADING.test(text)) return text.slice(1).replace(SCENE_NUMBER, '').trim();
  if (SCENE_HEADING.test(text)) return text.replace(SCENE_NUMBER, '').trim();
  return null;
}

/** Throws a StoryFileError naming the line: `line 12: ...`. */
function fail(line: number, message: string): never {
  throw new StoryFileError(`line ${line}: ${message}`);
}

/** Throws when a field's rule found a problem: `line 12: beat time: ...`. */
function check(line: number, what: string, problem: string | null): void {
  if (problem !== null) fail(line, `${what}: ${problem}`);
}

/**
 * Reads a Fountain outline, validating every title, description, beat and time with the
 * library's rules. Throws a StoryFileError naming the first problem by line number.
 */
export function parseStoryFountain(
  text: string,
  options: FountainParseOptions = {},
): StoryDocument {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = splitLines(withoutBoneyard(source));
  const page = readTitlePage(lines);
  const title = storyTitle(page, options.fallbackTitle);
  const reader = new SectionReader(lines, page.end);
  for (let index = page.end; index < lines.length; index++) index = reader.readLine(index);
  return { title, events: reader.events };
}

interface TitlePage {
  /** The `Title:` value (continuation lines joined, whitespace runs one space), if any. */
  title: string | undefined;
  /** The line of its `Title:` key. */
  line: number;
  /** The index of the first line after the title page. */
  end: number;
}

/**
 * The title page: `Key: value` lines at the very top, up to the first blank line; a value
 * may continue on indented lines below its key.
 */
function readTitlePage(lines: string[]): TitlePage {
  const page: TitlePage = { title: undefined, line: 1, end: 0 };
  if (!TITLE_KEY.test(lines[0] ?? '')) return page;
  let key = '';
  for (; page.end < lines.length && !isBlank(lines[page.end]!); page.end++) {
    const raw = lines[page.end]!;
    const pair = /^[ \t]/.test(raw) ? null : TITLE_KEY.exec(raw);
    if (pair) {
      key = pair[1]!.trim().toLowerCase();
      if (key === 'title') {
        page.title = pair[2]!;
        page.line = page.end + 1;
      }
    } else if (key === 'title') {
      page.title = `${page.title} ${raw}`;
    }
  }
  if (page.title !== undefined) page.title = restorePairs(page.title.replace(/\s+/g, ' ').trim());
  return page;
}

/** The story's title: the title page's, checked, or else the fallback (a file's name). */
function storyTitle(page: TitlePage, fallback: string | undefined): string {
  if (page.title !== undefined) {
    check(page.line, 'story title', fieldProblem(storyTitleSchema, page.title));
    return page.title;
  }
  if (fallback === undefined || fieldProblem(storyTitleSchema, fallback) !== null) {
    fail(1, 'a Fountain outline starts with a title page: Title: My Story');
  }
  return fallback;
}

/** A synopsis's `[[0:30]]` at the start of its text: the time it gives and the text after it. */
function readSynopsisTime(rest: string, line: number): { offset: number | null; text: string } {
  const time = TIME_NOTE.exec(rest);
  if (!time) return { offset: null, text: rest };
  const offset = parseOffset(time[1]!.trim());
  if (offset !== null) {
    check(line, 'beat time', fieldProblem(fieldSchemas.timestampOffset, offset));
    return { offset, text: time[2]! };
  }
  if (LOOKS_LIKE_TIME.test(time[1]!)) {
    fail(
      line,
      `[[${time[1]}]] is not a time: write [[m:ss]] or [[h:mm:ss]], e.g. [[0:30]] or ` +
        '[[1:02:03.5]].',
    );
  }
  return { offset: null, text: rest };
}

/**
 * The screenplay after its title page, line by line: sections (or scene headings) start
 * events, the note right under one is its description, synopses are beats. readLine hands
 * each line to the method for its kind.
 */
class SectionReader {
  readonly events: EventDocument[] = [];
  private event: EventDocument | undefined;
  /** The note right under a section is its description; any other element ends that chance. */
  private descriptionOpen = false;
  /** Where the search for the end of an unclosed note stopped. */
  private unclosedUntil = -1;
  private readonly lines: string[];
  /** Without `#` sections, scene headings are the events. */
  private readonly hasSections: boolean;

  constructor(lines: string[], start: number) {
    this.lines = lines;
    this.hasSections = lines.some((line, i) => i >= start && SECTION.test(line));
  }

  /** Reads the line at `index` by its kind; returns the index of the last line it took. */
  readLine(index: number): number {
    const raw = this.lines[index]!;
    const line = index + 1;
    if (isBlank(raw) || PAGE_BREAK.test(raw)) return index;
    const eventTitle = this.eventTitleOf(raw);
    if (eventTitle !== null) {
      this.startEvent(line, eventTitle);
      return index;
    }
    // An unclosed note is text; any `[[` before where its search stopped is unclosed too.
    if (raw.startsWith('[[') && index > this.unclosedUntil) {
      const end = this.readNote(index);
      if (end !== null) return end;
    }
    this.descriptionOpen = false;
    // A synopsis is a beat; anything else (action, dialogue, transitions) is the screenplay's.
    if (raw[0] === '=') this.readSynopsis(raw, line);
    return index;
  }

  /** A section's title, or a scene heading's when the screenplay has no sections; else null. */
  private eventTitleOf(raw: string): string | null {
    const section = SECTION.exec(raw);
    if (section) return restorePairs(section[2]!.trim());
    if (this.hasSections) return null;
    const scene = sceneHeading(raw);
    return scene === null ? null : restorePairs(scene);
  }

  private startEvent(line: number, eventTitle: string): void {
    check(line, 'event title', fieldProblem(fieldSchemas.eventTitle, eventTitle));
    this.event = { title: eventTitle, description: '', moments: [] };
    this.events.push(this.event);
    this.descriptionOpen = true;
  }

  /**
   * The `[[note]]` starting at `index`: the description when right under a section, else
   * skipped. Returns the index of its last line, or null when it is never closed (text).
   */
  private readNote(index: number): number | null {
    const note = readNote(this.lines, index);
    if (note.text === null) {
      this.unclosedUntil = note.end;
      return null;
    }
    if (this.event && this.descriptionOpen) {
      check(index + 1, 'event description', fieldProblem(fieldSchemas.eventDescription, note.text));
      this.event.description = note.text;
    }
    this.descriptionOpen = false;
    return note.end;
  }

  /** `= [[0:30]] Text`: a beat of the current event. */
  private readSynopsis(raw: string, line: number): void {
    const event =
      this.event ??
      fail(line, 'a synopsis (=) before the first section: put a # Section heading above it.');
    const time = readSynopsisTime(raw.slice(1).trim(), line);
    const text = restorePairs(time.text);
    check(line, 'beat', fieldProblem(fieldSchemas.beatDescription, text));
    event.moments.push({ description: text, timestampOffset: time.offset });
  }
}

const oneLine = (text: string) => restorePairs(neutralize(text.replace(/\s+/g, ' ').trim()));

/**
 * What a Fountain round trip keeps of a story's content: titles and beats as one line
 * (whitespace runs become one space, ends trimmed), a writer's `[ [`, `] ]`, `/ *`, `* /`
 * joined (`[[`: the export breaks up those pairs and the import joins them), an untitled
 * event named "Untitled event", descriptions trimmed with trailing spaces cut from each line,
 * and offsets to the millisecond.
 */
export function fountainContent(doc: StoryDocument): StoryDocument {
  return {
    title: oneLine(doc.title),
    events: doc.events.map((event) => ({
      title: oneLine(event.title) || UNTITLED_EVENT,
      description: restorePairs(
        splitLines(neutralize(event.description.trim()))
          .map((l) => l.trimEnd())
          .join('\n'),
      ),
      moments: event.moments.map((moment) => ({
        description: oneLine(moment.description),
        timestampOffset:
          moment.timestampOffset === null
            ? null
            : parseOffset(formatOffset(moment.timestampOffset)),
      })),
    })),
  };
}
