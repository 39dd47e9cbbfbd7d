import { LIMITS } from '../contract/schemas';
import { StoryFileError, type MomentDocument } from './model';
import { fieldProblem, fieldSchemas } from './validate';
import type { DraftLink } from './markdown-links';
import { isWhitespace, trimBlankLines } from './markdown-lines';
import type { readStoryTimeLine } from './markdown-time';

/**
 * The event and the beat a Markdown outline's reader (markdown-read.ts) is building, line by
 * line, and the refusals it names by line number.
 */

export interface DraftMoment {
  line: number;
  /** Width of `12. ` and its padding: continuation lines are indented by this much. */
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

export interface DraftEvent {
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
  /** The heading's line. */
  line: number;
  /** Its story-time line (markdown-time.ts), when it has one. */
  time: ReturnType<typeof readStoryTimeLine>;
}

/** Throws a StoryFileError naming the line: `line 12: ...`. */
export function fail(line: number, message: string): never {
  throw new StoryFileError(`line ${line}: ${message}`);
}

/** Throws when a field's rule found a problem: `line 12: beat time: ...`. */
export function check(line: number, what: string, problem: string | null): void {
  if (problem !== null) fail(line, `${what}: ${problem}`);
}

/** A new event under its `## ` heading at `line`, its description still to be read. */
export function newEvent(title: string, line: number): DraftEvent {
  return {
    title,
    descriptionLines: [],
    descriptionLine: line + 1,
    descriptionLeading: 0,
    descriptionChars: 0,
    descriptionBlankChars: 0,
    description: '',
    moments: [],
    line,
    time: null,
  };
}

/** Adds a line to the beat being read, refusing a beat longer than a field may be. */
export function addBeatLine(current: DraftMoment, text: string): void {
  current.chars += (current.lines.length > 0 ? 1 : 0) + text.length;
  current.lines.push(text);
  if (current.chars > LIMITS.beatDescription) {
    fail(current.line, `beat: must be at most ${LIMITS.beatDescription} characters`);
  }
}

/**
 * Adds a line to the description being read (`lines`, the event's descriptionLines), refusing
 * one longer than a field may be. Blank lines are held only while text after them could still
 * fit, so a run of millions of them costs no memory.
 */
export function addDescriptionLine(current: DraftEvent, lines: string[], text: string): void {
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
}

/** Ends an event's description (at its first beat or the next heading): validated, joined. */
export function closeDescription(event: DraftEvent): void {
  if (!event.descriptionLines) return;
  event.description = trimBlankLines(event.descriptionLines).join('\n');
  check(
    event.descriptionLine + event.descriptionLeading,
    'event description',
    fieldProblem(fieldSchemas.eventDescription, event.description),
  );
  event.descriptionLines = null;
}

/** A finished beat's text, validated. */
export function momentText(moment: DraftMoment): string {
  const description = moment.lines.join('\n');
  check(moment.line, 'beat', fieldProblem(fieldSchemas.beatDescription, description));
  return description;
}
