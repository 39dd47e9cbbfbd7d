import { format } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { openLibraryHost } from '../../core/host/library-host';
import { withWorkerChecks } from '../../core/logic/check-off-thread';
import { createRouter } from '../../core/router';
import { API_VERSION } from '../../core/contract/public';
import type { Command } from '../command';
import { EXIT_FAILURE, EXIT_OK } from '../command';
import { printable } from '../io';
import { framedMessages, type Refusal } from '../mcp/framing';
import { createMcpServer } from '../mcp/server';

/**
 * `beatline mcp --db FILE`: an MCP server on stdin/stdout for AI assistants (issue 17). Stdout
 * carries the protocol only; messages go to stderr. Runs until the client closes stdin.
 */
export const mcpCommand: Command = {
  name: 'mcp',
  summary: 'serve the library to an AI assistant over MCP (stdio)',
  options: {},
  optionHelp: [],
  async run({ dbPath, io }) {
    const log = (message: string) => io.err(`beatline mcp: ${message}\n`);
    // Stdout is the protocol: anything that would print there (now or later) goes to stderr.
    console.log = console.info = (...args: unknown[]) => io.err(`${format(...args)}\n`);
    const host = await openLibraryHost(dbPath, {
      backupOnClose: false,
      log,
      logError: (c, e) => log(`${c} failed: ${String(e)}`),
    });
    // A file that is not a library: the host has said why (once, with its path) and left it.
    if (host.state() !== 'open') {
      await host.close();
      return EXIT_FAILURE;
    }
    // Whole story checks in a worker (issue 14): a check never holds up another tool's answer.
    const checks = withWorkerChecks(host, () => host.library());
    void checks.started().then((ready) => ready && log('whole story checks run in a worker'));
    const server = createMcpServer(createRouter(checks), API_VERSION);
    // Lines that are not JSON-RPC messages are answered here, never handed to the SDK.
    const refuse = (refusal: Refusal) => {
      log(`ignored a line: ${refusal.message}`);
      const { id, code, message } = refusal;
      // On the transport's own stream, so the answers stay in order with its messages.
      process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }) + '\n');
    };
    const input = process.stdin.pipe(framedMessages(refuse));
    const transport = new StdioServerTransport(input, process.stdout);
    // Anything else the SDK drops (a response to no request...): said, briefly, on stderr.
    server.server.onerror = (error) =>
      log(`protocol error: ${printable(error.message.slice(0, 200))}`);
    await server.connect(transport);
    const closed = new Promise<void>((done) => {
      server.server.onclose = () => done();
      process.stdin.once('end', () => done());
    });
    log(`serving ${dbPath}`);
    await closed;
    await server.close().catch(() => undefined);
    await checks.close();
    await host.close();
    return EXIT_OK;
  },
};
