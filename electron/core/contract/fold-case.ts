/**
 * How search compares letters, the same in the library (core/search.ts) and on screen (the
 * board's highlights and the match list's marks): lower case in every script, locale-free, so
 * "élodie" finds "Élodie" and "ÆTHER" finds "æther". Two letters are made plain too: İ (whose
 * lower case is two characters) folds to i, and the final ς to σ (toLowerCase picks ς or σ from
 * the neighbours, which a query typed in part does not have). Every character keeps its place
 * (the length never changes), so an index in the folded text is an index in the text.
 */
export function foldCase(text: string): string {
  return text
    .replace(/\u0130/g, 'i')
    .toLowerCase()
    .replace(/ς/g, 'σ');
}
