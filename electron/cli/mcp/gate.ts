import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

// Backpressure for `beatline mcp` (issue 17, h69). The SDK starts a handler for every request
// it reads and keeps each answer until stdout takes it, so a client that pipelined 1,500 large
// list_stories calls without waiting held every answer at once (300 of 0.8 MB: a 1.3 GiB peak; with
// 1,500 the server died, its stdout write failing with ENOBUFS). Here at most MAX_IN_FLIGHT
// requests are with the server at once: the next waits, unread, in stdin (the framing stops
// reading, so the pipe fills and the client's writes wait) until one of them is answered and
// its answer is out of the process's buffer.

/**
 * Requests the server works on at once. More than one, so that a whole story check (in a
 * worker) never holds up the tools sent after it.
 */
export const MAX_IN_FLIGHT = 8;

/** What the framing does with a message: pass it on now (null), drop it, or wait first. */
export type Admission = null | 'drop' | Promise<void>;

export interface RequestGate {
  /** Asked for each message before it goes to the server; a request takes a place. */
  admit(message: unknown): Admission;
  /** Wraps the transport's send: each answer, once written out, frees its request's place. */
  watch(transport: Transport): void;
  /** Requests passed to the server and not yet answered. */
  inFlight(): number;
  /** Requests waiting for a place (at most one: the framing reads no further meanwhile). */
  waiting(): number;
}

const has = (message: unknown, field: string) =>
  typeof message === 'object' && message !== null && field in message;

const isRequest = (message: unknown) => has(message, 'method') && has(message, 'id');

const isAnswer = (message: unknown) =>
  has(message, 'id') &&
  !has(message, 'method') &&
  (has(message, 'result') || has(message, 'error'));

/**
 * A cancellation: dropped, so that every request is answered exactly once and its place
 * freed (the SDK sends no answer to a cancelled request; MCP lets a server ignore cancelling,
 * and a client ignores an answer that comes after it cancelled). The tools are short anyway.
 */
const isCancel = (message: unknown) =>
  (message as { method?: unknown } | null)?.method === 'notifications/cancelled';

/** A gate letting at most `limit` requests be with the server at once. */
export function requestGate(limit = MAX_IN_FLIGHT): RequestGate {
  let inFlight = 0;
  const queue: Array<() => void> = [];
  const free = () => {
    const next = queue.shift();
    if (next)
      next(); // the place goes straight to the request that waited for it
    else if (inFlight > 0) inFlight--;
  };
  return {
    admit(message) {
      if (isCancel(message)) return 'drop';
      if (!isRequest(message)) return null;
      if (inFlight < limit) {
        inFlight++;
        return null;
      }
      return new Promise<void>((resolve) => queue.push(resolve));
    },
    watch(transport) {
      const send = transport.send.bind(transport);
      // The stdio transport's send resolves once stdout took the line (after a 'drain').
      transport.send = async (message, options) => {
        try {
          await send(message, options);
        } finally {
          if (isAnswer(message)) free();
        }
      };
    },
    inFlight: () => inFlight,
    waiting: () => queue.length,
  };
}
