import { matchRanges } from '../../../../electron/core/contract/fold-case';
import type { BeatSearchHit } from '../../../../electron/core/contract/types';

/**
 * Search matches on the board: the cards holding one are outlined (one generated style rule,
 * so a card drawn later is marked too) and the matched text is painted with the CSS Custom
 * Highlight API (no change to the cards' DOM), repainted whenever the board redraws.
 */
const STYLE_ID = 'beatline-search-style';
const ALL = 'beatline-search';
const CURRENT = 'beatline-search-current';

const selectorOf = (id: string) => `[data-beat-id="${CSS.escape(id)}"]`;

/** Writes the rule marking the cards of `hits`, the current one apart. */
export function markCards(hits: readonly BeatSearchHit[], current: string | null): void {
  let style = document.getElementById(STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = STYLE_ID;
    document.head.append(style);
  }
  const rules: string[] = [];
  if (hits.length > 0) {
    const cards = hits.map((h) => selectorOf(h.momentId)).join(',');
    rules.push(
      `:is(${cards}) { border-color: var(--search-hit); background: var(--search-hit-bg); }`,
    );
  }
  if (current) {
    rules.push(
      `${selectorOf(current)} { box-shadow: 0 0 0 2px var(--search-current), var(--shadow-2); }`,
      // A match past a long beat's eighth line shows: the current card is not clamped.
      `${selectorOf(current)} .beat-text.is-clamped { display: block; overflow: visible; }`,
    );
  }
  style.textContent = rules.join('\n');
}

/** Paints every occurrence of `query` in the drawn cards of `ids`; `current`'s apart. */
export function paintText(
  root: ParentNode,
  query: string,
  ids: ReadonlySet<string>,
  current: string | null,
): void {
  if (typeof CSS === 'undefined' || !('highlights' in CSS)) return;
  const all = new Highlight();
  const now = new Highlight();
  for (const card of root.querySelectorAll<HTMLElement>('[data-beat-id]')) {
    const id = card.dataset.beatId!;
    if (!ids.has(id)) continue;
    const text = card.querySelector('.beat-text')?.firstChild;
    if (!(text instanceof Text)) continue;
    for (const [from, to] of matchRanges(text.data, query)) {
      const range = new Range();
      range.setStart(text, from);
      range.setEnd(text, to);
      (id === current ? now : all).add(range);
    }
  }
  CSS.highlights.set(ALL, all);
  CSS.highlights.set(CURRENT, now);
}

/** Removes every search mark. */
export function clearMarks(): void {
  document.getElementById(STYLE_ID)?.remove();
  if (typeof CSS !== 'undefined' && 'highlights' in CSS) {
    CSS.highlights.delete(ALL);
    CSS.highlights.delete(CURRENT);
  }
}
