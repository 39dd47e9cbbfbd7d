/**
 * The one rule for beat offsets, shared by the exports (formats/) and the renderer's time
 * field and cards (it lives in the contract, the part of core the renderer may import).
 *
 * Beat offsets as writers read them: `0:30`, `12:05`, `1:02:03`, with milliseconds when there
 * are any (`0:30.5`, `0:07.125`). The outlines show offsets to the millisecond; the JSON file
 * keeps the exact number.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `m:ss` under an hour, `h:mm:ss` from an hour on, plus `.fff` (trailing zeros cut) if any. */
export function formatOffset(seconds: number): string {
  const totalMs = Math.round(seconds * 1000);
  const whole = Math.floor(totalMs / 1000);
  const ms = totalMs % 1000;
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const clock = h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
  return ms === 0 ? clock : `${clock}.${String(ms).padStart(3, '0').replace(/0+$/, '')}`;
}

const OFFSET = /^(?:(\d{1,9}):([0-5]\d):([0-5]\d)|(\d{1,9}):([0-5]\d))(?:\.(\d{1,9}))?$/;

/** Seconds from `m:ss`, `h:mm:ss` (either with a decimal fraction), or null if it is not one. */
export function parseOffset(text: string): number | null {
  const match = OFFSET.exec(text);
  if (!match) return null;
  const [, h, m1, s1, m2, s2, fraction] = match;
  const whole =
    h !== undefined
      ? Number(h) * 3600 + Number(m1) * 60 + Number(s1)
      : Number(m2) * 60 + Number(s2);
  // Parsing the decimal as one number gives the same double the JSON file would hold.
  return fraction === undefined ? whole : Number(`${whole}.${fraction}`);
}
