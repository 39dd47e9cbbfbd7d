import { LIMITS } from '../../../electron/core/contract/limits';
import { formatOffset, parseOffset as parseClock } from '../../../electron/core/contract/offsets';

/**
 * A beat's time offset as the writer types and reads it. One rule everywhere: the card, this
 * field and every export show `formatOffset` (core's), so `1.5` reads `0:01.5` in all of them.
 * What the writer types is kept to the millisecond, the finest the outlines show.
 */
export { formatOffset };

/** Largest offset the data layer accepts (the contract's limit, not a copy of it). */
export const MAX_OFFSET_SECONDS = LIMITS.maxOffsetSeconds;

export type ParsedOffset = { ok: true; seconds: number | null } | { ok: false; message: string };

const HINT = 'Use m:ss (1:30), h:mm:ss (1:02:03) or seconds (90 or 1.5).';

/** `1:5` → `1:05`: a one-digit field is padded so core's clock rule can read it. */
function padClock(input: string): string {
  const [clock = '', fraction] = input.split('.');
  const parts = clock.split(':');
  const padded = parts.map((part, i) => (i > 0 && part.length === 1 ? `0${part}` : part));
  return fraction === undefined ? padded.join(':') : `${padded.join(':')}.${fraction}`;
}

/**
 * Reads what a writer typed as a time offset: `m:ss`, `h:mm:ss` (either with a fraction) or
 * plain seconds (`90`, `1.5`). Empty text clears the offset (null); anything else is refused.
 */
export function parseOffset(text: string): ParsedOffset {
  const input = text.trim();
  if (input === '') return { ok: true, seconds: null };
  let seconds: number;
  if (/^\d+(\.\d+)?$/.test(input)) {
    seconds = Number(input);
  } else {
    const parts = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(\.\d+)?$/.exec(input);
    if (!parts) return { ok: false, message: `“${input}” is not a time. ${HINT}` };
    const [, , b = '0', c] = parts;
    if (c !== undefined && Number(b) > 59) {
      return { ok: false, message: `Minutes must be 0–59 in “${input}”. ${HINT}` };
    }
    if (Number(c ?? b) > 59) {
      return { ok: false, message: `Seconds must be 0–59 in “${input}”. ${HINT}` };
    }
    const read = parseClock(padClock(input));
    if (read === null) return { ok: false, message: `“${input}” is not a time. ${HINT}` };
    seconds = read;
  }
  if (!Number.isFinite(seconds) || seconds > MAX_OFFSET_SECONDS) {
    return { ok: false, message: `“${input}” is too long: the limit is 100 days.` };
  }
  return { ok: true, seconds: Math.round(seconds * 1000) / 1000 };
}
