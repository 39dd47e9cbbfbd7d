import { CHANNEL_NOTES } from '../../core/api/channel-notes';

/** One MCP tool: a name an assistant reads, the channel it calls, and what it is for. */
export interface McpToolSpec {
  name: string;
  channel: string;
  description: string;
  /** True for tools that only read (MCP's readOnlyHint). */
  readOnly: boolean;
  /** Reads with the same input whose answers join the channel's, each under its field. */
  alsoReads?: Readonly<Record<string, string>>;
}

const tool = (
  name: string,
  channel: string,
  readOnly: boolean,
  extra = '',
  alsoReads?: McpToolSpec['alsoReads'],
): McpToolSpec => ({
  name,
  channel,
  readOnly,
  description: `${CHANNEL_NOTES[channel] ?? channel}${extra ? ` ${extra}` : ''}`,
  ...(alsoReads ? { alsoReads } : {}),
});

const UNDOABLE = 'Recorded as one undo step: undo reverts it.';

/**
 * The tools `beatline mcp` offers (issue 17). A write's answer also says what it did to the
 * story check (the problems it created and resolved), as a second text part.
 */
export const MCP_TOOLS: readonly McpToolSpec[] = [
  tool('list_stories', 'stories:list', true),
  tool(
    'read_outline',
    'stories:outline',
    true,
    'Start here to see a story. With its links (`links`) and its story check (`check`).',
    { links: 'links:list', check: 'stories:check' },
  ),
  tool('read_timeline', 'stories:load', true),
  tool('create_story', 'stories:create', false, UNDOABLE),
  tool('rename_story', 'stories:update', false, UNDOABLE),
  tool('add_event', 'events:create', false, UNDOABLE),
  tool('edit_event', 'events:update', false, UNDOABLE),
  tool('move_event', 'events:move', false, UNDOABLE),
  tool('delete_event', 'events:delete', false, UNDOABLE),
  tool('list_beats', 'moments:list', true),
  tool('add_beat', 'moments:create', false, UNDOABLE),
  tool('add_beats', 'moments:createMany', false, 'All of them are one undo step.'),
  tool('edit_beat', 'moments:update', false, UNDOABLE),
  tool('move_beat', 'moments:move', false, UNDOABLE),
  tool('delete_beat', 'moments:delete', false, UNDOABLE),
  tool('undo', 'history:undo', false, 'Give the storyId of the story changed.'),
  tool('redo', 'history:redo', false),
  tool('list_links', 'links:list', true),
  tool('link_beats', 'links:create', false, UNDOABLE),
  tool('edit_link', 'links:update', false, UNDOABLE),
  tool('delete_link', 'links:delete', false, UNDOABLE),
  tool('check_story', 'stories:check', true),
];
