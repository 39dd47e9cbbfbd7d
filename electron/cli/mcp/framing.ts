import { Transform, type TransformCallback } from 'node:stream';
import { ClientRequestSchema, JSONRPCMessageSchema } from '@modelcontextprotocol/sdk/types.js';
import { parseStrictJson } from '../../core/api/strict-json';
import type { Admission } from './gate';

// What `beatline mcp` reads from stdin before the SDK's transport sees it: one JSON-RPC message
// a line. The transport alone ignores a line that is not one (no answer, nothing logged: the
// client waits forever) and closes on a line over its 10 MiB buffer (the server then reads
// nothing more). Here each such line is answered with a JSON-RPC error instead, and dropped.

/** The longest line read: the SDK transport's own buffer size. Longer lines are not kept. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/** A line refused: the JSON-RPC error it is answered with. */
export interface Refusal {
  id: string | number | null;
  code: number;
  message: string;
}

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const INVALID_PARAMS = -32602;
const NEWLINE = 0x0a;

/** The id of a refused message, when it has a usable one. */
function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = (value as { id: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

type RequestSchema = (typeof ClientRequestSchema.options)[number];

/** The SDK's schema of each request a client may send, by method. */
const REQUEST_SCHEMAS = new Map<unknown, RequestSchema>(
  ClientRequestSchema.options.map((schema) => [schema.shape.method.value, schema]),
);

/**
 * A request of a method the SDK knows whose params do not fit it: -32602 with the first
 * problem. (The SDK itself answered such a request -32603 "Internal error", with a zod dump.)
 */
function paramsRefusal(message: unknown): Refusal | null {
  const { id, method } = message as { id?: unknown; method?: unknown };
  const schema = REQUEST_SCHEMAS.get(method);
  if (id === undefined || !schema) return null;
  const checked = schema.safeParse(message);
  if (checked.success) return null;
  const [issue] = checked.error.issues;
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return {
    id: idOf(message),
    code: INVALID_PARAMS,
    message: `Invalid params: ${where}${issue?.message ?? 'they do not fit the method'}`,
  };
}

/** A line read: the one JSON-RPC message it is, or why it is not one, as a JSON-RPC error. */
export type LineRead = { message: unknown; refusal?: undefined } | { refusal: Refusal };

/**
 * Reads `line` (no newline) as one JSON-RPC message, strictly (no field named twice, nested at
 * most 64 deep, at most 100,000 values: electron/core/api/strict-json.ts); else says why not.
 */
export function readLine(line: Buffer): LineRead {
  const parsed = parseStrictJson(line);
  if (!parsed.ok) {
    const problem = parsed.problem.startsWith('it is not')
      ? 'the line is not UTF-8 JSON'
      : parsed.problem.replace(/^it (is|holds)/, 'the line $1');
    return { refusal: { id: null, code: PARSE_ERROR, message: `Parse error: ${problem}` } };
  }
  const value = parsed.value;
  if (JSONRPCMessageSchema.safeParse(value).success) {
    const refusal = paramsRefusal(value);
    return refusal ? { refusal } : { message: value };
  }
  return {
    refusal: {
      id: idOf(value),
      code: INVALID_REQUEST,
      message: 'Invalid Request: the line is not one JSON-RPC 2.0 message',
    },
  };
}

/** Something to wait for before reading on (the output is full, the server is busy), or nothing. */
type Wait = Promise<void> | null | undefined | void;

export interface FramingOptions {
  /** The longest line kept (default MAX_MESSAGE_BYTES). */
  maxBytes?: number;
  /** Asked before each message is passed on (gate.ts): now, dropped, or once a promise resolves. */
  admit?: (message: unknown) => Admission;
}

/** A whole line (no newline): skipped when blank, refused, dropped, or passed on (once admitted). */
function passOn(
  text: Buffer,
  refuse: (refusal: Refusal) => Wait,
  options: FramingOptions,
  push: (line: Buffer) => void,
): Wait {
  if (text.toString('latin1').trim() === '') return;
  const read = readLine(text);
  if (read.refusal) return refuse(read.refusal);
  const framed = Buffer.concat([text, Buffer.from('\n')]);
  const admission = options.admit?.(read.message) ?? null;
  if (admission === 'drop') return;
  if (admission === null) return void push(framed);
  return admission.then(() => void push(framed));
}

/**
 * A stream to put between stdin and the SDK's transport: passes each JSON-RPC message on as
 * its own line, skips blank lines, and hands every other line to `refuse` instead. A line over
 * `maxBytes` is refused as soon as it is that long and the rest of it is skipped unread, so at
 * most `maxBytes` of one line are ever held. When `refuse` or `admit` give a promise, nothing
 * more is read until it resolves: stdin stays unread (backpressure), so memory stays bounded
 * however much a client pipelines.
 */
export function framedMessages(
  refuse: (refusal: Refusal) => Wait,
  options: FramingOptions = {},
): Transform {
  const maxBytes = options.maxBytes ?? MAX_MESSAGE_BYTES;
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;

  const endLine = (push: (line: Buffer) => void): Wait => {
    const wasSkipping = skipping;
    const line = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    skipping = false;
    if (wasSkipping) return;
    return passOn(line.at(-1) === 0x0d ? line.subarray(0, -1) : line, refuse, options, push);
  };
  const addPart = (part: Buffer): Wait => {
    if (skipping || part.length === 0) return;
    size += part.length;
    parts.push(part);
    if (size <= maxBytes) return;
    parts = [];
    size = 0;
    skipping = true;
    const mib = maxBytes / (1024 * 1024);
    return refuse({
      id: null,
      code: INVALID_REQUEST,
      message: `the line is larger than ${mib} MiB`,
    });
  };

  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const push = (line: Buffer) => this.push(line);
      const readFrom = (start: number): void => {
        for (
          let nl = chunk.indexOf(NEWLINE, start);
          nl !== -1;
          nl = chunk.indexOf(NEWLINE, start)
        ) {
          const refused = addPart(chunk.subarray(start, nl));
          const wait = endLine(push) ?? refused;
          start = nl + 1;
          if (wait) {
            wait.then(() => readFrom(start), done);
            return;
          }
        }
        const wait = addPart(chunk.subarray(start));
        if (wait) wait.then(() => done(), done);
        else done();
      };
      readFrom(0);
    },
  });
}
