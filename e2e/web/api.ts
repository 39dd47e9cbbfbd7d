import { CHANNELS } from '../../electron/core/contract/channels';
import { buildApi, type BeatlineApi } from '../../electron/core/contract/api';
import type { Result } from '../../electron/core/contract/types';
import type { WebHost } from '../../electron/web/server';

/**
 * The host's channel table over HTTP, from Node: the same `buildApi` shape the renderer gets,
 * for seeding data quickly where the UI flow itself is not what a test is about.
 */
export function hostApi(host: WebHost): BeatlineApi {
  const origin = new URL(host.url).origin;
  return buildApi(CHANNELS, async (channel, input) => {
    const response = await fetch(`${origin}/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': host.token },
      body: JSON.stringify(input),
    });
    return response.json();
  });
}

/** The value of a Result, or a thrown error with the handler's message. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

export interface SeedEvent {
  title: string;
  description?: string;
  beats: [text: string, offset?: number][];
}

/** Creates a story with its events and beats through the API; resolves to the story id. */
export async function seedStory(
  host: WebHost,
  title: string,
  events: SeedEvent[],
): Promise<string> {
  const api = hostApi(host);
  const story = must(await api.stories.create({ title }));
  for (const e of events) {
    const event = must(
      await api.events.create({
        storyId: story.id,
        title: e.title,
        description: e.description ?? '',
      }),
    );
    for (const [description, offset] of e.beats) {
      must(
        await api.moments.create({
          eventId: event.id,
          description,
          timestampOffset: offset ?? null,
        }),
      );
    }
  }
  return story.id;
}
