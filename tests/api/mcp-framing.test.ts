import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dumpFile } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { titlesIn, until } from './helpers';

// `beatline mcp` fed lines that are not JSON-RPC messages, byte for byte as an attacker (or a
// broken client) would write them to its stdin: each gets a JSON-RPC error, is logged on stderr,
// changes no row of the library, and the server goes on answering.

const repoRoot = join(import.meta.dirname, '..', '..');

interface RawMcp {
  child: ChildProcessWithoutNullStreams;
  /** Every line the server wrote to stdout, parsed. */
  answers: Array<Record<string, unknown>>;
  stderr: () => string;
  send(line: string | Buffer): void;
  /** Sends a request and waits (at most 30 s) for the answer with its id. */
  request(id: number, method: string, params?: unknown): Promise<Record<string, unknown>>;
}

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill();
});

function startRawMcp(dbPath: string): RawMcp {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'bin', 'beatline.mjs'), 'mcp', '--db', dbPath],
    {
      cwd: repoRoot,
    },
  );
  children.push(child);
  const answers: Array<Record<string, unknown>> = [];
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const lines = (pending + text).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) answers.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  child.stdin.on('error', () => undefined); // a server that died: the test says so below
  const send = (line: string | Buffer) => void child.stdin.write(line);
  return {
    child,
    answers,
    stderr: () => stderr,
    send,
    async request(id, method, params) {
      send(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
      await until(() => answers.some((a) => a.id === id), 30_000).catch(() => undefined);
      const answer = answers.find((a) => a.id === id);
      if (!answer) throw new Error(`no answer to ${method} (id ${id}); stderr: ${stderr}`);
      return answer;
    },
  };
}

async function readyServer(dbPath: string): Promise<RawMcp> {
  const mcp = startRawMcp(dbPath);
  await mcp.request(1, 'initialize', {
    protocolVersion: '2025-06-18',
    capabilities: {},
    clientInfo: { name: 'framing-test', version: '1.0.0' },
  });
  mcp.send(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) + '\n');
  const created = await mcp.request(2, 'tools/call', {
    name: 'create_story',
    arguments: { title: 'Heist' },
  });
  expect(created).toMatchObject({ id: 2, result: { content: [{ type: 'text' }] } });
  return mcp;
}

describe('beatline mcp on lines that are not JSON-RPC messages', () => {
  it('answers each with a JSON-RPC error, says so on stderr, changes nothing and goes on serving', async () => {
    const dbPath = join(tempDir('beatline-mcp-framing-'), 'library.db');
    const mcp = await readyServer(dbPath);
    const before = dumpFile(dbPath);

    mcp.send('hello world\n'); // not JSON
    mcp.send('{"foo":1}\n'); // JSON, not JSON-RPC
    mcp.send('{"jsonrpc":"1.0","id":7,"method":"ping"}\n'); // the wrong version, with an id
    mcp.send('[{"jsonrpc":"2.0","id":8,"method":"ping"}]\n'); // a batch (MCP has none)
    mcp.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])); // not UTF-8
    mcp.send('\n'); // a blank line is skipped quietly
    const ping = await mcp.request(9, 'ping', {});

    expect(ping).toEqual({ jsonrpc: '2.0', id: 9, result: {} });
    const errors = mcp.answers.filter((a) => 'error' in a);
    expect(errors.map((a) => [a.id, (a.error as { code: number }).code])).toEqual([
      [null, -32700],
      [null, -32600],
      [7, -32600],
      [null, -32600],
      [null, -32700],
    ]);
    expect(mcp.stderr().match(/beatline mcp: ignored a line/g)).toHaveLength(5);
    expect(dumpFile(dbPath)).toBe(before);
    expect(titlesIn(dbPath)).toEqual(['Heist']);
  });

  it('refuses a field named twice and nesting past 64 as parse errors, changing nothing (h68)', async () => {
    const dbPath = join(tempDir('beatline-mcp-framing-'), 'library.db');
    const mcp = await readyServer(dbPath);
    const before = dumpFile(dbPath);

    const call = (id: number, args: string) =>
      `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":` +
      `{"name":"create_story","arguments":${args}}}\n`;
    // Before the fix the last "title" won: a story "B" was created.
    mcp.send(call(20, '{"title":"A","title":"B"}'));
    mcp.send(call(21, '{"title":"A","\\u0074itle":"B"}')); // the same name, escaped
    // Which method is this? JSON.parse says the last one.
    mcp.send('{"jsonrpc":"2.0","id":22,"method":"ping","method":"tools/call"}\n');
    mcp.send(call(23, `{"title":${'['.repeat(70)}${']'.repeat(70)}}`));
    const ping = await mcp.request(24, 'ping', {});

    expect(ping).toEqual({ jsonrpc: '2.0', id: 24, result: {} });
    const errors = mcp.answers.filter((a) => 'error' in a);
    expect(errors.map((a) => a.error)).toEqual([
      { code: -32700, message: 'Parse error: duplicate key "title" in one object' },
      { code: -32700, message: 'Parse error: duplicate key "title" in one object' },
      { code: -32700, message: 'Parse error: duplicate key "method" in one object' },
      { code: -32700, message: 'Parse error: the line is nested more than 64 deep' },
    ]);
    expect(mcp.answers.filter((a) => a.id === 20 || a.id === 21 || a.id === 22)).toEqual([]);
    expect(dumpFile(dbPath)).toBe(before);
    expect(titlesIn(dbPath)).toEqual(['Heist']);
  });

  it('answers a known request with params of the wrong shape -32602 Invalid params, not -32603 (h68)', async () => {
    const dbPath = join(tempDir('beatline-mcp-framing-'), 'library.db');
    const mcp = await readyServer(dbPath);
    const before = dumpFile(dbPath);

    const call = (id: number, params: unknown) =>
      JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }) + '\n';
    // Before: the SDK answered each "Internal error" (-32603) with a zod dump as its message.
    mcp.send(call(40, { name: 'create_story', arguments: [] }));
    mcp.send(call(41, { name: 'create_story', arguments: 'Heist 2' }));
    mcp.send(call(42, { name: ['create_story'], arguments: {} }));
    mcp.send(JSON.stringify({ jsonrpc: '2.0', id: 43, method: 'initialize', params: {} }) + '\n');
    const ping = await mcp.request(44, 'ping', {});

    expect(ping).toEqual({ jsonrpc: '2.0', id: 44, result: {} });
    const errors = mcp.answers.filter((a) => 'error' in a);
    expect(errors.map((a) => [a.id, a.error])).toEqual([
      [
        40,
        {
          code: -32602,
          message:
            'Invalid params: params.arguments: Invalid input: expected record, received array',
        },
      ],
      [
        41,
        {
          code: -32602,
          message:
            'Invalid params: params.arguments: Invalid input: expected record, received string',
        },
      ],
      [
        42,
        {
          code: -32602,
          message: 'Invalid params: params.name: Invalid input: expected string, received array',
        },
      ],
      [
        43,
        {
          code: -32602,
          message:
            'Invalid params: params.protocolVersion: Invalid input: expected string, received undefined',
        },
      ],
    ]);
    expect(dumpFile(dbPath)).toBe(before);
    expect(titlesIn(dbPath)).toEqual(['Heist']);
  });

  it('refuses a message over 10 MiB with a JSON-RPC error, reads no more of it, and goes on serving', async () => {
    const dbPath = join(tempDir('beatline-mcp-framing-'), 'library.db');
    const mcp = await readyServer(dbPath);
    const before = dumpFile(dbPath);

    // Before the fix the SDK's transport closed on such a line: the process stayed alive but
    // read nothing more and never answered again, with nothing on stderr.
    const huge = JSON.stringify({
      jsonrpc: '2.0',
      id: 10,
      method: 'tools/call',
      params: { name: 'create_story', arguments: { title: 'x'.repeat(11 * 1024 * 1024) } },
    });
    mcp.send(huge.slice(0, 6 * 1024 * 1024)); // in two writes: the limit holds across chunks
    mcp.send(huge.slice(6 * 1024 * 1024) + '\n');
    const ping = await mcp.request(11, 'ping', {});

    expect(ping).toEqual({ jsonrpc: '2.0', id: 11, result: {} });
    const errors = mcp.answers.filter((a) => 'error' in a);
    expect(errors).toEqual([
      {
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: expect.stringContaining('larger than 10 MiB') },
      },
    ]);
    expect(mcp.stderr()).toContain('beatline mcp: ignored a line');
    expect(dumpFile(dbPath)).toBe(before);
    expect(titlesIn(dbPath)).toEqual(['Heist']);
  });

  it('answers every one of 1,000 pipelined calls once, in order, over its real stdin (h69)', async () => {
    const dbPath = join(tempDir('beatline-mcp-framing-'), 'library.db');
    const mcp = await readyServer(dbPath);
    const before = dumpFile(dbPath);
    const count = 1000;
    let lines = '';
    for (let id = 100; id < 100 + count; id++) {
      const params = { name: 'list_stories', arguments: {} };
      lines += JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }) + '\n';
      // A cancel is dropped (gate.ts): the call is answered all the same.
      if (id % 100 === 0) {
        lines += JSON.stringify({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId: id },
        });
        lines += '\n';
      }
    }
    mcp.send(lines);
    await until(() => mcp.answers.length >= 2 + count, 60_000);
    const ids = mcp.answers.slice(2).map((a) => a.id);
    expect(ids).toEqual(Array.from({ length: count }, (_, i) => 100 + i));
    expect(mcp.answers.slice(2).every((a) => 'result' in a)).toBe(true);
    expect(dumpFile(dbPath)).toBe(before);
  });

  it('ends quietly when the client stops reading its answers (EPIPE), its stdin still open (h69)', async () => {
    const dbPath = join(tempDir('beatline-mcp-framing-'), 'library.db');
    const mcp = await readyServer(dbPath);
    const before = dumpFile(dbPath);
    const exited = new Promise<number | null>((done) => mcp.child.once('exit', done));
    mcp.child.stdout.destroy(); // the client's end of the server's stdout is closed
    for (let id = 50; id < 60; id++) {
      const params = { name: 'list_stories', arguments: {} };
      mcp.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params }) + '\n');
    }
    // Before: "Error: write EPIPE" unhandled, a stack trace and exit code 1.
    expect(await exited).toBe(0);
    expect(mcp.stderr()).toContain('the client stopped reading the answers (EPIPE)');
    expect(mcp.stderr()).not.toMatch(/Unhandled|at .*node:/);
    expect(dumpFile(dbPath)).toBe(before);
  });
});
