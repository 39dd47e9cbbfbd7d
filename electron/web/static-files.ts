import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAbsolute, relative, resolve } from 'node:path';
import { contentTypeFor } from '../core/files/content-types';
import { sendText, writeHead } from './respond';

export { contentTypeFor };

/** True when `child` is `root` itself or inside it. */
function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Maps a raw request path to a file under `root`, or null when the path is malformed, climbs
 * out (`..`, `%2e%2e`, `..%2f`, backslashes), or names something hidden. `/` is index.html.
 */
export function resolveRequestPath(root: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.' || s.startsWith('.'))) return null;
  const file = resolve(root, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded));
  return isInside(root, file) ? file : null;
}

/**
 * A build output named for its content (Vite's `assets/name-HASH.ext`): a new build writes a
 * new name, so the browser may keep it for good and reuse its compiled code on a reload.
 */
const HASHED_ASSET = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/** How long the browser may keep a file: hashed assets for good, anything else revalidated. */
function cacheControlFor(rawPath: string): string {
  return HASHED_ASSET.test(rawPath) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** True when the request's If-None-Match names `etag` (or is `*`). */
function notModified(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag.replace(/^W\//, ''));
}

/**
 * Serves GET/HEAD for the built renderer under `root` (an absolute, real path), with an ETag
 * (size and modification time) that turns a revalidation into an empty 304.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  root: string,
  rawPath: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
    return;
  }
  const candidate = resolveRequestPath(root, rawPath);
  if (candidate === null) {
    sendText(res, 404, 'Not found\n');
    return;
  }
  let file: string;
  let size: number;
  let etag: string;
  try {
    // Resolve symlinks too: the real file must still be inside the real root.
    file = await realpath(candidate);
    const info = await stat(file);
    if (!info.isFile() || !isInside(root, file)) throw new Error('not a servable file');
    size = info.size;
    etag = `W/"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`;
  } catch {
    sendText(res, 404, 'Not found\n');
    return;
  }
  const caching = { 'Cache-Control': cacheControlFor(rawPath), ETag: etag };
  if (notModified(req, etag)) {
    writeHead(res, 304, caching);
    res.end();
    return;
  }
  writeHead(res, 200, { 'Content-Type': contentTypeFor(file), 'Content-Length': size, ...caching });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
