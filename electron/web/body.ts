import type { IncomingMessage } from 'node:http';

/** The largest request body the API reads: 1 MiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `stories:import` carries a whole story file (up to 50 MiB, more once JSON-escaped): 64 MiB. */
export const MAX_IMPORT_BODY_BYTES = 64 * 1024 * 1024;

/** The body limit of a channel. */
export function bodyLimitFor(channel: string): number {
  return channel === 'stories:import' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
}

export type BodyResult =
  { kind: 'ok'; bytes: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * Reads a request body of at most `limit` bytes. A larger body (declared or actual) answers
 * `too_large` as soon as that is known; nothing beyond the limit is kept in memory and the
 * reader stops listening, so the caller can answer 413 and close the connection.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  // Closed while it waited its turn (an import behind another): 'close' has already fired.
  if (req.destroyed || req.socket.destroyed) return Promise.resolve({ kind: 'aborted' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ kind: 'too_large' });

  return new Promise((resolve) => {
    let chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      chunks = [];
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        settle({ kind: 'too_large' });
      } else chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'ok', bytes: Buffer.concat(chunks, size) });
    const onAbort = () => settle({ kind: 'aborted' });
    const onClose = () => {
      if (!req.complete) settle({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}

/**
 * True when a request says its body is JSON: `application/json`, with no charset or UTF-8
 * (any case, parameters aside). A missing or other type (a form, `text/plain`, which a page of
 * another site can send without asking first) is refused before the body is read.
 */
export function isJsonContentType(header: string | undefined): boolean {
  if (typeof header !== 'string') return false;
  const [type = '', ...params] = header.split(';');
  if (type.trim().toLowerCase() !== 'application/json') return false;
  return params.every((param) => {
    const [name = '', value = ''] = param.split('=');
    if (name.trim().toLowerCase() !== 'charset') return true;
    return (
      value
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase() === 'utf-8'
    );
  });
}
