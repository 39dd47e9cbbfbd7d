import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

// A real `beatline mcp` process driven by the SDK's own client over stdio, as an assistant
// would: the one setup tests/api/mcp.test.ts and tests/logic/check-off-thread-hosts.test.ts use.

const repoRoot = join(import.meta.dirname, '..', '..');

/** A connected `beatline mcp`. */
export interface McpConnection {
  client: Client;
  /** Protocol errors: a line on stdout that is not a JSON-RPC message lands here. */
  errors: Error[];
  /** Everything the server wrote to stderr so far. */
  stderr: () => string;
  /** Calls a tool; its first text content parsed as JSON, or throws with it on a tool error. */
  call<T = Record<string, unknown>>(name: string, args: Record<string, unknown>): Promise<T>;
}

/**
 * Starts `bin/beatline.mjs mcp --db <dbPath>` with this Node and connects a client to it; the
 * client's close (which ends the server) is pushed onto `cleanups`.
 */
export async function startMcp(
  dbPath: string,
  cleanups: Array<() => unknown>,
): Promise<McpConnection> {
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
