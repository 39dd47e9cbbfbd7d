/**
 * One or two sentences per public channel for the OpenAPI document and the MCP tools (issue 17).
 * Rules between fields that the JSON schema cannot show are stated here.
 */
export const CHANNEL_NOTES: Readonly<Record<string, string>> = {
  'stories:list': 'Lists every story with its event and beat counts.',
  'stories:get': 'Reads one story with its event and beat counts.',
  'stories:load': 'Reads a whole story in order: its events, each with its beats (the timeline).',
  'stories:outline': "Reads a story's events in order with their beat counts, without the beats.",
  'stories:create':
    'Creates a story. `id` (a UUID, v7 preferred) is optional: give it to name the story before it exists.',
  'stories:update':
    'Renames a story. With `expectedUpdatedAt` (the updatedAt you last read) the change is refused as a conflict when someone changed the story since. The rename is a step of the library\'s undo history, or with `history: "story"` of the story\'s own (as the title typed in the story view).',
  'stories:delete': 'Deletes a story with its events and beats (undoable).',
  'stories:export':
    'Renders a story as a file (json, md, docx or fountain); DOCX content is base64.',
  'stories:import':
    'Creates a new story from the text of a story file (json, md or fountain); the whole file is checked first. With `ifTitleExists: "refuse"` it answers `conflict` with reason `title_taken` when a story already has that title; `"copy"` adds it as "X (copy)", "X (copy 2)", ...',
  'stories:duplicate': 'Copies a story as a new one titled "X (copy)" (or `title`).',
  'events:list': "Lists a story's events in order.",
  'events:get': 'Reads one event.',
  'events:create':
    'Adds an event to a story, just before `beforeEventId` or (null or omitted) at the end.',
  'events:update': "Changes an event's title or description; give at least one of them.",
  'events:delete': 'Deletes an event with its beats (undoable).',
  'events:move':
    'Moves an event to just before `beforeEventId` in its story (null: the end); answers the moved event with its new sort key.',
  'moments:list': "Lists an event's beats in order.",
  'moments:range': "Reads `limit` beats of an event from `offset`, with the event's total.",
  'moments:get': 'Reads one beat.',
  'moments:create':
    'Adds a beat to an event, just before `beforeMomentId` or (null or omitted) at the end; `timestampOffset` is seconds into the event, or null.',
  'moments:update': "Changes a beat's description or timestampOffset; give at least one of them.",
  'moments:delete': 'Deletes a beat (undoable).',
  'moments:move':
    'Moves a beat by intent: to just before `beforeMomentId` in `toEventId` (null: the end of `toEventId`); answers the moved beat with its new sort key.',
  'moments:search':
    "Finds a story's beats whose text contains `query` (case-insensitive in every script, ß as ss), in story order: `total` counts up to 1000 matches (`more` says there are more), `hits` holds the first `limit` (default 200) with their event and a snippet. With `eventTitles: true`, each word of `query` may be in the beat's text or its event's title.",
  'history:state':
    'Says what Undo and Redo would do now for a story (or, with storyId null, the library).',
  'history:undo':
    "Undoes the last step of a story's history (storyId null: the library's own steps, such as creating or deleting a story).",
  'history:redo': 'Redoes the last undone step.',
  'backups:list': "Lists the library's backups, newest first.",
  'backups:create': 'Takes a backup of the library now.',
  // Bulk (issue 17, h44).
  'moments:createMany':
    'Adds up to 2000 beats to an event in one request, in the order given, just before `beforeMomentId` or (null or omitted) at the end: one undo step, all or nothing.',
};
