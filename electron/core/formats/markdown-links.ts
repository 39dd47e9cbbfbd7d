import { LIMITS, textProblem } from '../contract/schemas';
import type { LinkKind, LinkStrength } from '../contract/types';
import { loopLinks, type StoryLogicDocument } from './json-logic';
import { EVENT_NUMBER, phraseLink, type LinkLine } from './link-phrase';
import { escapeInline, escapeLine, readInline } from './markdown-inline';
import { StoryFileError, type EventDocument } from './model';

/**
 * A beat's links in the Markdown outline: a nested list item per link under the beat's text,
 * `- → causes (hard): 'She breaks in' (Night watch, beat 1)`, then `, intentional` when marked
 * so, then ` — ` and the note; a note's further lines are indented under the item. The quote
 * is only for the reader: the import finds the beat by its event's name and its number.
 */

/** What starts a link line inside a beat (after the beat's indent). */
export const LINK_START = '- → ';

/**
 * Escapes a quote or an event name so that a `(` or `)` in it reads back as text. A `,` or `)`
 * follows it, so a backslash at its end is escaped as if it stood before one.
 */
const escapeRef = (text: string) => escapeInline(`${text})`).slice(0, -1).replace(/[()]/g, '\\$&');

const splitLines = (text: string) => text.split(/\r\n|\r|\n/);

/** The lines of one beat's links; `indent` is the beat's continuation indent. */
export function markdownLinkLines(links: readonly LinkLine[], indent: string): string[] {
  const out: string[] = [];
  for (const link of links) {
    const [first = '', ...rest] = dropTrailingEmpty(splitLines(link.note));
    let head = `${indent}- ${phraseLink(link, escapeRef)}`;
    if (first !== '' || rest.length > 0)
      head += ` —${first === '' ? '' : ` ${escapeInline(first)}`}`;
    out.push(head, ...rest.map((l) => (l === '' ? '' : `${indent}  ${escapeLine(l, false)}`)));
  }
  return out;
}

function dropTrailingEmpty(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}

const KINDS: Record<string, LinkKind> = {
  causes: 'causes',
  'sets up': 'sets_up',
  'must happen before': 'precedes',
};

// After `- → `: kind (strength): 'quote' (event, beat N), intentional — note
const LINK =
  /^(causes|sets up|must happen before) \((hard|soft)\): (?:(?:\\.|[^\\(])*? )?\(((?:\\.|[^\\)])*), beat (\d{1,9})\)(, intentional)?( —(?: (.*))?)?$/s;

/** A link as read from its line, before its beat is found. */
export interface DraftLink {
  line: number;
  from: [number, number];
  kind: LinkKind;
  strength: LinkStrength;
  intentional: boolean;
  event: string;
  beat: number;
  noteLines: string[];
  /** Characters of the note so far, and blank lines waiting for text after them. */
  noteChars: number;
  blanks: number;
}

/**
 * Reads a link line's text (after the beat's indent, starting with `- → `); throws a
 * StoryFileError naming the line when it is not one.
 */
export function readLinkLine(text: string, line: number, from: [number, number]): DraftLink {
  const m = LINK.exec(text.slice(LINK_START.length));
  if (!m) {
    throw new StoryFileError(
      `line ${line}: a link reads "- → causes (hard): 'The beat' (Event title, beat 2)" ` +
        '(kinds: causes, sets up, must happen before; strength hard or soft); start the line ' +
        'with \\ to keep it as text.',
    );
  }
  const draft: DraftLink = {
    line,
    from,
    kind: KINDS[m[1]!]!,
    strength: m[2] as LinkStrength,
    intentional: m[5] !== undefined,
    event: readInline(m[3]!),
    beat: Number(m[4]),
    noteLines: [],
    noteChars: 0,
    blanks: 0,
  };
  if (m[6] !== undefined) addNoteLine(draft, readInline(m[7] ?? ''));
  return draft;
}

/** Adds a line to a link's note (with the blank lines before it), refusing a note too long. */
export function addNoteLine(draft: DraftLink, text: string): void {
  draft.noteChars += draft.blanks + text.length + 1;
  if (draft.noteChars > LIMITS.linkNote + 1) {
    throw new StoryFileError(
      `line ${draft.line}: link note: must be at most ${LIMITS.linkNote} characters`,
    );
  }
  for (; draft.blanks > 0; draft.blanks--) draft.noteLines.push('');
  draft.noteLines.push(text);
}

/**
 * The links of a whole outline, their beats found by event name and number: refuses a beat
 * that is not there, a link to itself, a duplicate and a loop of `causes`/`precedes` links,
 * naming the line (a loop of `sets_up` links is kept: the story check reports it).
 */
export function resolveMarkdownLinks(
  drafts: readonly DraftLink[],
  events: readonly EventDocument[],
): StoryLogicDocument['links'] {
  const byTitle = new Map<string, number | null>();
  events.forEach((e, i) => byTitle.set(e.title, byTitle.has(e.title) ? null : i));
  const keys = new Set<string>();
  const links = drafts.map((d) => {
    const fail = (message: string): never => {
      throw new StoryFileError(`line ${d.line}: ${message}`);
    };
    const number = EVENT_NUMBER.exec(d.event);
    const found = number ? Number(number[1]) - 1 : byTitle.get(d.event);
    if (found === null) fail(`two events are titled "${d.event}": name it by number (event 3).`);
    if (found === undefined || found === null || found < 0 || found >= events.length) {
      return fail(`the link names event "${d.event}", which this outline does not have.`);
    }
    const e = found;
    const m = d.beat - 1;
    if (m < 0 || m >= events[e]!.moments.length) {
      fail(`the link names beat ${d.beat} of "${d.event}", which has no such beat.`);
    }
    if (d.from[0] === e && d.from[1] === m) fail('a beat cannot be linked to itself.');
    const key = `${d.from.join(',')}>${e},${m}:${d.kind}`;
    if (keys.has(key)) fail(`these beats already have a ${d.kind} link.`);
    keys.add(key);
    const note = d.noteLines.join('\n');
    const problem = textProblem(note, { max: LIMITS.linkNote });
    if (problem !== null) fail(`link note: ${problem}`);
    return {
      from: d.from,
      to: [e, m] as [number, number],
      kind: d.kind,
      strength: d.strength,
      note,
      intentional: d.intentional,
    };
  });
  refuseLoops(drafts, links);
  return links;
}

/**
 * Refuses `causes`/`must happen before` links that make a loop in story time, naming their
 * lines. A loop of "sets up" links is kept (h73), as in a story file: the check reports it.
 */
function refuseLoops(drafts: readonly DraftLink[], links: StoryLogicDocument['links']): void {
  const loop = loopLinks(links);
  if (loop.length === 0) return;
  const lines = loop.map((i) => drafts[i]!.line).join(', ');
  throw new StoryFileError(
    `line ${drafts[loop[0]!]!.line}: the causes and "must happen before" links make a loop in ` +
      `story time (lines ${lines}): a beat would have to happen before itself.`,
  );
}
