// The shape of the patterns search hands SQLite (core/search-patterns.ts), which decides what a
// query found nowhere costs: the exactness of the patterns is held by the property test in
// search-case-folding.test.ts, on real library files. SQLite's GLOB skips ahead to a literal
// character after `*` but tries every position when a class (`[эЭ]`) follows it, so a query
// whose first letter has a case beyond A-Z (Cyrillic, Greek) took ~3x the miss of a French one.
import { describe, expect, it } from 'vitest';
import { foldCase } from '../../electron/core/contract/fold-case';
import { searchPatterns } from '../../electron/core/search-patterns';

const globs = (query: string) => {
  const p = searchPatterns(query);
  return [p.glob, p.glob2, p.glob3].filter((g): g is string => g !== null);
};

describe('search patterns', () => {
  it('anchor each GLOB on one form of the first letter, a literal after `*`', () => {
    expect(globs('Элоди')).toEqual(['*э[лЛ][оО][дД][иИ]*', '*Э[лЛ][оО][дД][иИ]*']);
    expect(globs('σε')).toEqual(['*σ[εΕ]*', '*Σ[εΕ]*', '*ς[εΕ]*']);
    expect(globs('été')).toEqual(['*é[tT][éÉ]*', '*É[tT][éÉ]*']);
    // A first character without case: one GLOB; GLOB's own characters taken literally.
    expect(globs('1 ночь')).toEqual(['*1 [нН][оО][чЧ][ьЬ]*']);
    expect(globs('*a?[')).toEqual(['*[*][aA][?][[]*']);
    for (const query of ['Élodie à minuit', 'Ελοντί', 'ночь', 'istanbul', 'k', 'ǆ', '信', '😀x']) {
      for (const g of globs(query)) expect(g).not.toMatch(/^\*\[/);
    }
  });

  it('no letter has more than three forms (the three GLOBs hold every one)', () => {
    const forms = new Map<string, number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const folded = foldCase(String.fromCodePoint(cp));
      forms.set(folded, (forms.get(folded) ?? 0) + 1);
    }
    let most = 0;
    for (const n of forms.values()) most = Math.max(most, n);
    expect(most).toBe(3);
  });

  it('a query beyond ASCII once folded skips the all-ASCII test (such text cannot hold it)', () => {
    expect(searchPatterns('Элоди').like).toBeNull();
    expect(searchPatterns('É').like).toBeNull();
    expect(searchPatterns('İstanbul').like).toBe('%istanbul%');
    expect(searchPatterns('50%_off').like).toBe('%50\\%\\_off%');
  });

  it('the LIKE prefilter keeps an s but where it may be half a ß: at either end or beside an s', () => {
    expect(searchPatterns('Haus am See').prefilter).toBe('%haus am see%');
    expect(searchPatterns('Straße').prefilter).toBe('%tra%');
    expect(searchPatterns('süß').prefilter).toBe('%%');
    // i and k: the dotted İ and the Kelvin sign fold to them.
    expect(searchPatterns('kick it').prefilter).toBe('%c%');
  });
});
