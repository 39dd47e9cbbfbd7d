import { request, type IncomingMessage } from 'node:http';
import { rawRequest } from '../web/helpers';

export interface Stream {
  status: number;
  /** The `data:` events after `hello`: one per change notice. */
  notices: unknown[];
  ended: boolean;
  response: IncomingMessage;
  close(): void;
}

/** Opens `GET /api/changes` and collects its notices. */
export function openChangeStream(port: number, headers: Record<string, string>): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/changes', headers, agent: false },
      (response) => {
        const stream: Stream = {
          status: response.statusCode ?? 0,
          notices: [],
          ended: false,
          response,
          close: () => req.destroy(),
        };
        let buffer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('event: hello')) continue;
            const data = block
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .map((l) => l.slice(5).trim())
              .join('\n');
            if (data) stream.notices.push(JSON.parse(data));
          }
        });
        response.on('close', () => (stream.ended = true));
        response.on('error', () => {});
        resolve(stream);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Waits until `check()` holds (polling), or fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((done) => setTimeout(done, 25));
  }
}

/** A channel's answer as the tests read it. */
export interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** POSTs `body` to `path` as JSON with the token; answers the status and the parsed body. */
export async function postJson(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: Answer }> {
  const res = await rawRequest(port, {
    method: 'POST',
    path,
    headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  let json: Answer;
  try {
    json = JSON.parse(res.body) as Answer;
  } catch {
    json = { ok: false, error: { code: 'not_json', message: res.body } };
  }
  return { status: res.status, json };
}

/** Story titles in a library file, read with a connection of its own. */
export { storyTitles as titlesIn } from '../web/helpers';
