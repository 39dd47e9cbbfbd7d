import type { LinkKind } from '../contract/types';
import { EMPTY_BEAT } from '../names';

/** How a link kind reads in a sentence: "causes", "sets up", "must happen before". */
export function kindWords(kind: LinkKind): string {
  return kind === 'causes' ? 'causes' : kind === 'sets_up' ? 'sets up' : 'must happen before';
}

/**
 * A beat's text as a short quote for messages: its first line, at most 60 characters; a beat
 * whose first line is empty is named as the board shows it ("Empty beat").
 */
export function quoteBeat(text: string): string {
  const line = text.trim().split(/\r?\n/, 1)[0] ?? '';
  if (line === '') return EMPTY_BEAT;
  return `'${line.length > 60 ? `${line.slice(0, 57)}...` : line}'`;
}
