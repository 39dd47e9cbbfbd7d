import { CHANNEL_NOTES } from '../../core/api/channel-notes';

/** One MCP tool: a name an assistant reads, the channel it calls, and what it is for. */
export interface McpToolSpec {
  name: string;
  channel: string;
  description: string;
  /** True for tools that only read (MCP's readOnlyHint). */
  readOnly: boolean;
}

const tool = (name: string, channel: string, readOnly: boolean, extra = ''): McpToolSpec => ({
  name,
  channel,
  readOnly,
  description: `${CHANNEL_NOTES[channel] ?? channel}${extra ? ` ${extra}` : ''}`,
});

const UNDOABLE = 'Recorded as one undo step: undo reverts it.';

/**
 * The tools `beatline mcp` offers (issue 17). Channels the contract does not have yet (the
 * logic layer's links and story check) are offered once it has them.
 */
export const MCP_TOOLS: readonly McpToolSpec[] = [
  tool('list_stories', 'stories:list', true),
  tool('read_outline', 'stories:outline', true, 'Start here to see a story.'),
  tool('read_timeline', 'stories:load', true),
  tool('create_story', 'stories:create', false, UNDOABLE),
  tool('rename_story', 'stories:update', false, UNDOABLE),
  tool('add_event', 'events:create', false, UNDOABLE),
  tool('edit_event', 'events:update', false, UNDOABLE),
  tool('move_event', 'events:move', false, UNDOABLE),
  tool('delete_event', 'events:delete', false, UNDOABLE),
  tool('list_beats', 'moments:list', true),
  tool('add_beat', 'moments:create', false, UNDOABLE),
  tool('edit_beat', 'moments:update', false, UNDOABLE),
  tool('move_beat', 'moments:move', false, UNDOABLE),
  tool('delete_beat', 'moments:delete', false, UNDOABLE),
  tool('undo', 'history:undo', false, 'Give the storyId of the story changed.'),
  tool('redo', 'history:redo', false),
  tool('link_beats', 'links:create', false, UNDOABLE),
  tool('check_story', 'stories:check', true),
];
