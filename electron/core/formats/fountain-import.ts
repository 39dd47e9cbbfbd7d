import { StoryFileError, UNTITLED_EVENT, type EventDocument, type StoryDocument } from './model';
import { neutralize } from './fountain';
import { formatOffset, parseOffset } from './offsets';
import { fieldProblem, fieldSchemas, storyTitleSchema } from './validate';

/**
 * Reads a Fountain outline (https://fountain.io/syntax) back into a story: the title page's
 * `Title:` is the story title, each `#` section (any depth) an event, a `[[note]]` right under
 * a section its description, each `= synopsis` a beat, a `[[m:ss]]` note at the start of a
 * synopsis the beat's time. A screenplay without sections has its scene headings (`INT.`,
 * `EXT.`, `.FORCED`) as events. Everything else (action, dialogue, transitions, other notes,
 * boneyard) is the screenplay's text, not the outline's, and is skipped. Rules in
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
const LOOKS_LIKE_TIME = /^[ \t]*\d[\d:. \t]*$/;

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
      return { text, end: i };
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
  const fail = (line: number, message: string): never => {
    throw new StoryFileError(`line ${line}: ${message}`);
  };
  const check = (line: number, what: string, problem: string | null) => {
    if (problem !== null) fail(line, `${what}: ${problem}`);
  };

  // The title page: `Key: value` lines at the very top, up to the first blank line; a value
  // may continue on indented lines below its key.
  let index = 0;
  let title: string | undefined;
  let titleLine = 1;
  if (TITLE_KEY.test(lines[0] ?? '')) {
    let key = '';
    for (; index < lines.length && !isBlank(lines[index]!); index++) {
      const raw = lines[index]!;
      const pair = /^[ \t]/.test(raw) ? null : TITLE_KEY.exec(raw);
      if (pair) {
        key = pair[1]!.trim().toLowerCase();
        if (key === 'title') {
          title = pair[2]!;
          titleLine = index + 1;
        }
      } else if (key === 'title') {
        title = `${title} ${raw}`;
      }
    }
    if (title !== undefined) title = title.replace(/\s+/g, ' ').trim();
  }
  if (title === undefined) {
    const fallback = options.fallbackTitle;
    if (fallback === undefined || fieldProblem(storyTitleSchema, fallback) !== null) {
      fail(1, 'a Fountain outline starts with a title page: Title: My Story');
    }
    title = fallback!;
  } else {
    check(titleLine, 'story title', fieldProblem(storyTitleSchema, title));
  }

  const hasSections = lines.some((line, i) => i >= index && SECTION.test(line));
  const events: EventDocument[] = [];
  let event: EventDocument | undefined;
  /** The note right under a section is its description; any other element ends that chance. */
  let descriptionOpen = false;
  let unclosedUntil = -1;
  const startEvent = (line: number, eventTitle: string) => {
    check(line, 'event title', fieldProblem(fieldSchemas.eventTitle, eventTitle));
    event = { title: eventTitle, description: '', moments: [] };
    events.push(event);
    descriptionOpen = true;
  };

  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    if (isBlank(raw) || PAGE_BREAK.test(raw)) continue;

    const section = SECTION.exec(raw);
    if (section) {
      startEvent(line, section[2]!.trim());
      continue;
    }
    if (!hasSections) {
      const heading = sceneHeading(raw);
      if (heading !== null) {
        startEvent(line, heading);
        continue;
      }
    }
    // An unclosed note is text; any `[[` before where its search stopped is unclosed too.
    if (raw.startsWith('[[') && index > unclosedUntil) {
      const note = readNote(lines, index);
      if (note.text === null) {
        unclosedUntil = note.end;
      } else {
        if (event && descriptionOpen) {
          check(line, 'event description', fieldProblem(fieldSchemas.eventDescription, note.text));
          event.description = note.text;
        }
        descriptionOpen = false;
        index = note.end;
        continue;
      }
    }
    descriptionOpen = false;
    if (raw[0] !== '=') continue; // action, dialogue, transitions: the screenplay's own text

    if (!event) {
      fail(line, 'a synopsis (=) before the first section: put a # Section heading above it.');
    }
    let rest = raw.slice(1).trim();
    let offset: number | null = null;
    const time = TIME_NOTE.exec(rest);
    if (time) {
      offset = parseOffset(time[1]!.trim());
      if (offset !== null) {
        check(line, 'beat time', fieldProblem(fieldSchemas.timestampOffset, offset));
        rest = time[2]!;
      } else if (LOOKS_LIKE_TIME.test(time[1]!)) {
        fail(
          line,
          `[[${time[1]}]] is not a time: write [[m:ss]] or [[h:mm:ss]], e.g. [[0:30]] or ` +
            '[[1:02:03.5]].',
        );
      }
    }
    check(line, 'beat', fieldProblem(fieldSchemas.beatDescription, rest));
    event!.moments.push({ description: rest, timestampOffset: offset });
  }
  return { title, events };
}

const oneLine = (text: string) => neutralize(text.replace(/\s+/g, ' ').trim());

/**
 * What a Fountain round trip keeps of a story's content: titles and beats as one line
 * (whitespace runs become one space, ends trimmed), `[[`, `]]`, `/*`, `*\/` broken up by a
 * space, an untitled event named "Untitled event", descriptions trimmed with trailing spaces
 * cut from each line, and offsets to the millisecond.
 */
export function fountainContent(doc: StoryDocument): StoryDocument {
  return {
    title: oneLine(doc.title),
    events: doc.events.map((event) => ({
      title: oneLine(event.title) || UNTITLED_EVENT,
      description: splitLines(neutralize(event.description.trim()))
        .map((l) => l.trimEnd())
        .join('\n'),
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
