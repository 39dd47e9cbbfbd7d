import Database from 'better-sqlite3';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CHANNELS } from '../../electron/core/contract/public';
import type { DatabaseHandle } from '../../electron/core/db/open';
import { dumpDatabase } from '../helpers/library';
import { rawRequest, startFixture, type Fixture } from '../web/helpers';

// Requests derived from the served OpenAPI document, sent to a real browser host on a temp
// library: every answer has the documented Result shape, and a refused request changes nothing.

type Schema = {
  type?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
};

/** Real ids in the library (and a few that name nothing), read when a value is generated. */
const pool: string[] = [];
const idArb = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((i) => pool[i % pool.length] ?? '') },
  { weight: 1, arbitrary: fc.uuid({ version: 7 }) },
);

/** Values valid for a JSON schema of the kinds the contract generates. */
function valid(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(valid));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'null':
      return fc.constant(null);
    case 'string':
      if (schema.format === 'uuid') return idArb;
      return fc.string({ minLength: 1, maxLength: Math.min(schema.maxLength ?? 30, 30) });
    case 'integer': {
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: Math.min(schema.maximum ?? min + 6, min + 6) });
    }
    case 'number': {
      const min = schema.minimum ?? 0;
      return fc.double({ min, max: Math.min(schema.maximum ?? 1000, 1000), noNaN: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valid(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const shape = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, valid(s)]));
      return fc.record(shape, { requiredKeys: schema.required ?? [] });
    }
    default:
      throw new Error(`no generator for ${JSON.stringify(schema)}`);
  }
}

/** A valid request broken one way the schema forbids: every one must be refused. */
function invalid(schema: Schema): fc.Arbitrary<unknown> {
  const keys = Object.keys(schema.properties ?? {});
  const required = schema.required ?? [];
  const base = valid(schema) as fc.Arbitrary<Record<string, unknown>>;
  const options: fc.Arbitrary<unknown>[] = [
    base.map((v) => ({ ...v, notInTheSchema: 1 })),
    fc.constantFrom<unknown>([], 'text', 42, null, true),
  ];
  if (keys.length > 0) {
    // No field of the contract takes an object; a list or a yes/no only where its schema says.
    const wrong = (k: string): unknown[] => {
      const type = schema.properties?.[k]?.type;
      return [{}, ...(type === 'array' ? [] : [[]]), ...(type === 'boolean' ? [] : [true])];
    };
    options.push(
      fc
        .constantFrom(...keys)
        .chain((k) => fc.tuple(base, fc.constant(k), fc.constantFrom(...wrong(k))))
        .map(([v, k, bad]) => ({ ...v, [k]: bad })),
    );
  }
  if (required.length > 0) {
    options.push(
      fc.tuple(base, fc.constantFrom(...required)).map(([v, k]) => {
        const copy = { ...v };
        delete copy[k];
        return copy;
      }),
    );
  }
  return fc.oneof(...options);
}

/** Every channel of the public API (issue 17: "every answer matches the document"). */
const CHANNELS = PUBLIC_CHANNELS;

describe('requests derived from the OpenAPI document (issue 17)', () => {
  let fx: Fixture;
  let reader: DatabaseHandle;
  let doc: {
    paths: Record<
      string,
      {
        post: {
          requestBody: { content: Record<string, { schema: Schema }> };
          responses: Record<string, { content: Record<string, { schema: object }> }>;
        };
      }
    >;
  };
  const ajv = new Ajv2020({ strict: false });
  addFormats(ajv);
  const resultOf = new Map<string, ValidateFunction>();
  const seen = { ok: 0, refused: 0 };

  const post = async (channel: string, body: unknown) => {
    const res = await rawRequest(fx.host.port, {
      method: 'POST',
      path: `/api/v2/${channel}`,
      headers: {
        Host: `127.0.0.1:${fx.host.port}`,
        'Content-Type': 'application/json',
        'X-Beatline-Token': fx.host.token,
      },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as { ok: boolean; value?: { id?: string }; error?: unknown };
  };

  beforeAll(async () => {
    fx = await startFixture();
    const served = await rawRequest(fx.host.port, {
      path: '/api/openapi.json',
      headers: { Host: `127.0.0.1:${fx.host.port}` },
    });
    doc = JSON.parse(served.body) as typeof doc;
    for (const channel of CHANNELS) {
      const op = doc.paths[`/api/v2/${channel}`]!.post;
      const schema = op.responses['200']!.content['application/json']!.schema;
      resultOf.set(channel, ajv.compile(schema));
    }
    const idOf = (answer: { value?: { id?: string } }) => String(answer.value?.id);
    const story = idOf(await post('stories:create', { title: 'Seed' }));
    pool.push(story);
    for (const title of ['One', 'Two']) {
      const event = idOf(await post('events:create', { storyId: story, title }));
      pool.push(event);
      for (const description of ['a', 'b']) {
        pool.push(idOf(await post('moments:create', { eventId: event, description })));
      }
    }
    reader = new Database(fx.dbPath, { fileMustExist: true }) as DatabaseHandle;
  });
  afterAll(async () => {
    reader?.close();
    await fx.cleanup();
  });

  const schemaOf = (channel: string): Schema =>
    doc.paths[`/api/v2/${channel}`]!.post.requestBody.content['application/json']!.schema;

  /** Sends one request; checks the answer's shape, and that a refusal wrote nothing. */
  async function check(channel: string, body: unknown, mustRefuse: boolean): Promise<void> {
    const before = dumpDatabase(reader);
    const answer = await post(channel, body);
    const validate = resultOf.get(channel)!;
    expect(validate(answer), JSON.stringify(validate.errors)).toBe(true);
    if (mustRefuse) expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    seen[answer.ok ? 'ok' : 'refused'] += 1;
    if (!answer.ok) expect(dumpDatabase(reader)).toBe(before);
    else if (typeof answer.value?.id === 'string') pool.push(answer.value.id);
  }

  it('valid-shaped requests answer the documented Result; refusals change nothing', async () => {
    const request = fc.oneof(
      ...CHANNELS.map((c) => valid(schemaOf(c)).map((body) => ({ channel: c, body }))),
    );
    await fc.assert(
      fc.asyncProperty(request, ({ channel, body }) => check(channel, body, false)),
      { numRuns: 400 },
    );
    // The generated requests reach the handlers: many succeed, some are refused (not found...).
    expect(seen.ok).toBeGreaterThan(30);
    expect(seen.refused).toBeGreaterThan(0);
  });

  it('requests the schema forbids are refused as invalid_input and change nothing', async () => {
    const request = fc.oneof(
      ...CHANNELS.map((c) => invalid(schemaOf(c)).map((body) => ({ channel: c, body }))),
    );
    await fc.assert(
      fc.asyncProperty(request, ({ channel, body }) => check(channel, body, true)),
      { numRuns: 400 },
    );
  });
});
