import type { Channel } from './channels';
import type { Moment, Story, StoryEvent, StorySummary, StoryTimeline } from './types';

/** The value type each channel answers with (inside `{ ok: true, value }`). */
export interface ChannelOutputs {
  'stories:list': StorySummary[];
  'stories:get': Story;
  'stories:load': StoryTimeline;
  'stories:create': Story;
  'stories:update': Story;
  'stories:delete': { storyId: string };
  'events:list': StoryEvent[];
  'events:get': StoryEvent;
  'events:create': StoryEvent;
  'events:update': StoryEvent;
  'events:delete': { eventId: string };
  /** The story's events in their new order. */
  'events:move': StoryEvent[];
  'moments:list': Moment[];
  'moments:get': Moment;
  'moments:create': Moment;
  'moments:update': Moment;
  'moments:delete': { momentId: string };
  /** The moved beat with its authoritative event and position. */
  'moments:move': Moment;
}

export type ChannelOutput<C extends Channel> = ChannelOutputs[C];

// Compile-time check that every channel has an output type and nothing else does.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _outputsCoverChannels: Exact<keyof ChannelOutputs, Channel> = true;
void _outputsCoverChannels;
