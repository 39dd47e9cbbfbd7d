import type { IncomingMessage, ServerResponse } from 'node:http';
import { OPENAPI_PATH, openApiText } from '../core/api/openapi';
import type { ChangeFeed } from '../core/host/changes';
import { API_PATH_VERSION, isPublicChannel } from '../core/contract/public';
import { handleApi, type ApiContext } from './api';
import { CHANGES_PATH, type ChangeStreams } from './change-stream';
import { sendError, writeHead } from './respond';

// The API's paths, shared by the browser host and the local API (issue 17).

const API_PREFIX = '/api/';
const VERSIONED_PREFIX = `/api/${API_PATH_VERSION}/`;

export interface ApiRoutesContext {
  dispatcher: ApiContext['dispatcher'];
  feed: ChangeFeed;
  streams: ChangeStreams;
  token: string;
  port: number;
  /** True for the local API: only the versioned public channels (no `/api/<channel>`). */
  publicOnly: boolean;
}

let documentText: string | null = null;

/** `GET /api/openapi.json`: the document, built once per process. No token: it holds no data. */
function serveOpenApi(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendError(res, 405, 'invalid_input', 'the document accepts only GET', { Allow: 'GET, HEAD' });
    return;
  }
  documentText ??= openApiText();
  writeHead(res, 200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(documentText),
    'Cache-Control': 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : documentText);
}

/**
 * Answers the API's paths (`/api/v2/<channel>`, `/api/<channel>` unless public-only, the change
 * stream and the document); resolves false when `rawPath` is not one of them.
 */
export async function routeApi(
  req: IncomingMessage,
  res: ServerResponse,
  rawPath: string,
  ctx: ApiRoutesContext,
): Promise<boolean> {
  if (rawPath === CHANGES_PATH || rawPath === `${VERSIONED_PREFIX}changes`) {
    ctx.streams.handle(req, res, ctx.port);
    return true;
  }
  if (rawPath === OPENAPI_PATH || rawPath === `${VERSIONED_PREFIX}openapi.json`) {
    serveOpenApi(req, res);
    return true;
  }
  if (rawPath !== '/api' && !rawPath.startsWith(API_PREFIX)) return false;
  const versioned = rawPath.startsWith(VERSIONED_PREFIX);
  if (ctx.publicOnly && !versioned) {
    sendError(res, 404, 'invalid_input', `not found: the API is at ${VERSIONED_PREFIX}<channel>`);
    return true;
  }
  const channelPart = rawPath.slice(versioned ? VERSIONED_PREFIX.length : API_PREFIX.length);
  await handleApi(req, res, channelPart, {
    dispatcher: ctx.dispatcher,
    runAs: ctx.feed.runAs,
    token: ctx.token,
    port: ctx.port,
    allow: versioned ? isPublicChannel : undefined,
  });
  return true;
}
