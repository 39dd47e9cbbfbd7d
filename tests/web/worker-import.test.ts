// Imports off the main thread (issue 13) in the browser host: `stories:import` runs in a worker,
// is one undoable library step, notifies the open pages, and the host keeps answering meanwhile.
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_PROCESS_IMPORT_CHARS } from '../../electron/core/host/import-story';
import { openChangeStream } from '../api/helpers';
import { startFixture, type Fixture } from './helpers';

let fx: Fixture;
let bigBody: Buffer;
beforeAll(async () => {
  // Built before any connection exists: a long synchronous build would leave the client a
  // kept-alive connection the host has closed meanwhile (a reset that has nothing to do with
  // the import).
  const content = outline('The long night', 1_000, 200, 210);
  bigBody = Buffer.from(JSON.stringify({ format: 'md', content, fileName: 'long.md' }));
  fx = await startFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

async function call(channel: string, input: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${fx.base}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': fx.host.token, ...headers },
    body: JSON.stringify(input),
  });
  return (await response.json()) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string; message: string };
  };
}

/**
 * A POST on a connection of its own (a Buffer is sent as the body as it is). The host runs in
 * this test's process, so while either side holds the thread (45 MB to encode or decode) a
 * kept-alive connection can reach the host's 5 s idle timeout with a request already sent on
 * it, which is then reset unread: a keep-alive race, not a request the host failed to answer.
 */
function postOnNewConnection(channel: string, input: unknown): Promise<{ ok: boolean }> {
  const body = Buffer.isBuffer(input) ? input : Buffer.from(JSON.stringify(input));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: fx.host.port,
        method: 'POST',
        path: `/api/${channel}`,
        agent: false,
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': body.length,
          'X-Beatline-Token': fx.host.token,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Stories, beats, and the library's undo steps that Undo can still take. */
function counts(): { stories: number; beats: number; steps: number } {
  const db = new Database(fx.dbPath, { readonly: true });
  try {
    const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      stories: n('SELECT count(*) AS n FROM stories'),
      beats: n('SELECT count(*) AS n FROM event_moments'),
      steps: n("SELECT count(*) AS n FROM history_steps WHERE scope = '' AND undone = 0"),
    };
  } finally {
    db.close();
  }
}

/** A Markdown outline of `events` x `beats` beats, each line about `width` characters. */
function outline(title: string, events: number, beats: number, width = 40): string {
  const parts = [`# ${title}\n`];
  const filler = 'the courier reaches the gate and waits. '
    .repeat(Math.ceil(width / 40))
    .slice(0, width);
  for (let e = 0; e < events; e++) {
    parts.push(`\n## Scene ${e + 1}\n\n`);
    for (let b = 0; b < beats; b++) parts.push(`${b + 1}. Beat ${b + 1}: ${filler}\n`);
  }
  return parts.join('');
}

describe('stories:import in the browser host', () => {
  it('in a worker (over 256 Ki characters), is one library step: Undo removes the imported story, Redo brings it back, and pages are told', async () => {
    const stream = await openChangeStream(fx.host.port, {
      Host: `127.0.0.1:${fx.host.port}`,
      'X-Beatline-Token': fx.host.token,
      'X-Beatline-Client': 'other-page',
    });
    const before = counts();
    const content = outline('Harbour', 40, 100, 80);
    expect(content.length).toBeGreaterThan(IN_PROCESS_IMPORT_CHARS);
    const imported = await call(
      'stories:import',
      { format: 'md', content, fileName: 'harbour.md' },
      { 'X-Beatline-Client': 'importing-page' },
    );
    expect(imported).toMatchObject({
      ok: true,
      value: { title: 'Harbour', eventCount: 40, beatCount: 4_000 },
    });
    expect(counts()).toEqual({
      stories: before.stories + 1,
      beats: before.beats + 4_000,
      steps: before.steps + 1,
    });
    const state = await call('history:state', { storyId: null });
    expect(state).toMatchObject({ ok: true, value: { undo: { label: "import story 'Harbour'" } } });
    // Another page hears of it.
    await expect.poll(() => stream.notices.length, { timeout: 10_000 }).toBeGreaterThan(0);
    stream.close();

    const undone = await call('history:undo', { storyId: null });
    expect(undone).toMatchObject({ ok: true, value: { label: "import story 'Harbour'" } });
    expect(counts()).toMatchObject({ stories: before.stories, beats: before.beats });
    const redone = await call('history:redo', { storyId: null });
    expect(redone).toMatchObject({ ok: true });
    expect(counts()).toMatchObject({ stories: before.stories + 1, beats: before.beats + 4_000 });
  }, 60_000);

  it('a small file is imported on the host thread, and is just as undoable', async () => {
    const before = counts();
    const imported = await call('stories:import', { format: 'md', content: outline('Pier', 2, 3) });
    expect(imported).toMatchObject({ ok: true, value: { title: 'Pier', beatCount: 6 } });
    expect(counts()).toEqual({
      ...before,
      stories: before.stories + 1,
      beats: before.beats + 6,
      steps: before.steps + 1,
    });
    expect(await call('history:undo', { storyId: null })).toMatchObject({
      ok: true,
      value: { label: "import story 'Pier'" },
    });
    expect(counts()).toMatchObject({ stories: before.stories, beats: before.beats });
  });

  it('a refused file changes nothing and records no step', async () => {
    const before = counts();
    const refused = await call('stories:import', { format: 'json', content: '{"format":"nope"}' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(counts()).toEqual(before);
  });

  it('a 45 MB outline imports while the host goes on answering other requests', async () => {
    expect(bigBody.length).toBeGreaterThan(40_000_000);
    const before = counts();
    let done = false;
    const importing = postOnNewConnection('stories:import', bigBody).finally(() => (done = true));
    // Other requests are answered while the import runs (no timing: answers are counted).
    let answeredDuring = 0;
    while (!done) {
      const listed = await postOnNewConnection('stories:list', {});
      expect(listed.ok).toBe(true);
      if (!done) answeredDuring += 1;
      await new Promise((resume) => setTimeout(resume, 50)); // pace the reads, leave CPU to the import
    }
    const imported = await importing;
    expect(imported).toMatchObject({ ok: true, value: { eventCount: 1_000, beatCount: 200_000 } });
    expect(answeredDuring).toBeGreaterThanOrEqual(3);
    expect(counts()).toMatchObject({
      stories: before.stories + 1,
      beats: before.beats + 200_000,
      steps: before.steps + 1,
    });
    console.log(`stories:list answered ${answeredDuring} times during a 45 MB import`);
    // And it is undoable as one step.
    const undone = await call('history:undo', { storyId: null });
    expect(undone).toMatchObject({ ok: true, value: { label: "import story 'The long night'" } });
    expect(counts()).toMatchObject({ stories: before.stories, beats: before.beats });
  }, 300_000);
});

/**
 * An import request whose body is sent in two halves: `finish()` sends the rest; `drop()` closes
 * the connection. `answer` resolves with the Result, or null when the connection was dropped.
 */
function slowImport(title: string) {
  const body = Buffer.from(
    JSON.stringify({ format: 'md', content: outline(title, 2, 3), fileName: `${title}.md` }),
  );
  const half = Math.floor(body.length / 2);
  let answeredAt = 0;
  const req = request({
    host: '127.0.0.1',
    port: fx.host.port,
    method: 'POST',
    path: '/api/stories:import',
    agent: false,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': body.length,
      'X-Beatline-Token': fx.host.token,
    },
  });
  const answer = new Promise<{ ok: boolean; at: number } | null>((resolve) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        answeredAt = performance.now();
        const result = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean };
        resolve({ ...result, at: answeredAt });
      });
    });
    req.on('error', () => resolve(null));
  });
  req.write(body.subarray(0, half));
  return {
    answer,
    finish: () => req.end(body.subarray(half)),
    drop: () => req.destroy(),
  };
}

describe('imports sent at once', () => {
  it('are read one at a time, in order; one dropped while it waits does not hold up the next', async () => {
    const first = slowImport('First');
    // Wait until the host has begun reading the first (it is then the import being read).
    await new Promise((r) => setTimeout(r, 200));
    const second = slowImport('Second');
    second.finish(); // all of its body sent, but it waits for the first
    const dropped = slowImport('Dropped');
    const third = slowImport('Third');
    third.finish();
    await new Promise((r) => setTimeout(r, 300));
    dropped.drop();
    first.finish();
    const [a, b, c, d] = await Promise.all([
      first.answer,
      second.answer,
      dropped.answer,
      third.answer,
    ]);
    expect([a?.ok, b?.ok, c, d?.ok]).toEqual([true, true, null, true]);
    // The second, though sent whole long before, was answered only after the first.
    expect(a!.at).toBeLessThan(b!.at);
    const db = new Database(fx.dbPath, { readonly: true });
    try {
      const titles = db.prepare('SELECT title FROM stories').pluck().all() as string[];
      expect(titles).toEqual(expect.arrayContaining(['First', 'Second', 'Third']));
      expect(titles).not.toContain('Dropped');
    } finally {
      db.close();
    }
  });
});
