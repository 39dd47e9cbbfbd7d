import { z } from 'zod';
import type { Channel } from './channels';
import type { BackupInfo, ChannelOutput, ExportedStoryFile } from './outputs';
import { PROBLEM_CODES } from './types';
import type {
  BeatSearchResult,
  EventSummary,
  EventWithMoments,
  HistoryOutcome,
  HistoryState,
  Moment,
  MomentRange,
  Story,
  StoryEvent,
  StoryCheckDelta,
  StoryOutline,
  StorySummary,
  StoryTimeline,
} from './types';

// The local API (issue 17): zod schemas of the outputs other tools read, for the OpenAPI
// document. Each is checked against its TypeScript type below, so the two cannot drift.

const count = z.number().int().min(0);
const timestamp = z.string().meta({ description: 'ISO 8601 UTC' });

const story = z.object({
  id: z.string(),
  title: z.string(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const storySummary = story.extend({ eventCount: count, beatCount: count });
const storyEvent = z.object({
  id: z.string(),
  storyId: z.string(),
  title: z.string(),
  description: z.string(),
  orderKey: z.int().meta({
    description: 'sort key in its story: gapped, compare only (the place is the list index)',
  }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const moment = z.object({
  id: z.string(),
  eventId: z.string(),
  orderKey: z.int().meta({
    description: 'sort key in its event: gapped, compare only (the place is the list index)',
  }),
  description: z.string(),
  timestampOffset: z
    .number()
    .min(0)
    .nullable()
    .meta({ description: 'seconds into the event, or null' }),
  createdAt: timestamp,
  updatedAt: timestamp,
});
const eventSummary = storyEvent.extend({ beatCount: count });
const eventWithMoments = storyEvent.extend({ moments: z.array(moment) });
const outline = z.object({ story, events: z.array(eventSummary) });
const timeline = z.object({ story, events: z.array(eventWithMoments) });
const momentRange = z.object({
  eventId: z.string(),
  offset: count,
  total: count,
  moments: z.array(moment),
});
// Board navigation (issue 16).
const beatSearchResult = z.object({
  storyId: z.string(),
  query: z.string(),
  total: count.meta({ description: 'matches counted, at most 1000' }),
  more: z.boolean().meta({ description: 'true when there are more matches than total' }),
  hits: z.array(
    z.object({
      momentId: z.string(),
      eventId: z.string(),
      snippet: z.string().meta({ description: 'the text around the first match' }),
    }),
  ),
});
const step = z.object({ label: z.string() }).nullable();
const historyState = z.object({ undo: step, redo: step });
const historyOutcome = z.object({
  label: z
    .string()
    .nullable()
    .meta({ description: 'the step undone or redone; null when there was none' }),
  storyIds: z.array(z.string()),
  state: historyState,
});
const exportedFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
const backupInfo = z.object({
  id: z.string(),
  createdAt: timestamp,
  kind: z.enum(['auto', 'quit', 'manual', 'pre-migration', 'before-restore']),
  sizeBytes: count,
  readable: z.boolean(),
  schemaVersion: z.number().int().nullable(),
  storyCount: count.nullable(),
  eventCount: count.nullable(),
  beatCount: count.nullable(),
});

const storyProblem = z.object({
  id: z
    .string()
    .meta({ description: '`code:linkId`: the same problem keeps its id while it lasts' }),
  code: z.enum(PROBLEM_CODES),
  severity: z.enum(['error', 'warning', 'info']),
  linkId: z.string(),
  momentIds: z
    .tuple([z.string(), z.string()])
    .meta({ description: "the link's beats: [from, to]" }),
  message: z.string().meta({ description: 'One sentence for the writer.' }),
  intentional: z.boolean(),
  loop: z
    .array(z.object({ linkId: z.string(), fromMomentId: z.string(), toMomentId: z.string() }))
    .optional()
    .meta({ description: "a setup_loop: the loop's sets_up links in order" }),
});

/** What a write did to the story check's answer: the `check` beside a write's `value`. */
export const storyCheckDelta = z
  .object({ created: z.array(storyProblem), resolved: z.array(storyProblem) })
  .meta({ description: 'The story check problems this write created and resolved.' });

/** The schema of each public channel's `value`. */
export const outputSchemas = {
  'stories:list': z.array(storySummary),
  'stories:get': storySummary,
  'stories:load': timeline,
  'stories:outline': outline,
  'stories:create': story,
  'stories:update': story,
  'stories:delete': z.object({ storyId: z.string() }),
  'stories:export': exportedFile,
  'stories:import': storySummary,
  'stories:duplicate': storySummary,
  'events:list': z.array(storyEvent),
  'events:get': storyEvent,
  'events:create': storyEvent,
  'events:update': storyEvent,
  'events:delete': z.object({ eventId: z.string() }),
  'events:move': storyEvent,
  'moments:list': z.array(moment),
  'moments:range': momentRange,
  'moments:get': moment.extend({
    place: z.int().min(0).meta({ description: '0-based place in its event (counted)' }),
  }),
  'moments:create': moment,
  'moments:update': moment,
  'moments:delete': z.object({ momentId: z.string() }),
  'moments:move': moment,
  'moments:search': beatSearchResult,
  'history:state': historyState,
  'history:undo': historyOutcome,
  'history:redo': historyOutcome,
  'backups:list': z.array(backupInfo),
  'backups:create': backupInfo,
  // Bulk (issue 17, h44).
  'moments:createMany': z.array(moment),
} satisfies Partial<Record<Channel, z.ZodType>>;

// Compile-time checks: each schema's type is exactly the contract's TypeScript type.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
type Out<K extends keyof typeof outputSchemas> = z.output<(typeof outputSchemas)[K]>;
type Checks = [
  Exact<z.output<typeof story>, Story>,
  Exact<z.output<typeof storySummary>, StorySummary>,
  Exact<z.output<typeof storyEvent>, StoryEvent>,
  Exact<z.output<typeof moment>, Moment>,
  Exact<z.output<typeof eventSummary>, EventSummary>,
  Exact<z.output<typeof eventWithMoments>, EventWithMoments>,
  Exact<z.output<typeof outline>, StoryOutline>,
  Exact<z.output<typeof timeline>, StoryTimeline>,
  Exact<z.output<typeof momentRange>, MomentRange>,
  Exact<z.output<typeof historyState>, HistoryState>,
  Exact<z.output<typeof historyOutcome>, HistoryOutcome>,
  Exact<z.output<typeof exportedFile>, ExportedStoryFile>,
  Exact<z.output<typeof backupInfo>, BackupInfo>,
  Exact<z.output<typeof beatSearchResult>, BeatSearchResult>,
  Exact<z.output<typeof storyCheckDelta>, StoryCheckDelta>,
  {
    [K in keyof typeof outputSchemas]: Exact<Out<K>, ChannelOutput<K>>;
  }[keyof typeof outputSchemas],
];
const _outputSchemasMatchTypes: Checks = [
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
  true,
];
void _outputSchemasMatchTypes;
