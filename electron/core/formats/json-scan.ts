import { fieldNameAt, lineAndColumn, stringEnd } from './json-text';
import { STORY_FILE_LIMITS, formatCount } from '../contract/story-file-limits';
import { StoryFileError } from './model';
import { formatPath, type PathSegment } from './validate';

/**
 * The pass over a story file's JSON text that runs before JSON.parse: it refuses a file that
 * goes past a limit (limits.ts) at the first place it does, so JSON.parse never builds the
 * millions of values, the million-deep nesting or the 50 MB text a hostile file holds. One
 * loop, no recursion, memory bounded by the nesting limit; strings are skipped with indexOf.
 * A field named twice in one object is refused too (JSON.parse keeps the last).
 * It does not judge syntax: where the text is not JSON it carries on as best it can, and
 * JSON.parse names the error.
 */

const L = STORY_FILE_LIMITS;

/** Raw characters of the longest allowed text: every character written as a `\uXXXX` escape. */
const MAX_RAW_STRING = 6 * L.fieldCharacters;

/** What a list or object is in a story file; lists with a role have their own limits. */
type Role = 'root' | 'story' | 'events' | 'event' | 'moments' | 'beat' | 'other';

/** A field name by where its quotes are in the text: decoded only when needed. */
type KeyAt = [start: number, end: number];

interface Frame {
  object: boolean;
  role: Role;
  /** Where this container sits in its parent: an index, a field name, none for the top. */
  segment: number | KeyAt | null;
  /** Items of a list, fields of an object. */
  count: number;
  /** The object's last field name, and whether the next string is a field name. */
  key: KeyAt;
  expectKey: boolean;
  /** The object's field names so far (at most fieldsPerObject), decoded. */
  names?: string[];
}

function childRole(text: string, parent: Frame | undefined, object: boolean): Role {
  if (!parent) return object ? 'root' : 'other';
  if (parent.object) {
    const wanted =
      parent.role === 'root' && object
        ? 'story'
        : parent.role === 'story' && !object
          ? 'events'
          : parent.role === 'event' && !object
            ? 'moments'
            : null;
    return wanted !== null && keyAt(text, parent.key) === wanted ? wanted : 'other';
  }
  if (parent.role === 'events' && object) return 'event';
  if (parent.role === 'moments' && object) return 'beat';
  return 'other';
}

/** A field name as JSON.parse reads it (escapes decoded). */
function keyAt(text: string, [start, end]: KeyAt): string {
  return fieldNameAt(text, start, end);
}

/** Characters that continue a number or a `true` / `false` / `null` token. */
function isTokenChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x2d
  );
}

/**
 * Throws a StoryFileError at the first place the JSON text goes past a story file limit:
 * nesting, the length of a text, fields in an object, events, beats in an event or in the
 * story, or values in the file.
 */
export function checkStoryJsonLimits(text: string): void {
  const scan = new LimitScan(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c <= 0x20) continue; // whitespace (most of an indented file outside its strings)
    if (c === 0x22) {
      i = scan.readString(i);
      if (i === -1) return; // never closed: JSON.parse reports it
    } else if (c === 0x7b || c === 0x5b) {
      scan.open(i, c === 0x7b);
    } else if (c === 0x7d || c === 0x5d) {
      scan.close();
    } else if (c === 0x2c) {
      scan.readComma();
    } else if (isTokenChar(c)) {
      scan.countValue(i);
      while (i + 1 < text.length && isTokenChar(text.charCodeAt(i + 1))) i++;
    }
  }
}

/** The running state of checkStoryJsonLimits: the open lists and objects, values and beats. */
class LimitScan {
  private readonly text: string;
  private readonly frames: Frame[] = [];
  private values = 0;
  private beats = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** A string at `i`: a field name or a value. Returns the index of its closing quote, or -1. */
  readString(i: number): number {
    const end = stringEnd(this.text, i);
    if (end === -1) return -1;
    if (end - i - 1 > MAX_RAW_STRING) {
      this.fail(
        i,
        `a text of more than ${formatCount(L.fieldCharacters)} characters; no field of a ` +
          `story file may be longer than ${formatCount(L.fieldCharacters)}.`,
      );
    }
    const top = this.frames[this.frames.length - 1];
    if (top?.object && top.expectKey) {
      top.expectKey = false;
      top.key = [i, end];
      if (++top.count > L.fieldsPerObject) {
        this.fail(
          i,
          `an object with more than ${formatCount(L.fieldsPerObject)} fields; a story ` +
            'file has at most 6 in each.',
        );
      }
      this.readName(top, i, end);
    } else {
      this.countValue(i);
    }
    return end;
  }

  /**
   * A field name of the object `top`: one named twice is refused (JSON.parse would keep the
   * last, so a file could say two things and be read as one of them).
   */
  private readName(top: Frame, start: number, end: number): void {
    const name = keyAt(this.text, [start, end]);
    top.names ??= [];
    if (top.names.includes(name)) {
      this.fail(
        start,
        `the field ${JSON.stringify(name)} is named twice in one object; a story file ` +
          'names each field once.',
      );
    }
    top.names.push(name);
  }

  /** `{` or `[` at `i`: a value of its parent, and the container the next values go in. */
  open(i: number, object: boolean): void {
    const role = childRole(this.text, this.frames[this.frames.length - 1], object);
    const segment = this.countValue(i);
    this.frames.push({ object, role, segment, count: 0, key: [0, 0], expectKey: object });
    if (this.frames.length > L.depth) {
      this.fail(
        i,
        `the JSON is nested more than ${L.depth} levels deep; a Beatline story file is not.`,
      );
    }
  }

  close(): void {
    this.frames.pop();
  }

  /** After a comma, the next string in an object is a field name. */
  readComma(): void {
    const top = this.frames[this.frames.length - 1];
    if (top?.object) top.expectKey = true;
  }

  /**
   * Counts a value starting at `index`, as an item of the enclosing list if there is one.
   * Returns where it sits in its parent (pathOf's segment).
   */
  countValue(index: number): Frame['segment'] {
    if (++this.values > L.jsonValues) {
      this.fail(
        index,
        `the file holds more than ${formatCount(L.jsonValues)} JSON values; a story file ` +
          `at Beatline's limits holds fewer (see "Limits" in docs/story-file-format.md).`,
      );
    }
    const top = this.frames[this.frames.length - 1];
    if (!top) return null;
    if (top.object) return top.key;
    return this.countItem(top);
  }

  /** Counts an item of the list `top`, refusing one past its limit; returns its index. */
  private countItem(top: Frame): number {
    const item = top.count++;
    if (top.role === 'events') {
      if (top.count > L.events) {
        this.failAt(
          this.pathOf(),
          `more than ${formatCount(L.events)} events; Beatline imports at most ` +
            `${formatCount(L.events)} events per story.`,
        );
      }
    } else if (top.role === 'moments') {
      this.countBeat(top, item);
    } else if (top.count > L.beatsPerEvent) {
      this.failAt(
        this.pathOf(),
        `a list of more than ${formatCount(L.beatsPerEvent)} items; no list in a story file ` +
          'is that long.',
      );
    }
    return item;
  }

  /** Counts beat `item` of an event's list `moments`, in the event and in the story. */
  private countBeat(moments: Frame, item: number): void {
    if (moments.count > L.beatsPerEvent) {
      this.failAt(
        this.pathOf(),
        `more than ${formatCount(L.beatsPerEvent)} beats in one event; Beatline imports at ` +
          `most ${formatCount(L.beatsPerEvent)} beats per event.`,
      );
    }
    if (++this.beats > L.beatsPerStory) {
      this.failAt(
        this.pathOf(item),
        `more than ${formatCount(L.beatsPerStory)} beats in the story; Beatline imports at ` +
          `most ${formatCount(L.beatsPerStory)} beats per story.`,
      );
    }
  }

  /** The path of the innermost open container (and `extra` below it): `story.events[3]`. */
  private pathOf(extra?: PathSegment): string {
    const segments: PathSegment[] = [];
    for (const { segment } of this.frames) {
      if (segment !== null)
        segments.push(typeof segment === 'number' ? segment : keyAt(this.text, segment));
    }
    if (extra !== undefined) segments.push(extra);
    return formatPath(segments);
  }

  private fail(index: number, message: string): never {
    throw new StoryFileError(`${lineAndColumn(this.text, index)}: ${message}`);
  }

  private failAt(path: string, message: string): never {
    throw new StoryFileError(`${path}: ${message}`);
  }
}
