/**
 * How search compares letters' case, the same in the library (core/search.ts) and on screen (the
 * board's highlights and the match list's marks): lower case in every script, locale-free, so
 * "élodie" finds "Élodie" and "ÆTHER" finds "æther". Two letters are made plain too: İ (whose
 * lower case is two characters) folds to i, and the final ς to σ (toLowerCase picks ς or σ from
 * the neighbours, which a query typed in part does not have). A Greek vowel's tonos and
 * dialytika are dropped (ά, ΐ -> α, ι), as Greek capitals drop them: ΣΟΦΙΑ is Σοφία in capitals,
 * so "σοφια" finds both. Every character keeps its place (the length never changes), so an index
 * in the folded text is an index in the text. Search compares `searchFold`, which adds ß as ss.
 */
export function foldCase(text: string): string {
  return text
    .replace(/\u0130/g, 'i')
    .toLowerCase()
    .replace(/ς/g, 'σ')
    .replace(/[άέήίΐΰϊϋόύώ]/g, (c) => c.normalize('NFD')[0]!);
}

/**
 * How search compares text: `foldCase`, then each ß as ss, so that a German writer's "strasse"
 * finds "Straße" and "straße" finds "STRASSE" (ẞ folds to ß first). The one change of length,
 * so a match's place in the text as written comes from `matchRanges`.
 */
export function searchFold(text: string): string {
  return foldCase(text).replace(/ß/g, 'ss');
}

/**
 * Where `query` is in `text` as search compares them: `[from, to)` of each occurrence, in
 * `text`'s own indexes; a match that begins or ends inside a ß (as ss) takes the whole ß.
 */
export function matchRanges(text: string, query: string): Array<[number, number]> {
  const needle = searchFold(query);
  if (!needle) return [];
  const folded = foldCase(text);
  let hay = '';
  const at: number[] = []; // at[i]: the index in `text` that hay[i] comes from
  for (let i = 0; i < folded.length; i++) {
    const unit = folded[i] === 'ß' ? 'ss' : folded[i]!;
    hay += unit;
    for (let k = 0; k < unit.length; k++) at.push(i);
  }
  const ranges: Array<[number, number]> = [];
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) {
    ranges.push([at[i]!, at[i + needle.length - 1]! + 1]);
  }
  return ranges;
}
