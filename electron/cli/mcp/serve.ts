import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { printable } from '../io';
import { framedMessages, type Refusal } from './framing';
import { requestGate, type RequestGate } from './gate';
import { createMcpServer, type Invoker } from './server';

/** A running MCP server on a pair of streams. */
export interface McpSession {
  server: McpServer;
  /** How many requests are with the server now (backpressure: gate.ts). */
  gate: RequestGate;
  /** Resolves when the client closes the input or the server closes. */
  closed: Promise<void>;
}

export interface McpStreams {
  input: Readable;
  output: Writable;
  log: (message: string) => void;
  /** At most this many requests with the server at once (gate.ts). */
  maxInFlight?: number;
}

/**
 * Serves `library` over MCP on `input` and `output` (stdin and stdout for `beatline mcp`): lines
 * that are not JSON-RPC messages are answered here (framing.ts), never handed to the SDK, and
 * a client that pipelines requests is read no further than the server can answer (gate.ts).
 */
export async function serveMcp(
  library: Invoker,
  version: string,
  streams: McpStreams,
): Promise<McpSession> {
  const { input, output, log } = streams;
  const server = createMcpServer(library, version);
  const gate = requestGate(streams.maxInFlight);
  const refuse = (refusal: Refusal) => {
    log(`ignored a line: ${refusal.message}`);
    const { id, code, message } = refusal;
    // On the transport's own stream, so the answers stay in order with its messages; read on
    // once the stream has room, so a flood of bad lines is held in stdin, not in memory.
    const line = JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }) + '\n';
    if (output.write(line)) return null;
    return new Promise<void>((resolve) => output.once('drain', resolve));
  };
  const framed = input.pipe(framedMessages(refuse, { admit: (m) => gate.admit(m) }));
  const transport = new StdioServerTransport(framed, output);
  gate.watch(transport);
  // Anything else the SDK drops (a response to no request...): said, briefly, on stderr.
  server.server.onerror = (error) =>
    log(`protocol error: ${printable(error.message.slice(0, 200))}`);
  const closed = new Promise<void>((done) => {
    server.server.onclose = () => done();
    input.once('end', () => done());
    // A client gone without closing our input (killed, or closed its end of stdout): EPIPE.
    // Said once and the server ends as on a close, where it used to die on an unhandled error.
    let said = false;
    output.on('error', (error: NodeJS.ErrnoException) => {
      if (!said) log(`the client stopped reading the answers (${error.code ?? error.message})`);
      said = true;
      input.unpipe();
      input.pause(); // read nothing more: the process can end
      done();
    });
  });
  await server.connect(transport);
  return { server, gate, closed };
}
