import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sendError } from './respond';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Requests of one connection that may wait for their turn; one more is answered 503. */
export const MAX_WAITING = 16;

interface Turns {
  /** Settles when the connection's newest request has had its answer sent (or it closed). */
  tail: Promise<void>;
  waiting: number;
}

/**
 * Answers each connection's requests one at a time, in order: a request's work starts once the
 * answer before it has left the process. A client that pipelines requests and reads no answer
 * (h69: 1,500 pipelined `stories:list` held 376 MiB of answers) so holds one answer, and past
 * `MAX_WAITING` waiting requests each further one is answered 503 at once: small answers, which
 * make Node stop reading the connection as it does when answers are not read. A request whose
 * connection closed while it waited is not run. Browsers and HTTP clients send one request at
 * a time per connection, so for them nothing changes.
 */
export function inTurn(handle: Handler): Handler {
  const turns = new WeakMap<Socket, Turns>();
  return (req, res) => {
    const socket = req.socket;
    let turn = turns.get(socket);
    if (!turn) {
      turn = { tail: Promise.resolve(), waiting: 0 };
      turns.set(socket, turn);
    }
    const own = turn;
    if (own.waiting >= MAX_WAITING) {
      sendError(res, 503, 'conflict', 'too many requests wait on this connection', {
        'Retry-After': '1',
      });
      return;
    }
    own.waiting += 1;
    own.tail = own.tail.then(
      () =>
        new Promise<void>((answered) => {
          own.waiting -= 1;
          if (socket.destroyed) return answered();
          // 'close': the answer has gone out (or the connection closed under it).
          res.once('close', () => answered());
          handle(req, res);
        }),
    );
  };
}
