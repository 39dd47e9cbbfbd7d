import { CHANNELS } from '../../electron/core/contract/channels';
import { buildApi, type BeatlineApi } from '../../electron/core/contract/api';
import type { Result } from '../../electron/core/contract/types';
import type { WebHost } from '../../electron/web/server';
import type { Page } from '@playwright/test';

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

/** Another window moves `momentId` to the end of the event `eventId`. */
export async function moveElsewhere(host: WebHost, momentId: string, eventId: string) {
  must(await hostApi(host).moments.move({ momentId, toEventId: eventId, beforeMomentId: null }));
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

/** Imports a story with its events and beats as one story file (one call, one transaction). */
export async function importStory(
  host: WebHost,
  title: string,
  events: SeedEvent[],
): Promise<void> {
  const file = {
    format: 'beatline-story',
    version: 1,
    story: {
      title,
      events: events.map((e) => ({
        title: e.title,
        description: e.description ?? '',
        moments: e.beats.map(([beat_description, offset]) => ({
          beat_description,
          timestamp_offset: offset ?? null,
        })),
      })),
    },
  };
  must(await hostApi(host).stories.import({ format: 'json', content: JSON.stringify(file) }));
}

/** Holds the page's calls to `channel` until the returned function is called. */
export async function holdRequests(page: Page, channel: string): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/api/${channel}`, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
