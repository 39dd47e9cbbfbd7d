import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp';
import { startFixture } from '../web/helpers';
import { openChangeStream, postJson, titlesIn, until } from './helpers';
import { startMcp } from './mcp-client';

// `beatline mcp` (issue 17), driven by the SDK's own client over stdio, as an assistant would.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('beatline mcp', () => {
  it('plans a small story through the tools; the library file holds it', async () => {
    const dbPath = join(tempDir('beatline-mcp-'), 'library.db');
    const mcp = await startMcp(dbPath, cleanups);

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

  it('links two beats, a move breaks the link, the answer and the check say so; the file holds it', async () => {
    const dbPath = join(tempDir('beatline-mcp-'), 'library.db');
    const mcp = await startMcp(dbPath, cleanups);
    const names = (await mcp.client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'link_beats',
        'list_links',
        'edit_link',
        'delete_link',
        'check_story',
      ]),
    );

    const story = await mcp.call('create_story', { title: 'Heist' });
    const plan = await mcp.call('add_event', { storyId: story.id, title: 'Plan' });
    const job = await mcp.call('add_event', { storyId: story.id, title: 'Job' });
    const map = await mcp.call('add_beat', { eventId: plan.id, description: 'The map' });
    const vault = await mcp.call('add_beat', { eventId: job.id, description: 'The vault' });
    const link = await mcp.call('link_beats', {
      fromMomentId: map.id,
      toMomentId: vault.id,
      kind: 'causes',
      strength: 'hard',
    });

    // A setup and its payoff both ways round is refused in words (h71), writing nothing.
    await mcp.call('link_beats', {
      fromMomentId: map.id,
      toMomentId: vault.id,
      kind: 'sets_up',
      strength: 'soft',
    });
    const loop = await mcp.client.callTool({
      name: 'link_beats',
      arguments: { fromMomentId: vault.id, toMomentId: map.id, kind: 'sets_up', strength: 'soft' },
    });
    expect(loop.isError).toBe(true);
    expect((loop.content as Array<{ text: string }>)[0]!.text).toContain(
      "This link would make a loop in reading order: 'The vault' sets up 'The map' sets up 'The vault'",
    );
    const setup = (
      await mcp.call<Array<{ id: string; kind: string }>>('list_links', {
        storyId: story.id,
      })
    ).find((l) => l.kind === 'sets_up')!;
    await mcp.call('delete_link', { linkId: setup.id });

    // The vault now comes before the map that causes it: the move's answer says what it broke.
    const moved = await mcp.client.callTool({
      name: 'move_beat',
      arguments: { momentId: vault.id, toEventId: plan.id, beforeMomentId: map.id },
    });
    expect(moved.isError).toBeFalsy();
    const texts = (moved.content as Array<{ text: string }>).map((c) => c.text).join('\n');
    expect(texts).toMatch(/"created":\[\{[^\]]*"code":"effect_before_cause"/);

    // Reading the outline gives its links and its story check with it.
    const outline = await mcp.call<{
      events: unknown[];
      links: Array<{ id: string }>;
      check: { errors: number; problems: Array<{ linkId: string; severity: string }> };
    }>('read_outline', { storyId: story.id });
    expect(outline.events).toHaveLength(2);
    expect(outline.links.map((l) => l.id)).toEqual([link.id]);
    expect(outline.check).toMatchObject({ errors: 1 });
    const check = await mcp.call<{ errors: number; problems: Array<{ linkId: string }> }>(
      'check_story',
      { storyId: story.id },
    );
    expect(check.errors).toBe(1);
    expect(check.problems.map((p) => p.linkId)).toEqual([link.id]);

    await mcp.client.close();
    const db = new Database(dbPath, { fileMustExist: true, readonly: true });
    try {
      expect(
        db.prepare('SELECT from_moment_uuid AS f, to_moment_uuid AS t, kind FROM beat_links').all(),
      ).toEqual([{ f: map.id, t: vault.id, kind: 'causes' }]);
      expect(
        db
          .prepare(
            'SELECT beat_description AS b FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index',
          )
          .all(plan.id),
      ).toEqual([{ b: 'The vault' }, { b: 'The map' }]);
    } finally {
      db.close();
    }
    expect(mcp.errors).toEqual([]);
  });

  it('add_beats: 40 beats in one call are one undo step', async () => {
    const dbPath = join(tempDir('beatline-mcp-'), 'library.db');
    const mcp = await startMcp(dbPath, cleanups);
    const story = await mcp.call('create_story', { title: 'Heist' });
    const plan = await mcp.call('add_event', { storyId: story.id, title: 'Plan' });
    const texts = Array.from({ length: 40 }, (_, i) => `beat ${i + 1}`);
    const added = await mcp.call<unknown[]>('add_beats', {
      eventId: plan.id,
      moments: texts.map((description) => ({ description })),
    });
    expect(added).toHaveLength(40);
    await mcp.call('undo', { storyId: story.id });
    expect(await mcp.call<unknown[]>('list_beats', { eventId: plan.id })).toEqual([]);
    await mcp.call('redo', { storyId: story.id });
    expect(await mcp.call<unknown[]>('list_beats', { eventId: plan.id })).toHaveLength(40);
  });

  it('beside an open browser host: the host sees the write as a change and undoes it', async () => {
    const fx = await startFixture();
    cleanups.push(() => fx.cleanup());
    const headers = { 'X-Beatline-Token': fx.host.token };
    const stream = await openChangeStream(fx.host.port, {
      Host: `127.0.0.1:${fx.host.port}`,
      ...headers,
    });
    const mcp = await startMcp(fx.dbPath, cleanups);

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
