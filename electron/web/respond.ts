import type { ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../core/contract/types';
import { SECURITY_HEADERS } from './security';

/** Writes the status line with the security headers plus `headers`. */
export function writeHead(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, ...headers });
}

/** Sends `body` as JSON, never cached. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  writeHead(res, status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Sends a failed Result with the HTTP status that goes with it. */
export function sendError(
  res: ServerResponse,
  status: number,
  code: ErrorCode,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body, headers);
}

/** Sends a short plain-text answer (static-file errors). */
export function sendText(res: ServerResponse, status: number, text: string, headers = {}): void {
  writeHead(res, status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
