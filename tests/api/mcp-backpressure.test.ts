import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_IN_FLIGHT } from '../../electron/cli/mcp/gate';
import { serveMcp, type McpSession } from '../../electron/cli/mcp/serve';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { createRouter } from '../../electron/core/router';
import { dumpDatabase, must } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { until } from './helpers';

// Issue 17 (h69): a client that pipelines many requests to `beatline mcp` without reading the
// answers. Before, the server read them all and held every answer at once (300 list_stories of
// 2,000 stories: 1.3 GB; 1,500 killed it with ENOBUFS: `npx tsx bench/mcp-pipeline.ts`). Now
// at most MAX_IN_FLIGHT requests are with the server; the rest stay unread in its input (the
// input stream is paused), and every request is answered once, in order, when the client reads.
// The server's real stdio is stood in for by two streams: the same SDK server and transport.

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const line = (message: object) => JSON.stringify({ jsonrpc: '2.0', ...message }) + '\n';
const listStories = (id: number) =>
  line({ id, method: 'tools/call', params: { name: 'list_stories', arguments: {} } });

async function setup() {
  const dbPath = join(tempDir('beatline-mcp-backpressure-'), 'library.db');
  const host = await openLibraryHost(dbPath, { backupOnClose: false, backupIntervalMs: 0 });
  cleanups.push(() => host.close());
  const router = createRouter(host);
  // 40 stories of 200-character titles: each list_stories answer is about 16 KB.
  for (let i = 0; i < 40; i++) {
    const title = `${String(i).padStart(3, '0')} ${'a long story title '.repeat(11)}`.slice(0, 200);
    must(await router.invoke('stories:create', { title }));
  }
  const input = new PassThrough();
  const output = new PassThrough();
  const logged: string[] = [];
  const session: McpSession = await serveMcp(router, 'test', {
    input,
    output,
    log: (m) => logged.push(m),
  });
  cleanups.push(() => session.server.close());
  input.write(
    line({
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'pipeliner', version: '1' },
      },
    }),
  );
  input.write(line({ method: 'notifications/initialized' }));
  return { host, input, output, session, logged };
}

/** Reads `output` from now on: every answer, parsed, in the order written. */
function readAnswers(output: PassThrough) {
  const answers: Array<{ id: unknown; result?: { content: Array<{ text: string }> } }> = [];
  let pending = '';
  output.setEncoding('utf8');
  output.on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const l of lines) answers.push(JSON.parse(l) as (typeof answers)[number]);
  });
  return answers;
}

describe('beatline mcp under a client that pipelines requests', () => {
  it('reads no further than MAX_IN_FLIGHT unanswered requests; then answers every one, in order', async () => {
    const { host, input, output, session } = await setup();
    const before = dumpDatabase(host.library()!.db);
    const count = 2000; // 200 KB: more than the streams' buffers (64 KiB each) hold
    let sent = 0;
    for (let id = 1; id <= count; id++) {
      const text = listStories(id);
      sent += Buffer.byteLength(text);
      input.write(text);
    }
    // Nothing reads the answers: the output fills, the places fill, the input is paused.
    await until(() => input.isPaused() && session.gate.waiting() === 1, 30_000);
    expect(session.gate.inFlight()).toBe(MAX_IN_FLIGHT);
    // Most requests are still unread in the input (each is about 100 bytes).
    expect(input.writableLength + input.readableLength).toBeGreaterThan(sent / 2);

    const answers = readAnswers(output);
    await until(() => answers.length === count + 1, 60_000);
    expect(answers.map((a) => a.id)).toEqual(Array.from({ length: count + 1 }, (_, i) => i));
    for (const answer of answers.slice(1)) {
      expect(JSON.parse(answer.result!.content[0]!.text)).toHaveLength(40);
    }
    expect(session.gate.inFlight()).toBe(0);
    expect(dumpDatabase(host.library()!.db)).toBe(before);
  });

  it('answers a cancelled request too, so its place is freed (the cancel is dropped)', async () => {
    const { input, output, session } = await setup();
    const answers = readAnswers(output);
    const count = 3 * MAX_IN_FLIGHT;
    for (let id = 1; id <= count; id++) {
      input.write(listStories(id));
      input.write(line({ method: 'notifications/cancelled', params: { requestId: id } }));
    }
    input.write(line({ id: 'last', method: 'ping' }));
    await until(() => answers.some((a) => a.id === 'last'), 30_000);
    expect(answers.map((a) => a.id)).toEqual([
      0,
      ...Array.from({ length: count }, (_, i) => i + 1),
      'last',
    ]);
    expect(session.gate.inFlight()).toBe(0);
  });

  it('holds a flood of bad lines in the input while the output is full', async () => {
    const { input, output } = await setup();
    let sent = 0;
    for (let i = 0; i < 50_000; i++) {
      input.write('not json\n');
      sent += 9;
    }
    // Each bad line is answered with a JSON-RPC error of about 90 bytes; nothing reads them.
    await until(() => input.isPaused(), 30_000);
    expect(input.writableLength + input.readableLength).toBeGreaterThan(sent / 2);
    const answers = readAnswers(output);
    input.write(line({ id: 'last', method: 'ping' }));
    await until(() => answers.some((a) => a.id === 'last'), 60_000);
    expect(answers.filter((a) => a.id === null)).toHaveLength(50_000);
  });
});
