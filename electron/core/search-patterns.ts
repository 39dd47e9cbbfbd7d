import { foldCase, searchFold } from './contract/fold-case';

/**
 * The patterns SQLite matches a query with, case-insensitively in every script, ß as ss
 * (`searchFold`; core/search.ts):
 * - `like`: the folded query for LIKE, which folds A-Z itself; exact for text that is all ASCII;
 *   null when the folded query is not all ASCII, as such text cannot hold it;
 * - `glob`, `glob2`, `glob3`: GLOB patterns for the text as written, one for each form of the
 *   query's first letter (`*э…`, `*Э…`; null past the letter's forms, three at most), each
 *   other letter the class of every character that folds to it (`[éÉ]`, `[iIİ]`, `[kKK]`).
 *   Together exact for any text, compared in SQLite, not JavaScript. GLOB skips ahead to a
 *   plain character after `*` but tries every position when a class follows it, so each
 *   pattern starts with one form: in Cyrillic or Greek a query found nowhere cost ~3x more;
 * - `sharp`: 1 when the folded query holds an s, which may be (half) a ß of the text: the GLOBs
 *   then read the text with each ß and ẞ as ss; else 0 (a ß cannot be in a match);
 * - `prefilter`: a LIKE pattern every match also matches (the longest run of the query that
 *   LIKE alone compares exactly), so that GLOB, slower, runs only on the beats that pass it.
 */
export interface SearchPatterns {
  like: string | null;
  prefilter: string;
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

/** The patterns that find `query` anywhere in a text (see SearchPatterns). */
export function searchPatterns(query: string): SearchPatterns {
  const folded = searchFold(query);
  const foldClass = foldClasses();
  const chars = [...folded];
  const [first = '', ...rest] = chars;
  // LIKE compares exactly the ASCII characters no other character folds to (all but i and k),
  // and an s but where it may be half a ß of the text: at either end or beside another s.
  let longest = '';
  let run = '';
  chars.forEach((c, i) => {
    const ends = i === 0 || i === chars.length - 1;
    const half = c === 's' && (ends || chars[i - 1] === 's' || chars[i + 1] === 's');
    const plain = c < '\u0080' && !half && (foldClass.get(c) ?? '').length <= 2; // [aA]
    run = plain ? run + c : '';
    if (run.length > longest.length) longest = run;
  });
  const tail = `${rest.map((c) => globChar(c, foldClass)).join('')}*`;
  const [glob = '', glob2 = null, glob3 = null] = [...(foldClass.get(first) ?? first)].map(
    (form) => `*${globLiteral(form)}${tail}`,
  );
  return {
    like: /^[\0-\x7f]*$/.test(folded) ? `%${likeLiteral(folded)}%` : null,
    prefilter: `%${likeLiteral(longest)}%`,
    glob,
    glob2,
    glob3,
    sharp: folded.includes('s') ? 1 : 0,
  };
}
