/**
 * Ids for what the writer creates, chosen here (UUIDv7, RFC 9562, as electron/core/ids.ts makes
 * them): the library takes them as given, so one id names a thing on screen, in the file and
 * through undo and redo.
 */

let lastMs = 0;
let counter = 0;

const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');

/** A fresh lowercase UUIDv7, greater than every id this page made before it. */
export function newId(nowMs: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = ((random[8]! << 8) | random[9]!) & 0x7ff;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const ms = hex(lastMs, 12);
  const tail = Array.from(random.subarray(2, 8), (b) => hex(b, 2)).join('');
  return (
    `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(counter, 3)}-` +
    `${hex(0x80 | (random[0]! & 0x3f), 2)}${hex(random[1]!, 2)}-${tail}`
  );
}
