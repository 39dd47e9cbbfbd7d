/**
 * Markdown text escapes, both ways (the rules are in markdown.ts's header): what the outline
 * writes so that writer text reads back exactly, and how a line of Markdown text reads as the
 * writer's plain text.
 */

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const BEAT_BRACKET = /^([ \t]{0,3})\[/;
const NUMBER_SPECIAL = /^( {0,3}\d+)([.)](?=[ \t]|$))/;
/**
 * What CommonMark reads as the start of a block after at most three spaces: a heading, a
 * bullet, a quote, an HTML block, a `~~~` fence, a `[` that may open a link reference
 * definition (`[label]: url`, its label may run over lines), a rule or a
 * setext underline (`---`, `- -  -`, `===`); and any `=` there, which a file named `.txt` would
 * count as a Fountain synopsis (import-format.ts). `*`, `_` and `` ` `` are escaped everywhere
 * already.
 */
const BLOCK_START = /^( {0,3})(?=#|[-+](?=[ \t]|$)|>|<[A-Za-z/!?]|~~~|\[|(?:-[ \t]*){2,}$|=)/;
/**
 * A GFM table's delimiter row (`:--`, `-|-`, `| --- | :-: |`): under a line of text it makes
 * that line a table's header, and Prettier rewrites both (`| a   |`).
 */
const TABLE_DELIMITER = /^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;
/** A closing run of `#` that CommonMark drops from a heading (`## Chapter #`). */
const CLOSING_HASHES = /(^|[ \t])(#+[ \t]*)$/;

/** Backslashes before `*`, `_`, `` ` `` and before a backslash that precedes punctuation. */
export function escapeInline(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '*' || c === '_' || c === '`') out += `\\${c}`;
    else if (c === '\\' && ASCII_PUNCTUATION.test(text[i + 1] ?? '')) out += '\\\\';
    else out += c;
  }
  return out;
}

/** A story or event title for its `#` / `##` heading: escaped, a closing `#` run kept as text. */
export function escapeHeading(title: string): string {
  return escapeInline(title).replace(CLOSING_HASHES, '$1\\$2');
}

/**
 * Escapes one line of text so that neither Beatline nor a CommonMark tool reads it as
 * structure; `beatStart` is the first line of a beat (after its time).
 */
export function escapeLine(line: string, beatStart: boolean): string {
  const text = escapeInline(line);
  if (BLOCK_START.test(text)) return text.replace(BLOCK_START, '$1\\');
  if (TABLE_DELIMITER.test(text)) return text.replace(/^[ \t]*/, '$&\\');
  // A beat's time may follow up to three spaces or tabs (`1.  [0:30]`): text there is escaped.
  if (beatStart && BEAT_BRACKET.test(text)) return text.replace(BEAT_BRACKET, '$1\\[');
  return text.replace(NUMBER_SPECIAL, '$1\\$2');
}

/** Spaces and tabs at the start of a beat, as the export writes them: `&#32;` and `&#9;`. */
const LEADING_BLANKS = /^[ \t]+/;
const LEADING_REFS = /^(?:&#32;|&#9;)+/;

/**
 * The first line of a beat (after its time): CommonMark takes up to four spaces after a list
 * marker as its padding, so spaces and tabs the beat starts with are written as character
 * references, and a `&#32;` or `&#9;` typed there gets a backslash (`\&#32;`).
 */
export function escapeBeatStart(line: string): string {
  const blanks = LEADING_BLANKS.exec(line)?.[0] ?? '';
  const refs = blanks.replaceAll(' ', '&#32;').replaceAll('\t', '&#9;');
  const text = escapeLine(line.slice(blanks.length), true);
  return refs + (LEADING_REFS.test(text) ? `\\${text}` : text);
}

/** The first line of a beat as the writer's text: escapeBeatStart undone. */
export function readBeatStart(line: string): string {
  const refs = LEADING_REFS.exec(line)?.[0] ?? '';
  const blanks = refs.replaceAll('&#32;', ' ').replaceAll('&#9;', '\t');
  return blanks + readInline(line.slice(refs.length));
}

interface Delimiter {
  char: '*' | '_';
  /** Markers of the run not yet matched. */
  left: number;
}

const INLINE_SPECIAL = /[\\*_]/;
const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;
const space = (c: string | undefined) => c === undefined || SPACE.test(c);
const word = (c: string | undefined) => c !== undefined && WORD.test(c);

/**
 * A line of Markdown text as the writer's plain text: backslash escapes undone, and pairs of
 * `*` / `_` emphasis markers dropped (a `_` inside a word, as in snake_case, and a `*` with
 * spaces on both sides are text). Within one line; unmatched markers stay as text. A closing
 * run pairs with the nearest open run of its character, so the work is linear in the line.
 */
export function readInline(line: string): string {
  if (!INLINE_SPECIAL.test(line)) return line;
  const pieces: Array<string | Delimiter> = [];
  const open: Record<Delimiter['char'], Delimiter[]> = { '*': [], _: [] };
  const special = /[\\*_]/g;
  let from = 0; // where the text not yet in `pieces` starts
  for (let match = special.exec(line); match; match = special.exec(line)) {
    const i = match.index;
    const c = line[i]!;
    if (c === '\\') {
      // An escape keeps the character after it as text; a lone backslash is text itself.
      if (ASCII_PUNCTUATION.test(line[i + 1] ?? '')) {
        pieces.push(line.slice(from, i));
        from = i + 1;
        special.lastIndex = i + 2;
      }
      continue;
    }
    let end = i;
    while (line[end] === c) end++;
    const before = line[i - 1];
    const after = line[end];
    let canOpen = !space(after);
    let canClose = i > 0 && !space(before);
    if (c === '_') {
      canOpen &&= !word(before);
      canClose &&= !word(after);
    }
    const run: Delimiter = { char: c as Delimiter['char'], left: end - i };
    pieces.push(line.slice(from, i), run);
    from = end;
    special.lastIndex = end;
    const stack = open[run.char];
    const opener = stack.at(-1);
    if (canClose && opener) {
      const n = Math.min(opener.left, run.left);
      opener.left -= n;
      run.left -= n;
      if (opener.left === 0) stack.pop();
    }
    if (canOpen && run.left > 0) stack.push(run);
  }
  pieces.push(line.slice(from));
  return pieces.map((p) => (typeof p === 'string' ? p : p.char.repeat(p.left))).join('');
}
