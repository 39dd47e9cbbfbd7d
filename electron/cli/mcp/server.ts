import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import { isChannel } from '../../core/contract/channels';
import { inputSchemas } from '../../core/contract/schemas';
import type { Result } from '../../core/contract/types';
import type { Router } from '../../core/router';
import { MCP_TOOLS, type McpToolSpec } from './tools';

/** What the server calls: the router every host uses (core/router.ts). */
export type Invoker = Pick<Router, 'invoke'>;

/**
 * A Result as an MCP tool answer: the value as JSON text (then, for a write that changed the
 * story check, `{"check":{"created":[...],"resolved":[...]}}`), or the error as a tool error.
 */
export function toolAnswer(result: Result<unknown>): CallToolResult {
  if (result.ok) {
    const content: CallToolResult['content'] = [
      { type: 'text', text: JSON.stringify(result.value) },
    ];
    if (result.check) content.push({ type: 'text', text: JSON.stringify({ check: result.check }) });
    return { content };
  }
  return {
    isError: true,
    content: [{ type: 'text', text: `${result.error.code}: ${result.error.message}` }],
  };
}

/**
 * The Beatline MCP server (issue 17): one tool per channel in MCP_TOOLS that the contract has,
 * with the channel's zod schema as its input schema, each calling the same dispatcher as every
 * other host (so every write is validated again and recorded for undo).
 */
export function createMcpServer(library: Invoker, version: string): McpServer {
  const server = new McpServer({ name: 'beatline', version });
  for (const spec of MCP_TOOLS) {
    if (!isChannel(spec.channel)) continue;
    const schema = (inputSchemas as Record<string, z.ZodObject>)[spec.channel];
    server.registerTool(
      spec.name,
      {
        description: spec.description,
        inputSchema: schema,
        annotations: {
          readOnlyHint: spec.readOnly,
          destructiveHint: spec.name.startsWith('delete'),
        },
      },
      async (args: unknown) => toolAnswer(await answer(library, spec, args)),
    );
  }
  return server;
}

/** The tool's channel, joined by the reads it lists (`alsoReads`); the first refusal wins. */
async function answer(
  library: Invoker,
  spec: McpToolSpec,
  args: unknown,
): Promise<Result<unknown>> {
  const main = await library.invoke(spec.channel, args);
  if (!main.ok || !spec.alsoReads) return main;
  const value = { ...(main.value as Record<string, unknown>) };
  for (const [field, channel] of Object.entries(spec.alsoReads)) {
    if (!isChannel(channel)) continue;
    const extra = await library.invoke(channel, args);
    if (!extra.ok) return extra;
    value[field] = extra.value;
  }
  return { ok: true, value };
}
