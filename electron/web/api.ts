import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChannel } from '../core/contract/channels';
import type { Router } from '../core/router';
import { parseStrictJson } from '../core/api/strict-json';
import { bodyLimitFor, isJsonContentType, readBody } from './body';
import { sendError, sendJson } from './respond';
import { CLIENT_HEADER, TOKEN_HEADER, clientIdOf, originAllowed, tokenMatches } from './security';

export interface ApiContext {
  /** The host's router (core/router.ts). */
  dispatcher: Pick<Router, 'invoke'>;
  /** Runs a call on behalf of the page that sent it (its writes are not notified back to it). */
  runAs?: <T>(clientId: string | null, work: () => T) => T;
  token: string;
  port: number;
  /** The local API (issue 17): only these channels are answered; others are unknown (404). */
  allow?: (channel: string) => boolean;
}

/** Answers `status` and closes the connection once the answer is out, without reading the body. */
function refuseUnread(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  message: string,
): void {
  res.on('finish', () => req.socket.destroySoon());
  sendError(res, status, 'invalid_input', message, { Connection: 'close' });
}

/** Answers 413 and closes the connection once the answer is out, without reading the rest. */
function refuseTooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  refuseUnread(req, res, 413, `request body is larger than ${limit / (1024 * 1024)} MiB`);
}

let importsDone: Promise<void> = Promise.resolve();

/**
 * Story files are read and imported one at a time in a process: a few 64 MiB imports sent at
 * once each held their body, its text and the parsed story together (six took a host from
 * 178 MB to 798 MB). A waiting request's body stays unread in its socket meanwhile.
 */
function oneImportAtATime(work: () => Promise<void>): Promise<void> {
  const run = importsDone.then(work);
  importsDone = run.catch(() => {});
  return run;
}

/**
 * `POST /api/<channel>`: checks Origin (403) and token (401) before anything else runs, reads at most
 * 1 MiB of JSON (64 MiB for `stories:import`), and answers 200 with the channel's Result.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  channelPart: string,
  ctx: ApiContext,
): Promise<void> {
  if (req.method !== 'POST') {
    sendError(res, 405, 'invalid_input', 'the API accepts only POST', { Allow: 'POST' });
    return;
  }
  if (!originAllowed(req.headers.origin, ctx.port)) {
    sendError(res, 403, 'invalid_input', 'forbidden: foreign origin');
    return;
  }
  if (!tokenMatches(req.headers[TOKEN_HEADER], ctx.token)) {
    sendError(res, 401, 'invalid_input', 'unauthorized: missing or wrong token');
    return;
  }
  let channel: string;
  try {
    channel = decodeURIComponent(channelPart);
  } catch {
    channel = channelPart;
  }
  if (!isChannel(channel) || (ctx.allow && !ctx.allow(channel))) {
    sendError(res, 404, 'invalid_input', `unknown channel ${JSON.stringify(channel)}`);
    return;
  }

  if (!isJsonContentType(req.headers['content-type'])) {
    refuseUnread(
      req,
      res,
      415,
      'the request body must be JSON: send Content-Type: application/json',
    );
    return;
  }

  const answer = () => answerCall(req, res, channel, ctx);
  await (channel === 'stories:import' ? oneImportAtATime(answer) : answer());
}

/** Reads the call's JSON body (at most the channel's limit), runs it, and answers its Result. */
async function answerCall(
  req: IncomingMessage,
  res: ServerResponse,
  channel: string,
  ctx: ApiContext,
): Promise<void> {
  const limit = bodyLimitFor(channel);
  const body = await readBody(req, limit);
  if (body.kind === 'aborted') {
    res.destroy();
    return;
  }
  if (body.kind === 'too_large') {
    refuseTooLarge(req, res, limit);
    return;
  }
  const input = parseStrictJson(body.bytes);
  if (!input.ok) {
    sendError(res, 400, 'invalid_input', `the request body must be JSON: ${input.problem}`);
    return;
  }

  let result: unknown;
  try {
    const call = () => ctx.dispatcher.invoke(channel, input.value);
    const clientId = clientIdOf(req.headers[CLIENT_HEADER]);
    result = await (ctx.runAs ? ctx.runAs(clientId, call) : call());
  } catch {
    // The dispatcher promises never to throw; if it does, say so without leaking details.
    sendError(res, 500, 'internal', 'internal error');
    return;
  }
  sendJson(res, 200, result);
}
