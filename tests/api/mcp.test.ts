import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { startFixture } from '../web/helpers';
import { openChangeStream, postJson, titlesIn, until } from './helpers';

// `beatline mcp` (issue 17), driven by the SDK's own client over stdio, as an assistant would.

const repoRoot = join(import.meta.dirname, '..', '..');
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Connected {
  client: Client;
  /** Protocol errors: a line on stdout that is not a JSON-RPC message lands here. */
  errors: Error[];
  stderr: () => string;
  call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T>;
}

async function startMcp(dbPath: string): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(repoRoot, 'bin', 'beatline.mjs'), 'mcp', '--db', dbPath],
    env: { ...(process.env as Record<string, string>) },
    stderr: 'pipe',
    cwd: repoRoot,
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const client = new Client({ name: 'beatline-test', version: '1.0.0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  cleanups.push(() => client.close());
  return {
    client,
    errors,
    stderr: () => stderr,
    async call<T>(name: string, args: Record<string, unknown>) {
      const result = await client.callTool({ name, arguments: args });
      const text = (result.content as Array<{ type: string; text: string }>)[0]?.text ?? '';
      if (result.isError) throw new Error(text);
      return JSON.parse(text) as T;
    },
  };
}

describe('beatline mcp', () => {
  it('plans a small story through the tools; the library file holds it', async () => {
    const dbPath = join(tempDir('beatline-mcp-'), 'library.db');
    const mcp = await startMcp(dbPath);

    const { tools } = await mcp.client.listTools();
    const names = tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'list_stories',
        'read_outline',
        'add_event',
        'add_beat',
        'move_beat',
        'undo',
      ]),
    );
    // Input schemas come from the contract: unknown fields are refused, required ones named.
    const addBeat = tools.find((t) => t.name === 'add_beat')!;
    expect(addBeat.inputSchema).toMatchObject({
      type: 'object',
      required: ['eventId', 'description'],
      additionalProperties: false,
    });

    const story = await mcp.call('create_story', { title: 'Heist' });
    const plan = await mcp.call('add_event', { storyId: story.id, title: 'Plan' });
    const job = await mcp.call('add_event', { storyId: story.id, title: 'Job' });
    const meet = await mcp.call('add_beat', { eventId: plan.id, description: 'The crew meets' });
    await mcp.call('add_beat', { eventId: plan.id, description: 'The map', timestampOffset: 30 });
    const vault = await mcp.call('add_beat', { eventId: job.id, description: 'The vault' });
    const moved = await mcp.call('move_beat', {
      momentId: meet.id,
      toEventId: job.id,
      beforeMomentId: vault.id,
    });
    expect(moved).toMatchObject({ eventId: job.id, orderKey: expect.any(Number) });

    const outline = await mcp.call<{ events: Array<{ title: string; beatCount: number }> }>(
      'read_outline',
      { storyId: story.id },
    );
    expect(outline.events.map((e) => [e.title, e.beatCount])).toEqual([
      ['Plan', 1],
      ['Job', 2],
    ]);

    // A bad call is a tool error and writes nothing.
    await expect(
      mcp.call('add_beat', { eventId: plan.id, description: 'x', extra: 1 }),
    ).rejects.toThrow();
    await expect(mcp.call('add_beat', { eventId: story.id, description: 'x' })).rejects.toThrow(
      /not_found/,
    );

    await mcp.client.close();
    const db = new Database(dbPath, { fileMustExist: true });
    try {
      const rows = db
        .prepare(
          `SELECT e.title AS event, m.beat_description AS beat, m.timestamp_offset AS t
             FROM event_moments m JOIN events e ON e.event_uuid = m.event_uuid
            ORDER BY e.position, m.sequence_index`,
        )
        .all();
      // In stored order (sequence_index is the gapped sort key the API answers as orderKey).
      expect(rows).toEqual([
        { event: 'Plan', beat: 'The map', t: 30 },
        { event: 'Job', beat: 'The crew meets', t: null },
        { event: 'Job', beat: 'The vault', t: null },
      ]);
    } finally {
      db.close();
    }
    // Stdout carried the protocol only: the client saw no unparsable line.
    expect(mcp.errors).toEqual([]);
    expect(mcp.stderr()).toMatch(/serving/);
  });

  it('beside an open browser host: the host sees the write as a change and undoes it', async () => {
    const fx = await startFixture();
    cleanups.push(() => fx.cleanup());
    const headers = { 'X-Beatline-Token': fx.host.token };
    const stream = await openChangeStream(fx.host.port, {
      Host: `127.0.0.1:${fx.host.port}`,
      ...headers,
    });
    const mcp = await startMcp(fx.dbPath);

    await mcp.call('create_story', { title: 'From the assistant' });
    await until(() => stream.notices.length > 0);
    const listed = await postJson(fx.host.port, '/api/v2/stories:list', {}, headers);
    expect((listed.json.value as Array<{ title: string }>).map((s) => s.title)).toEqual([
      'From the assistant',
    ]);

    const undone = await postJson(fx.host.port, '/api/v2/history:undo', { storyId: null }, headers);
    expect(undone.json).toMatchObject({
      ok: true,
      value: { label: expect.stringMatching(/From the assistant/) },
    });
    expect(titlesIn(fx.dbPath)).toEqual([]);
    expect(await mcp.call<unknown[]>('list_stories', {})).toEqual([]);
    expect(mcp.errors).toEqual([]);
  });
});
