import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Channel } from '../contract/channels';
import { outputSchemas, storyCheckDelta } from '../contract/output-schemas';
import { API_PATH_VERSION, API_VERSION, PUBLIC_CHANNELS } from '../contract/public';
import { inputSchemas } from '../contract/schemas';
import { ERROR_CODES, ERROR_REASONS, type ErrorCode, type ErrorReason } from '../contract/types';
import { handlers, type LibraryChannel } from '../handlers/table';
import { CHANNEL_NOTES } from './channel-notes';

// The local API's OpenAPI 3.1 document (issue 17), generated from the contract's zod schemas.

type JsonSchema = Record<string, unknown>;

/** The path a channel is served at in this API version: `/api/v2/stories:list`. */
export function channelPath(channel: string): string {
  return `/api/${API_PATH_VERSION}/${channel}`;
}

/** Where the document itself is served, and the change stream. */
export const OPENAPI_PATH = '/api/openapi.json';
export const CHANGE_STREAM_PATH = '/api/changes';

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** The JSON schema of a channel's input, as the document shows it. */
export function inputJsonSchema(channel: Channel): JsonSchema {
  return toSchema(inputSchemas[channel], 'input');
}

/** The JSON schema of a channel's `value`: generated where the contract has one, else loose. */
export function valueJsonSchema(channel: Channel): JsonSchema {
  const schema = (outputSchemas as Partial<Record<Channel, z.ZodType>>)[channel];
  if (schema) return toSchema(schema, 'output');
  return { description: 'See the channel description; not described field by field yet.' };
}

function idFields(schema: JsonSchema): boolean {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(props).some(
    ([name, p]) =>
      name !== 'id' && name !== 'newStoryId' && JSON.stringify(p).includes('"format":"uuid"'),
  );
}

/**
 * The error codes a channel may answer with: invalid_input, conflict and internal always
 * (conflict: a stale expectedUpdatedAt, a busy or read-only library, one being restored, damaged
 * or replaced underneath); not_found as well when it names a record.
 */
export function errorCodesOf(channel: Channel): ErrorCode[] {
  const codes = new Set<ErrorCode>(['invalid_input', 'conflict', 'internal']);
  if (idFields(inputJsonSchema(channel))) codes.add('not_found');
  return ERROR_CODES.filter((c) => codes.has(c));
}

/** The refusal reasons a channel may set (issue 16, h35): a taken title on import. */
export function errorReasonsOf(channel: Channel): ErrorReason[] {
  return channel === 'stories:import' ? ['title_taken'] : [];
}

const failure = (codes: readonly ErrorCode[], reasons: readonly ErrorReason[]): JsonSchema => ({
  type: 'object',
  required: ['ok', 'error'],
  additionalProperties: false,
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', enum: [...codes] },
        message: { type: 'string', description: 'One plain sentence for the writer.' },
        ...(reasons.length > 0 && {
          reason: {
            type: 'string',
            enum: [...reasons],
            description:
              'Set on refusals a client acts on: `title_taken` (a conflict) when a story already has the title.',
          },
        }),
      },
    },
  },
});

/**
 * The Result schema of a channel: `{ ok: true, value }` (a write may add `check`, the story
 * check problems it created and resolved) or `{ ok: false, error }`.
 */
export function resultJsonSchema(channel: Channel): JsonSchema {
  const writes = channel in handlers && handlers[channel as LibraryChannel].writes;
  return {
    oneOf: [
      {
        type: 'object',
        required: ['ok', 'value'],
        additionalProperties: false,
        properties: {
          ok: { const: true },
          value: valueJsonSchema(channel),
          ...(writes && { check: toSchema(storyCheckDelta, 'output') }),
        },
      },
      failure(errorCodesOf(channel), errorReasonsOf(channel)),
    ],
  };
}

const refusal = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Refusal' } } },
});

function operation(channel: Channel): JsonSchema {
  const [domain = ''] = channel.split(':');
  const writes = channel in handlers && handlers[channel as LibraryChannel].writes;
  const notes = CHANNEL_NOTES[channel] ?? '';
  return {
    post: {
      operationId: channel.replace(/:(\w)/, (_, c: string) => c.toUpperCase()),
      tags: [domain],
      summary: notes.split('. ')[0]?.replace(/\.$/, '') || channel,
      description:
        `${notes}${notes ? '\n\n' : ''}` +
        (writes
          ? 'Writes: one transaction, recorded as one undo step (history:undo undoes it), then a change notice to every other listener.'
          : 'Reads: answers from one consistent snapshot; changes nothing.'),
      'x-beatline-writes': writes,
      'x-beatline-error-codes': errorCodesOf(channel),
      requestBody: {
        required: true,
        content: { 'application/json': { schema: inputJsonSchema(channel) } },
      },
      responses: {
        '200': {
          description:
            'The Result. `ok: false` means nothing was changed; `error.code` is one of the codes listed.',
          content: { 'application/json': { schema: resultJsonSchema(channel) } },
        },
        '400': refusal(
          'The body is not JSON: not UTF-8, not JSON, a field named twice in one object, nested more than 64 deep, or more than 100,000 values.',
        ),
        '401': refusal('Missing or wrong token (X-Beatline-Token).'),
        '403': refusal('A foreign Origin or Host (another site, DNS rebinding).'),
        '413': refusal('The body is larger than the limit (1 MiB; 64 MiB for stories:import).'),
        '415': refusal('The body is not sent as `Content-Type: application/json`.'),
      },
    },
  };
}

/** The change stream's path item: notices as Server-Sent Events. */
function changeStreamPathItem(): JsonSchema {
  return {
    get: {
      operationId: 'changes',
      tags: ['changes'],
      summary: 'Change notices as Server-Sent Events',
      description:
        'Opens a stream of `data: {"seq":N}` events, one per batch of changes made by anyone else (another tool, the app, the CLI); the first event, `hello`, says the stream is open. Send `X-Beatline-Client: <your id>` here and on your POSTs to skip notices of your own writes. Re-read what you show on each notice.',
      responses: {
        '200': {
          description: 'The stream.',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        '401': refusal('Missing or wrong token (X-Beatline-Token).'),
        '403': refusal('A foreign Origin or Host (another site, DNS rebinding).'),
        '503': refusal('Too many listeners (16); retry later.'),
      },
    },
  };
}

/** The path item of the document itself (served without a token). */
function documentPathItem(): JsonSchema {
  return {
    get: {
      operationId: 'openapi',
      tags: ['meta'],
      summary: 'This document',
      security: [],
      responses: {
        '200': {
          description: 'The OpenAPI document.',
          content: { 'application/json': { schema: { type: 'object' } } },
        },
      },
    },
  };
}

/** Every path: one per public channel, then the change stream and the document. */
function apiPaths(): Record<string, JsonSchema> {
  const paths: Record<string, JsonSchema> = {};
  for (const channel of PUBLIC_CHANNELS) paths[channelPath(channel)] = operation(channel);
  paths[CHANGE_STREAM_PATH] = changeStreamPathItem();
  paths[OPENAPI_PATH] = documentPathItem();
  return paths;
}

/** The OpenAPI 3.1 document of the public API, generated from the contract. */
export function buildOpenApiDocument(): JsonSchema {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Beatline local API',
      version: API_VERSION,
      description:
        'The channels the Beatline app itself uses, over HTTP on 127.0.0.1 only, behind a token. Every answer to a channel is a Result: `{ "ok": true, "value": ... }` or `{ "ok": false, "error": { "code", "message" } }` with code invalid_input, not_found, conflict or internal; a refused request changes nothing. Every write is one undo step in the library. See docs/API.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [
      {
        url: 'http://127.0.0.1:{port}',
        description:
          "The browser host (`npm run web`) or the desktop app's local API, on the port it printed.",
        variables: { port: { default: '8790' } },
      },
    ],
    security: [{ token: [] }],
    tags: [...new Set(PUBLIC_CHANNELS.map((c) => c.split(':')[0] ?? ''))]
      .concat(['changes', 'meta'])
      .map((name) => ({ name })),
    paths: apiPaths(),
    components: {
      securitySchemes: {
        token: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Beatline-Token',
          description: 'The per-launch (browser host) or per-install (local API) token.',
        },
      },
      schemas: { Refusal: failure(ERROR_CODES, ERROR_REASONS) },
    },
  };
}

/** The document as `docs/openapi.json` holds it. */
export function openApiText(): string {
  return JSON.stringify(buildOpenApiDocument(), null, 2) + '\n';
}

/**
 * A hash of what clients depend on: each public channel's name, input schema and Result schema.
 * Wording (summaries, descriptions) is left out, so only a shape change asks for a new version.
 */
export function apiFingerprint(): string {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value)
          .filter(([k]) => k !== 'description')
          .map(([k, v]) => [k, strip(v)]),
      );
    }
    return value;
  };
  const shapes = PUBLIC_CHANNELS.map((c) => [
    c,
    strip(inputJsonSchema(c)),
    strip(resultJsonSchema(c)),
  ]);
  return createHash('sha256').update(JSON.stringify(shapes)).digest('hex');
}
