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
    expect(globs('σε')).toEqual(['*σ[εΈΕέ]*', '*Σ[εΈΕέ]*', '*ς[εΈΕέ]*']);
    expect(globs('été')).toEqual(['*é[tT][éÉ]*', '*É[tT][éÉ]*']);
    // A first character without case: one GLOB; GLOB's own characters taken literally.
    expect(globs('1 ночь')).toEqual(['*1 [нН][оО][чЧ][ьЬ]*']);
    expect(globs('*a?[')).toEqual(['*[*][aA][?][[]*']);
    for (const query of ['Élodie à minuit', 'Λένα', 'ночь', 'istanbul', 'k', 'ǆ', '信', '😀x']) {
      for (const g of globs(query)) expect(g).not.toMatch(/^\*\[/);
    }
  });

  it('past three forms (a Greek vowel: tonos, dialytika) the third GLOB holds the rest as a class', () => {
    const forms = new Map<string, number>();
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const folded = foldCase(String.fromCodePoint(cp));
      forms.set(folded, (forms.get(folded) ?? 0) + 1);
    }
    const many = [...forms].filter(([, n]) => n > 3).map(([folded]) => folded);
    expect(many.join('')).toBe('αεηιουω');
    expect(globs('ίδιο')[2]).toBe('*[ΐΙΪίϊ][δΔ][ιΊΐΙΪίϊ][οΌΟό]*');
  });

  it('anchor a scan on the character cheapest to skip to, up to an s that may be half a ß', () => {
    const anchors = (query: string) => {
      const p = searchPatterns(query);
      return [p.anchor, p.anchor2].filter((g): g is string => g !== null);
    };
    // No ASCII letter: a space, one form, one scan.
    expect(anchors('Элоди в полночь')).toEqual(['* [вВ] [пП][оО][лЛ][нН][оО][чЧ][ьЬ]*']);
    expect(anchors('σοφια')).toEqual(['*φ[ιΊΐΙΪίϊ][αΆΑά]*', '*Φ[ιΊΐΙΪίϊ][αΆΑά]*']);
    // The s after ü may be the first half of a ß: the anchor stops there.
    expect(anchors('süß')).toEqual(['*ü[sSßẞ]*', '*Ü[sSßẞ]*']);
    // An ASCII letter before a space (GLOB skips to it with strcspn, a space is everywhere).
    expect(anchors('Schloss am See')).toEqual(['*c[hH][lL][oO][sSßẞ]*', '*C[hH][lL][oO][sSßẞ]*']);
    expect(anchors('porte à')).toEqual(['*p[oO][rR][tT][eE] [àÀ]*', '*P[oO][rR][tT][eE] [àÀ]*']);
    // No letter of two forms or fewer (an s never anchors): no anchor, every beat goes on.
    expect(anchors('ss')).toEqual([]);
    expect(anchors('ik')).toEqual([]);
  });

  it('a query beyond ASCII once folded skips the all-ASCII test (such text cannot hold it)', () => {
    expect(searchPatterns('Элоди').like).toBeNull();
    expect(searchPatterns('É').like).toBeNull();
    expect(searchPatterns('İstanbul').like).toBe('%istanbul%');
    expect(searchPatterns('50%_off').like).toBe('%50\\%\\_off%');
  });

  it('the LIKE prefilter keeps an s but where it may be half a ß (at either end or beside an s)', () => {
    expect(searchPatterns('Haus am See').prefilter).toBe('%haus am see%');
    expect(searchPatterns('Straße').prefilter).toBe('%tra%');
    expect(searchPatterns('süß').prefilter).toBe('%%');
    // i and k (the dotted İ and the Kelvin sign fold to them), an accented letter: one
    // character of the text, `_`; the run from a letter, the one with the most letters.
    expect(searchPatterns('kick it').prefilter).toBe('%c_ _t%');
    expect(searchPatterns('große Tor bei T').prefilter).toBe('%e tor be_ t%');
    expect(searchPatterns('Élodie à minuit').prefilter).toBe('%lod_e _ m_nu_t%');
    // No letter LIKE compares: nothing to skip ahead to, every beat goes on.
    expect(searchPatterns('Ελοντί τα μεσάνυχτα').prefilter).toBe('%%');
  });
});
