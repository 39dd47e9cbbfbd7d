// Search folds case beyond A-Z (h54): a writer who types "élodie" finds "Élodie", "ÆTHER" finds
// "æther", in the library's search (moments:search, with and without event titles) and in the
// snippet's place, on real library files. The fold keeps every character's place, so the
// snippet and the board's highlight mark the text where it matched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldCase, matchRanges, searchFold } from '../../electron/core/contract/fold-case';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('search folds case in every script', () => {
  it('finds beats whatever the case of their letters, accented, ligatures, Greek, Cyrillic', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const { story } = seedStory(d, {
      One: [
        'Élodie opens the door',
        'the æther hums',
        'ΟΔΟΣ ΜΑΚΡΙΑ',
        'ночь на МОСТУ',
        'She flies to İstanbul',
        'Le COURIER arrivé',
        'nothing here',
      ],
    });
    const texts = (query: string) =>
      must(d.call('moments:search', { storyId: story.id, query })).hits.map((h) => h.snippet);
    const before = dumpDatabase(lib.db);

    expect(texts('élodie')).toEqual(['Élodie opens the door']);
    expect(texts('ÉLODIE')).toEqual(['Élodie opens the door']);
    expect(texts('ÆTHER')).toEqual(['the æther hums']);
    // A final sigma (ς) is the same letter as σ and Σ.
    expect(texts('οδος')).toEqual(['ΟΔΟΣ ΜΑΚΡΙΑ']);
    expect(texts('ΟΔΟΣ Μ')).toEqual(['ΟΔΟΣ ΜΑΚΡΙΑ']);
    expect(texts('НОЧЬ на мосту')).toEqual(['ночь на МОСТУ']);
    expect(texts('istanbul')).toEqual(['She flies to İstanbul']);
    // A-Z as before, in a beat that also holds other letters.
    expect(texts('courier ARRIVÉ')).toEqual(['Le COURIER arrivé']);
    expect(texts('zebra')).toEqual([]);
    expect(dumpDatabase(lib.db)).toBe(before);
  });

  it('cuts the snippet around the match in the text as written', async () => {
    const { dispatcher: d } = await tempLibrary();
    const long = `${'Ω'.repeat(60)} then ÉLODIE and the ÆTHER ${'ω'.repeat(60)}`;
    const { story } = seedStory(d, { One: [long] });
    const [hit] = must(d.call('moments:search', { storyId: story.id, query: 'æther' })).hits;
    // 40 characters either side of the match, as for A-Z.
    expect(hit!.snippet).toBe(`…${'Ω'.repeat(19)} then ÉLODIE and the ÆTHER ${'ω'.repeat(39)}…`);
  });

  it('with event titles: each word is found in the text or the title whatever its case', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story, events } = seedStory(d, {
      'ÉTÉ À PARIS': ['Élodie arrive', 'la pluie'],
      Hiver: ['élodie part'],
    });
    const ids = (query: string) =>
      must(d.call('moments:search', { storyId: story.id, query, eventTitles: true })).hits.map(
        (h) => h.momentId,
      );
    expect(ids('été ÉLODIE')).toEqual([events[0]!.moments[0]!.id]);
    expect(ids('ÉLODIE')).toEqual([events[0]!.moments[0]!.id, events[1]!.moments[0]!.id]);
    const [hit] = must(
      d.call('moments:search', { storyId: story.id, query: 'paris PLUIE', eventTitles: true }),
    ).hits;
    expect(hit!.snippet).toBe('la pluie');
  });

  it('the fold keeps every character in its place (its length), so a match marks the text as written', () => {
    const changed: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      if (foldCase(c).length !== c.length) changed.push(cp.toString(16));
    }
    expect(changed).toEqual([]);
    // Final sigma depends on its neighbours in toLowerCase; the fold does not.
    expect(foldCase('ΟΔΟΣ')).toBe(foldCase('ΟΔΟΣ ΜΑΚΡΙΑ').slice(0, 4));
  });

  it('ß is ss: "strasse" finds "Straße", "straße" finds "STRASSE", the snippet cut around it (h74)', async () => {
    const { dispatcher: d } = await tempLibrary();
    const long = `${'x'.repeat(50)} die Straße hinab ${'y'.repeat(50)}`;
    const { story } = seedStory(d, {
      One: ['Sie geht die Straße hinab', 'DIE STRASSE', 'Fuß', long, 'Strase', 'ЖУРНАЛ У ГРОССА'],
    });
    const texts = (query: string, eventTitles = false) =>
      must(d.call('moments:search', { storyId: story.id, query, eventTitles })).hits.map(
        (h) => h.snippet,
      );
    // 40 characters either side of the match as written ("Straße": six, not seven).
    const cut = (x: number, y: number) => `…${'x'.repeat(x)} die Straße hinab ${'y'.repeat(y)}…`;
    const both = ['Sie geht die Straße hinab', 'DIE STRASSE'];
    expect(texts('strasse')).toEqual([...both, cut(35, 33)]);
    expect(texts('Straße')).toEqual([...both, cut(35, 33)]);
    expect(texts('STRAẞE')).toEqual([...both, cut(35, 33)]);
    expect(texts('strasse hinab', true)).toEqual([both[0], cut(35, 33)]);
    expect(texts('fuss')).toEqual(['Fuß']);
    expect(texts('ß')).toEqual([...both, 'Fuß', cut(31, 32)]);
    expect(texts('straß')).toEqual([...both, cut(35, 32)]);
    expect(texts('strase')).toEqual(['Strase']);
  });

  it('Greek without tonos or dialytika: "σοφια" finds "Σοφία" and "ΣΟΦΙΑΣ", marked where they are (h79)', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, {
      One: ['η Σοφία γελά', 'ΤΗΣ ΣΟΦΙΑΣ', 'το προϊόν', 'Σοφός', 'ΐ και ΰ'],
    });
    const texts = (query: string, eventTitles = false) =>
      must(d.call('moments:search', { storyId: story.id, query, eventTitles })).hits.map(
        (h) => h.snippet,
      );
    expect(texts('σοφια')).toEqual(['η Σοφία γελά', 'ΤΗΣ ΣΟΦΙΑΣ']);
    expect(texts('ΣΟΦΊΑ')).toEqual(['η Σοφία γελά', 'ΤΗΣ ΣΟΦΙΑΣ']);
    // The final ς is σ; ΣΟΦΙΑΣ's last letter is the ς of "Σοφίας".
    expect(texts('σοφίας')).toEqual(['ΤΗΣ ΣΟΦΙΑΣ']);
    expect(texts('σοφος')).toEqual(['Σοφός']);
    expect(texts('προιον')).toEqual(['το προϊόν']);
    expect(texts('ΠΡΟΪΟΝ')).toEqual(['το προϊόν']);
    expect(texts('ι και υ')).toEqual(['ΐ και ΰ']);
    expect(texts('σοφια γελα', true)).toEqual(['η Σοφία γελά']);
    const marked = (text: string, query: string) =>
      matchRanges(text, query).map(([from, to]) => text.slice(from, to));
    expect(marked('η Σοφία και η ΣΟΦΙΑ', 'σοφια')).toEqual(['Σοφία', 'ΣΟΦΙΑ']);
    expect(marked('της Σοφίας.', 'σοφιασ')).toEqual(['Σοφίας']);
  });

  it('marks each match where it is in the text as written; a match inside a ß takes the whole ß', () => {
    const marked = (text: string, query: string) =>
      matchRanges(text, query).map(([from, to]) => text.slice(from, to));
    expect(marked('Die Straße, die STRASSE', 'strasse')).toEqual(['Straße', 'STRASSE']);
    expect(marked('Die Straße', 'STRAẞE')).toEqual(['Straße']);
    expect(marked('Straße', 'stras')).toEqual(['Straß']);
    expect(marked('Straße', 'se')).toEqual(['ße']);
    expect(marked('groß und ÉLODIE 😀 élodie', 'élodie')).toEqual(['ÉLODIE', 'élodie']);
    expect(matchRanges('Ein Fuß', 'fuss')).toEqual([[4, 7]]);
    expect(matchRanges('abc', '')).toEqual([]);
  });

  it('finds exactly the beats whose folded text holds the folded query, whatever the characters', async () => {
    // The search runs in SQLite (LIKE, a LIKE prefilter, GLOB classes); the reference is
    // foldCase in JavaScript. Letters with odd folds (İ, the Kelvin sign, ς) and the pattern
    // characters of LIKE and GLOB are in the alphabet, and so are caseless ones in any script.
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const alphabet = [
      'a',
      'A',
      'i',
      'I',
      'İ',
      'k',
      'K',
      '\u212a',
      'é',
      'É',
      'σ',
      'ς',
      'Σ',
      ' ',
      '%',
      '_',
      '*',
      '?',
      '[',
      ']',
      '\\',
      'ж',
      'Ж',
      // ß is ss: a query's s may meet half of one.
      's',
      'S',
      'ß',
      'ẞ',
      // Greek vowels with tonos and dialytika (folded to the bare vowel), an umlaut.
      'ι',
      'ί',
      'Ί',
      'ΐ',
      'Ϊ',
      'ü',
      'Ü',
      // Caseless letters beyond ASCII (the prefilter compares them as they are), a lower-case
      // letter nothing else folds to, and astral letters with and without case.
      'ש',
      '信',
      'ϐ',
      '😀',
      '\u{10428}',
      '\u{10400}',
    ];
    const text = fc
      .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 })
      .map((cs) => cs.join(''));
    const texts = fc.sample(text, { numRuns: 120, seed: 7 });
    const { story, events } = seedStory(d, { One: texts });
    const ids = events[0]!.moments.map((m) => m.id);
    // Random queries (mostly found nowhere) and pieces of the texts in another case (found).
    const random = fc
      .array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 5 })
      .map((cs) => cs.join(''));
    const piece = fc
      .tuple(fc.constantFrom(...texts), fc.nat(11), fc.integer({ min: 1, max: 6 }), fc.nat(2))
      .map(([t, from, n, how]) => {
        const cs = [...t]; // by code point: a lone half of 😀 is refused
        const q = cs.slice(Math.min(from, cs.length - 1), from + n).join('');
        return [q, q.toUpperCase(), foldCase(q)][how]!;
      });
    const query = fc.oneof(random, piece).filter((q) => q.trim() !== '');
    fc.assert(
      fc.property(query, (q) => {
        const found = must(
          d.call('moments:search', { storyId: story.id, query: q, limit: 200 }),
        ).hits.map((h) => h.momentId);
        const expected = ids.filter((_, i) => searchFold(texts[i]!).includes(searchFold(q)));
        expect(found).toEqual(expected);
      }),
      { numRuns: 500, seed: 11 },
    );
  });
});
