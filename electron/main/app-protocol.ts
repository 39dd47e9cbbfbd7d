import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { PRODUCTION_CSP } from './csp';
import { contentTypeFor } from '../core/files/content-types';

/**
 * The `app://` protocol the window loads the built renderer from (instead of `file://`, whose
 * origin is opaque and which can reach every file on the disk). Everything here is plain Node,
 * so it is tested without Electron; lifecycle.ts registers it with `protocol.handle`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'beatline';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Options for `protocol.registerSchemesAsPrivileged` (before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

export { contentTypeFor };

export type AppPathVerdict = { ok: true; path: string } | { ok: false; reason: string };

const refuse = (reason: string): AppPathVerdict => ({ ok: false, reason });

function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Maps an `app://beatline/...` URL to a file under `root` (the built renderer), or refuses it:
 * another scheme or host, a path that climbs out (`..`, `%2e%2e`), an encoded slash or
 * backslash (`%2f`, `%5c`), a backslash, an absolute or drive path (`//etc`, `/C:/`), a NUL,
 * a hidden file. `/` is index.html. Pure: it looks at the string only.
 */
export function resolveAppPath(root: string, url: string): AppPathVerdict {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('not a URL');
  }
  if (parsed.protocol !== `${APP_SCHEME}:`) return refuse('not the app scheme');
  if (parsed.host !== APP_HOST) return refuse('not the app host');
  // A non-special scheme keeps an empty path for `app://beatline`: that is the index too.
  const raw = parsed.pathname || '/';
  if (/%(2f|5c|00)/i.test(raw)) return refuse('encoded slash, backslash or NUL');
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return refuse('malformed escape');
  }
  if (!decoded.startsWith('/')) return refuse('relative path');
  if (decoded.includes('\\') || decoded.includes('\0')) return refuse('backslash or NUL');
  const segments = decoded.slice(1).split('/');
  const last = segments.length - 1;
  for (const [i, segment] of segments.entries()) {
    if (segment === '' && i !== last) return refuse('empty segment (absolute path)');
    if (segment === '.' || segment === '..') return refuse('dot segment');
    if (segment.startsWith('.')) return refuse('hidden file');
    if (segment.includes(':')) return refuse('drive or stream name');
  }
  const relativePath =
    segments[last] === '' ? [...segments.slice(0, last), 'index.html'] : segments;
  const file = resolve(root, join(...relativePath));
  if (!isInside(resolve(root), file)) return refuse('outside the renderer');
  return { ok: true, path: file };
}

/** The parts of a protocol request the handler reads (Electron passes a fetch Request). */
export interface AppRequest {
  url: string;
  method: string;
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}

/**
 * The `app://` handler: GET/HEAD of files under `root`, each with the production CSP; every
 * refusal is a plain 404 (or 405 for other methods) and touches nothing. Symlinks must resolve
 * inside the real root too.
 */
export function createAppProtocolHandler(
  root: string,
  log: (message: string) => void = () => {},
): (request: AppRequest) => Promise<Response> {
  const realRoot = realpath(root).catch(() => resolve(root));
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Not allowed\n');
    const verdict = resolveAppPath(root, request.url);
    if (!verdict.ok) {
      log(`Beatline refused app:// request (${verdict.reason})`);
      return plain(404, 'Not found\n');
    }
    try {
      const file = await realpath(verdict.path);
      if (!isInside(await realRoot, file) || !(await stat(file)).isFile()) {
        return plain(404, 'Not found\n');
      }
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'Content-Type': contentTypeFor(file),
          'Content-Security-Policy': PRODUCTION_CSP,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        },
      });
    } catch {
      return plain(404, 'Not found\n');
    }
  };
}
