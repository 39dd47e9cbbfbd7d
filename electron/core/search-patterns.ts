import { foldCase } from './contract/fold-case';

/**
 * The patterns SQLite matches a query with, case-insensitively in every script (core/search.ts):
 * - `like`: the folded query for LIKE, which folds A-Z itself; exact for text that is all ASCII;
 * - `glob`: a GLOB pattern for the text lowered by SQLite's `lower()` (A-Z only), in which
 *   each other letter is the class of every character that folds to it (`[éÉ]`, `[iİ]`,
 *   `[kK]`): exact for any text, and compared in SQLite, not JavaScript; the letters a-z stay
 *   plain, so GLOB skips ahead to them as LIKE does;
 * - `prefilter`: a LIKE pattern every match also matches (the longest run of the query that
 *   LIKE alone compares exactly), so that GLOB, slower, runs only on the beats that pass it.
 */
export interface SearchPatterns {
  like: string;
  prefilter: string;
  glob: string;
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

/**
 * One folded character in a GLOB pattern over lowered text: the class of the characters that
 * fold to it, less A-Z (lower() made them a-z), or itself (`*`, `?` and `[` escaped).
 */
function globChar(c: string, foldClass: Map<string, string>): string {
  const members = [...(foldClass.get(c) ?? '')].filter((m) => m < 'A' || m > 'Z');
  if (members.length > 1) return `[${members.join('')}]`;
  return c === '*' || c === '?' || c === '[' ? `[${c}]` : c;
}

/** The patterns that find `query` anywhere in a text (see SearchPatterns). */
export function searchPatterns(query: string): SearchPatterns {
  const folded = foldCase(query);
  const foldClass = foldClasses();
  const chars = [...folded];
  // LIKE compares exactly the ASCII characters no other character folds to (all but i and k).
  let longest = '';
  let run = '';
  for (const c of chars) {
    const plain = c < '\u0080' && (foldClass.get(c) ?? '').length <= 2; // a-z: [aA]
    run = plain ? run + c : '';
    if (run.length > longest.length) longest = run;
  }
  return {
    like: `%${likeLiteral(folded)}%`,
    prefilter: `%${likeLiteral(longest)}%`,
    glob: `*${chars.map((c) => globChar(c, foldClass)).join('')}*`,
  };
}
