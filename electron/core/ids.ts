import { v7 } from 'uuid';

/**
 * A fresh lowercase UUIDv7 (RFC 9562): a millisecond timestamp, then a counter and random
 * bits. Ids made one after another sort one after another (even when the clock stands
 * still or steps back), so a new row lands at the end of the primary-key index.
 */
export function newId(): string {
  return v7();
}
