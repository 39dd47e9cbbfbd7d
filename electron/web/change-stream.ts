import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChangeFeed } from '../core/host/changes';
import { sendError, writeHead } from './respond';
import { CLIENT_HEADER, TOKEN_HEADER, clientIdOf, originAllowed, tokenMatches } from './security';

/** `GET /api/changes`: the server-sent change notices of one page. */
export const CHANGES_PATH = '/api/changes';

/** At most this many pages listen at once; one more is answered 503. */
export const MAX_CHANGE_STREAMS = 16;

/** A comment line this often keeps an idle stream (and any proxy in between) awake. */
export const HEARTBEAT_MS = 25_000;

export interface ChangeStreams {
  /** Answers `GET /api/changes` (token and Origin checked like the API). */
  handle(req: IncomingMessage, res: ServerResponse, port: number): void;
  /** How many streams are open. */
  size(): number;
  /** Ends every stream (the server is closing). */
  close(): void;
}

/**
 * The browser host's change notices as Server-Sent Events. A page opens the stream with its
 * token and its client id (`X-Beatline-Client`, the one it sends on its POSTs) and receives
 * `data: {"seq":N}` for every change another writer made. The first event, `hello`, carries no
 * change: it says the stream is open. Streams have no idle timeout (the socket's is switched off)
 * but are bounded in number.
 */
export function createChangeStreams(
  feed: ChangeFeed,
  token: string,
  maxStreams = MAX_CHANGE_STREAMS,
): ChangeStreams {
  const open = new Set<ServerResponse>();
  const heartbeat = setInterval(() => {
    for (const res of open) res.write(': ping\n\n');
  }, HEARTBEAT_MS);
  heartbeat.unref();

  return {
    handle(req, res, port) {
      if (req.method !== 'GET') {
        sendError(res, 405, 'invalid_input', 'the change stream accepts only GET', {
          Allow: 'GET',
        });
        return;
      }
      if (!originAllowed(req.headers.origin, port)) {
        sendError(res, 403, 'invalid_input', 'forbidden: foreign origin');
        return;
      }
      if (!tokenMatches(req.headers[TOKEN_HEADER], token)) {
        sendError(res, 401, 'invalid_input', 'unauthorized: missing or wrong token');
        return;
      }
      if (open.size >= maxStreams) {
        sendError(res, 503, 'conflict', 'too many pages are listening for changes', {
          'Retry-After': '5',
        });
        return;
      }
      const clientId = clientIdOf(req.headers[CLIENT_HEADER]);
      req.socket.setTimeout(0);
      req.socket.setNoDelay(true);
      writeHead(res, 200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write('event: hello\ndata: {}\n\n');
      open.add(res);
      const unsubscribe = feed.subscribe(clientId, (notice) => {
        res.write(`data: ${JSON.stringify(notice)}\n\n`);
      });
      res.on('close', () => {
        unsubscribe();
        open.delete(res);
      });
    },
    size: () => open.size,
    close() {
      clearInterval(heartbeat);
      for (const res of open) res.end();
      open.clear();
    },
  };
}
