import { randomFillSync } from 'node:crypto';

/**
 * New row ids: UUID version 7 (RFC 9562), a millisecond timestamp followed by random bits.
 * Ids made one after another sort one after another, so a new row's key lands at the end of
 * the primary-key index instead of on a random page: a bulk import of 100,000 beats does half
 * the B-tree work it does with random version 4 ids, and a single insert touches pages that
 * are already in the cache. They are still UUIDs to every reader (the contract's z.uuid(),
 * the story file's pattern, other tools).
 *
 * Within one millisecond the 12-bit `rand_a` field is a counter (RFC 9562, method 1) that
 * starts at a random value below 2048; when it runs out, the timestamp moves on by one, so
 * ids from this process never repeat and never go backwards, even if the clock does.
 */

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL_IDS = 512;
const pool = Buffer.alloc(POOL_IDS * 8);
let poolAt = pool.length;

let lastMs = 0;
let counter = 0;

function randomBytes8(): number {
  if (poolAt === pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const at = poolAt;
  poolAt += 8;
  return at;
}

/** A fresh lowercase UUIDv7, greater than every id this process made before it. */
export function newId(nowMs: number = Date.now()): string {
  if (nowMs > lastMs) {
    lastMs = nowMs;
    const at = randomBytes8();
    counter = ((pool[at]! << 8) | pool[at + 1]!) & 0x7ff;
  } else if (++counter > 0xfff) {
    lastMs++;
    counter = 0;
  }
  const at = randomBytes8();
  const ms = lastMs.toString(16).padStart(12, '0');
  return (
    `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${counter.toString(16).padStart(3, '0')}-` +
    HEX[0x80 | (pool[at]! & 0x3f)]! +
    HEX[pool[at + 1]!]! +
    '-' +
    HEX[pool[at + 2]!]! +
    HEX[pool[at + 3]!]! +
    HEX[pool[at + 4]!]! +
    HEX[pool[at + 5]!]! +
    HEX[pool[at + 6]!]! +
    HEX[pool[at + 7]!]!
  );
}
