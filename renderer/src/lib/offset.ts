/** Largest offset the data layer accepts: 100 days, in seconds (mirrors the contract's limit). */
export const MAX_OFFSET_SECONDS = 100 * 24 * 3600;

/** Formats seconds as `m:ss`, or `h:mm:ss` from one hour up: 30 → "0:30", 3723 → "1:02:03". */
export function formatOffset(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  if (h > 0) return `${h}:${String(m).padStart(2, '0')}:${ss}`;
  return `${m}:${ss}`;
}

export type ParsedOffset = { ok: true; seconds: number | null } | { ok: false; message: string };

const HINT = 'Use m:ss (1:30), h:mm:ss (1:02:03) or seconds (90).';

/**
 * Reads what a writer typed as a time offset: `m:ss`, `h:mm:ss` or plain seconds.
 * Empty text clears the offset (null). Anything else is refused with a message.
 */
export function parseOffset(text: string): ParsedOffset {
  const input = text.trim();
  if (input === '') return { ok: true, seconds: null };
  let seconds: number;
  if (/^\d+(\.\d+)?$/.test(input)) {
    seconds = Number(input);
  } else {
    const parts = /^(\d+):(\d{1,2})(?::(\d{1,2}))?$/.exec(input);
    if (!parts) return { ok: false, message: `“${input}” is not a time. ${HINT}` };
    const [, a = '0', b = '0', c] = parts;
    if (c === undefined) {
      const [m, s] = [Number(a), Number(b)];
      if (s > 59) return { ok: false, message: `Seconds must be 0–59 in “${input}”. ${HINT}` };
      seconds = m * 60 + s;
    } else {
      const [h, m, s] = [Number(a), Number(b), Number(c)];
      if (m > 59) return { ok: false, message: `Minutes must be 0–59 in “${input}”. ${HINT}` };
      if (s > 59) return { ok: false, message: `Seconds must be 0–59 in “${input}”. ${HINT}` };
      seconds = h * 3600 + m * 60 + s;
    }
  }
  if (!Number.isFinite(seconds) || seconds > MAX_OFFSET_SECONDS) {
    return { ok: false, message: `“${input}” is too long: the limit is 100 days.` };
  }
  return { ok: true, seconds };
}
