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

/** Serves GET/HEAD for the built renderer under `root` (an absolute, real path). */
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
  try {
    // Resolve symlinks too: the real file must still be inside the real root.
    file = await realpath(candidate);
    const info = await stat(file);
    if (!info.isFile() || !isInside(root, file)) throw new Error('not a servable file');
    size = info.size;
  } catch {
    sendText(res, 404, 'Not found\n');
    return;
  }
  writeHead(res, 200, {
    'Content-Type': contentTypeFor(file),
    'Content-Length': size,
    'Cache-Control': 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
