// `beatline mcp` beside an open page (issue 17): what an assistant adds through the MCP server
// (the SDK's own client over stdio) appears live on the writer's board, and the writer undoes
// it there with the app's Undo; the library file follows.
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { seedStory } from './api';
import { readDatabase } from './database';
import { expect, test } from './fixtures';
import { expectBeats } from './timeline';

const repoRoot = join(import.meta.dirname, '..', '..');

test('an assistant’s beats appear on the open board, and the writer undoes them there', async ({
  app: page,
  host,
}) => {
  test.setTimeout(120_000);
  const storyId = await seedStory(host, 'Heist', [{ title: 'Plan', beats: [['The crew meets']] }]);
  await page.reload();
  await page.getByRole('button', { name: /^Open Heist:/ }).click();
  await expectBeats(page, 0, ['The crew meets']);

  const client = new Client({ name: 'beatline-e2e', version: '1.0.0' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [join(repoRoot, 'bin', 'beatline.mjs'), 'mcp', '--db', host.dbPath],
      env: { ...(process.env as Record<string, string>) },
      stderr: 'ignore',
      cwd: repoRoot,
    }),
  );
  try {
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = await client.callTool({ name, arguments: args });
      const text = (result.content as Array<{ text: string }>)[0]?.text ?? '';
      if (result.isError) throw new Error(text);
      return JSON.parse(text) as { events: Array<{ id: string }> };
    };
    const outline = await call('read_outline', { storyId });
    await call('add_beat', {
      eventId: outline.events[0]!.id,
      description: 'The map, from the assistant',
    });

    // Live on the board, without a reload.
    await expectBeats(page, 0, ['The crew meets', 'The map, from the assistant']);

    // The writer's Undo takes the assistant's step back; the file follows.
    await page.getByRole('button', { name: /^Undo add beat/ }).click();
    await expectBeats(page, 0, ['The crew meets']);
    await expect
      .poll(() => readDatabase(host.dbPath)[0]?.events[0]?.beats.map((b) => b.text))
      .toEqual(['The crew meets']);
  } finally {
    await client.close();
  }
});
