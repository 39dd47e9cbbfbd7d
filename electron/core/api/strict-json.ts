// How the hosts read a JSON message from outside (an HTTP request body, an MCP line): strict
// UTF-8, nesting bounded, and no field named twice in one object. JSON.parse alone keeps the
// last of two `"title"` fields, so `{"title":"A","title":"B"}` was taken as `{"title":"B"}`
// (a client and a proxy, or a check and a write, can each read a different one).

import { fieldNameAt, stringEnd } from '../formats/json-text';

/** The deepest nesting of lists and objects a message may have (a channel needs about 4). */
export const MAX_JSON_DEPTH = 64;

/**
 * The most values (items and fields) a message may hold: 2,000 beats sent at once hold about
 * 6,000. Found before JSON.parse builds them: a 64 MiB import body of six million fields held
 * a host for over a minute and 1.5 GB before zod refused it.
 */
export const MAX_JSON_VALUES = 100_000;

export type StrictJson = { ok: true; value: unknown } | { ok: false; problem: string };

type Finding =
  { kind: 'too_deep' } | { kind: 'too_many' } | { kind: 'duplicate'; key: string } | null;

/** An object's field names so far (made at its first field); `false` for a list. */
type Frame = Set<string> | null | false;

/**
 * One pass over the text, before JSON.parse: the first place nesting goes past MAX_JSON_DEPTH
 * or the values past MAX_JSON_VALUES (found before JSON.parse builds them), or the first field
 * named twice in one object. On text that is not JSON it may find any of these; the caller
 * believes a duplicate only once JSON.parse has accepted the text. Memory: one entry per open
 * list or object (at most MAX_JSON_DEPTH) and their field names (at most MAX_JSON_VALUES).
 */
function scan(text: string): Finding {
  const frames: Frame[] = [];
  let expectKey = false;
  let duplicate: string | null = null;
  let commas = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i);
      if (end === -1) break;
      const top = frames.length > 0 ? frames[frames.length - 1] : false;
      if (expectKey && top !== false && duplicate === null) {
        const key = fieldNameAt(text, i, end);
        const keys = top ?? new Set<string>();
        if (keys.has(key)) duplicate = key;
        keys.add(key);
        frames[frames.length - 1] = keys;
      }
      expectKey = false;
      i = end;
    } else if (c === 0x7b || c === 0x5b) {
      if (frames.length === MAX_JSON_DEPTH) return { kind: 'too_deep' };
      frames.push(c === 0x7b ? null : false);
      expectKey = c === 0x7b;
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      if (++commas >= MAX_JSON_VALUES) return { kind: 'too_many' };
      expectKey = frames.length > 0 && frames[frames.length - 1] !== false;
    }
  }
  return duplicate === null ? null : { kind: 'duplicate', key: duplicate };
}

/**
 * Decodes `bytes` as one strict JSON message: UTF-8, nested at most 64 deep, at most 100,000
 * values, no field named twice in one object.
 */
export function parseStrictJson(bytes: Uint8Array): StrictJson {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: 'it is not UTF-8' };
  }
  const finding = scan(text);
  if (finding?.kind === 'too_deep') {
    return { ok: false, problem: `it is nested more than ${MAX_JSON_DEPTH} deep` };
  }
  if (finding?.kind === 'too_many') {
    return {
      ok: false,
      problem: `it holds more than ${MAX_JSON_VALUES.toLocaleString('en')} values`,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch {
    return { ok: false, problem: 'it is not JSON' };
  }
  if (finding?.kind === 'duplicate') {
    return { ok: false, problem: `duplicate key ${JSON.stringify(finding.key)} in one object` };
  }
  return { ok: true, value };
}
