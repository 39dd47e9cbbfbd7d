import { format } from 'node:util';
import { openLibraryHost } from '../../core/host/library-host';
import { withWorkerChecks } from '../../core/logic/check-off-thread';
import { createRouter } from '../../core/router';
import { API_VERSION } from '../../core/contract/public';
import type { Command } from '../command';
import { EXIT_FAILURE, EXIT_OK } from '../command';
import { serveMcp } from '../mcp/serve';

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
    const { server, closed } = await serveMcp(createRouter(checks), API_VERSION, {
      input: process.stdin,
      output: process.stdout,
      log,
    });
    log(`serving ${dbPath}`);
    await closed;
    await server.close().catch(() => undefined);
    await checks.close();
    await host.close();
    return EXIT_OK;
  },
};
