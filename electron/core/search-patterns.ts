import { foldCase, searchFold } from './contract/fold-case';

/**
 * The patterns SQLite matches a query with, case-insensitively in every script, ß as ss
 * (`searchFold`; core/search.ts):
 * - `like`: the folded query for LIKE, which folds A-Z itself; exact for text that is all ASCII;
 *   null when the folded query is not all ASCII, as such text cannot hold it;
 * - `glob`, `glob2`, `glob3`: GLOB patterns for the text as written, one for each form of the
 *   query's first letter (`*э…`, `*Э…`; null past the letter's forms; the third holds the
 *   rest of a Greek vowel's forms as a class, `*[ίΊϊΪΐ]…`), each other letter the class of
 *   every character that folds to it (`[éÉ]`, `[iIİ]`, `[kKK]`). Together exact for any text,
 *   compared in SQLite, not JavaScript. GLOB skips ahead to a plain character after `*` but
 *   tries every position when a class follows it, so each pattern starts with one form: in
 *   Cyrillic or Greek a query found nowhere cost ~3x more;
 * - `anchor`, `anchor2`: GLOBs every match also matches, each run over the whole text (one
 *   scan each), so that the exact ones run only on the beats that pass: one per form of the
 *   query's first character of two forms at most that costs least to scan for (an ASCII
 *   letter or digit; else a space or a letter beyond ASCII; null when none), then the
 *   classes of the characters after it up to an s, which may be the first half of a ß
 *   (`* [тТ][аА] [мМ]*`, `*ü[sSßẞ]*`). In Greek, Cyrillic or German a miss then costs one or
 *   two scans instead of two to five;
 * - `sharp`: 1 when the folded query holds an s, which may be (half) a ß of the text: the GLOBs
 *   then read the text with each ß and ẞ as ss; else 0 (a ß cannot be in a match);
 * - `prefilter`: a LIKE pattern every match also matches (a run of the query that LIKE
 *   compares exactly but for a `_` here and there), so that GLOB, slower, runs only on the
 *   beats that pass it;
 */
export interface SearchPatterns {
  like: string | null;
  prefilter: string;
  anchor: string | null;
  anchor2: string | null;
  glob: string;
  glob2: string | null;
  glob3: string | null;
  sharp: 0 | 1;
}

let classes: Map<string, string> | null = null;

/**
 * Each folded character with the others that fold to it (é -> éÉ). Built once, on the first
 * search, from every code point with a case (none lies above U+1FFFF).
 */
function foldClasses(): Map<string, string> {
  if (classes) return classes;
  const made = new Map<string, string>();
  for (let cp = 0; cp <= 0x1ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    const folded = foldCase(c);
    if (folded !== c) made.set(folded, (made.get(folded) ?? folded) + c);
  }
  classes = made;
  return made;
}

/** `text` for LIKE with `\` as its escape: its `%`, `_` and `\` taken literally. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One character in a GLOB pattern, itself (`*`, `?` and `[` taken literally). */
const globLiteral = (c: string) => (c === '*' || c === '?' || c === '[' ? `[${c}]` : c);

/** One folded character in a GLOB pattern: the class of the characters that fold to it. */
function globChar(c: string, foldClass: Map<string, string>): string {
  const members = foldClass.get(c);
  return members ? `[${members}]` : globLiteral(c);
}

/** The forms of folded character `c` (itself and every character that folds to it). */
const formsOf = (c: string, foldClass: Map<string, string>) => [...(foldClass.get(c) ?? c)];

/**
 * The `prefilter` run of the folded query's characters: LIKE compares exactly the ASCII ones no
 * other character folds to (all but i and k), and an s but where it may be half a ß of the text
 * (at either end or beside another s: it ends the run); any other character is one character of
 * the text, `_`. The run holding the most letters and digits (a space is in most beats), from
 * one of them, so LIKE skips ahead to it ("e tor be_ t" for "große Tor bei T").
 */
function likePrefilter(chars: string[], foldClass: Map<string, string>): string {
  let best = '';
  let bestCount = 0;
  let run = '';
  let count = 0;
  chars.forEach((c, i) => {
    const ends = i === 0 || i === chars.length - 1;
    const half = c === 's' && (ends || chars[i - 1] === 's' || chars[i + 1] === 's');
    const plain = c < '\u0080' && !half && (foldClass.get(c) ?? '').length <= 2; // [aA]
    if (half) [run, count] = ['', 0];
    else if (plain && (run || c !== ' ')) run += likeLiteral(c);
    else if (run) run += '_';
    if (plain && c !== ' ') count++;
    if (count > bestCount) [best, bestCount] = [run, count];
  });
  return best;
}

/** The `anchor` GLOBs of the folded query's characters (see SearchPatterns). */
function anchorGlobs(chars: string[], foldClass: Map<string, string>): (string | null)[] {
  // GLOB skips to an ASCII character fast, else reads each character; a space is in most
  // beats many times over. An s may be half a ß of the text, so it never anchors.
  const costs = chars.map((c) => {
    const forms = formsOf(c, foldClass).length;
    if (c === 's' || forms > 2) return Infinity;
    return c < '\u0080' && c !== ' ' ? forms : 2 * forms;
  });
  const at = costs.indexOf(Math.min(...costs));
  if (at < 0 || costs[at] === Infinity) return [null, null];
  let tail = '';
  for (const c of chars.slice(at + 1)) {
    tail += c === 's' ? '[sSßẞ]' : globChar(c, foldClass);
    if (c === 's') break;
  }
  const [anchor = null, anchor2 = null] = formsOf(chars[at]!, foldClass).map(
    (form) => `*${globLiteral(form)}${tail}*`,
  );
  return [anchor, anchor2];
}

/** The patterns that find `query` anywhere in a text (see SearchPatterns). */
export function searchPatterns(query: string): SearchPatterns {
  const folded = searchFold(query);
  const foldClass = foldClasses();
  const chars = [...folded];
  const [first = '', ...rest] = chars;
  const tail = `${rest.map((c) => globChar(c, foldClass)).join('')}*`;
  const forms = formsOf(first, foldClass);
  const heads = forms.slice(0, 3).map(globLiteral);
  if (forms.length > 3) heads[2] = `[${forms.slice(2).join('')}]`; // a Greek vowel's
  const [glob = '', glob2 = null, glob3 = null] = heads.map((head) => `*${head}${tail}`);
  const [anchor = null, anchor2 = null] = anchorGlobs(chars, foldClass);
  return {
    like: /^[\0-\x7f]*$/.test(folded) ? `%${likeLiteral(folded)}%` : null,
    prefilter: `%${likePrefilter(chars, foldClass)}%`,
    anchor,
    anchor2,
    glob,
    glob2,
    glob3,
    sharp: folded.includes('s') ? 1 : 0,
  };
}
