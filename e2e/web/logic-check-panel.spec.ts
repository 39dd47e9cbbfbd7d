// The logic layer as a writer breaks it: the Story check on screen must say what a fresh
// check of the stored story says, after writes that touch no link but change what its
// sentences name (a beat's number, its text, its event's title).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { hostApi, must, seedStory, type SeedEvent } from './api';
import { beat, column, expectBeats, expectSaved, setOffset } from './timeline';

const EVENTS: SeedEvent[] = [
  { title: 'Arrival', beats: [['The door is bolted']] },
  { title: 'Night watch', beats: [['She breaks in']] },
  { title: 'Dawn', beats: [['Gulls on the roof'], ['The tide turns']] },
];

/** What the hit test reads of the page (the spec compiles without the DOM's types). */
interface HitElement {
  tagName: string;
  textContent: string | null;
  closest(selector: string): HitElement | null;
  getAttribute(name: string): string | null;
}
interface HitTest {
  elementFromPoint(x: number, y: number): HitElement | null;
}

/**
 * What is drawn at the middle of `target`: `name` when it is the target itself (its text holds
 * `text`), else the panel's labelling id or the tag found there.
 */
async function drawnAt(page: Page, target: Locator, text: string, name: string) {
  const box = await target.boundingBox();
  if (!box) return 'not laid out';
  return page.evaluate(
    ([x, y, text, name]) => {
      // The spec compiles without the DOM's types (as logic.spec.ts's checks do).
      const { document } = globalThis as unknown as { document: HitTest };
      const el = document.elementFromPoint(Number(x), Number(y));
      const own = el?.closest('[data-beat-id], [data-chrono-row]');
      return own?.textContent?.includes(String(text)) && !el?.closest('aside')
        ? String(name)
        : (el?.closest('aside')?.getAttribute('aria-labelledby') ?? el?.tagName ?? 'nothing');
    },
    [box.x + box.width / 2, box.y + box.height / 2, text, name] as const,
  );
}

async function openWithBrokenLink(page: Page, host: Parameters<typeof hostApi>[0]) {
  const storyId = await seedStory(host, 'Stale', EVENTS);
  const api = hostApi(host);
  const { events } = must(await api.stories.load({ storyId }));
  const [arrival, watch] = events;
  // Night watch happens before Arrival: the bolted door causes a break-in that came first.
  must(await api.events.moveInChronology({ eventId: watch!.id, beforeEventId: arrival!.id }));
  must(
    await api.links.create({
      fromMomentId: arrival!.moments[0]!.id,
      toMomentId: watch!.moments[0]!.id,
      kind: 'causes',
      strength: 'hard',
    }),
  );
  await page.reload();
  await page.getByRole('button', { name: /^Open Stale:/ }).click();
  await expectBeats(page, 1, ['She breaks in']);
  await page.getByRole('button', { name: /^Story check/ }).click();
  const panel = page.getByRole('complementary', { name: 'Story check' });
  const problem = panel.locator('.check-problem');
  await expect(problem).toContainText(
    "'The door is bolted' (Arrival, beat 1) causes 'She breaks in' (Night watch, beat 1)",
  );
  const fresh = async () =>
    must(await api.stories.check({ storyId })).problems.map((p) => p.message);
  const shown = async () =>
    (await problem.locator('p').allTextContents()).map((t) => t.replace(/^[^:]*: /, ''));
  return { storyId, problem, fresh, shown };
}

test('the Story check names beats as they are after a beat without links moves above one', async ({
  app: page,
  host,
}) => {
  const { fresh, shown } = await openWithBrokenLink(page, host);
  // Keyboard move of "Gulls on the roof" (no links) to the top of Night watch.
  await beat(page, 2, 0).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expectBeats(page, 1, ['Gulls on the roof', 'She breaks in']);
  await expectSaved(page);
  expect(await fresh()).toEqual([
    "'The door is bolted' (Arrival, beat 1) causes 'She breaks in' (Night watch, beat 2), but now happens after it.",
  ]);
  await expect.poll(shown).toEqual(await fresh());
});

test('the Story check quotes a linked beat as it now reads, and its event by its new title', async ({
  app: page,
  host,
}) => {
  const { fresh, shown } = await openWithBrokenLink(page, host);
  await beat(page, 1, 0).getByTestId('beat-text').click();
  await page.keyboard.press('End');
  await page.keyboard.type(' through the window');
  await page.keyboard.press('Tab');
  const title = column(page, 0).getByLabel('Title of event 1');
  await title.fill('The landing');
  await title.press('Enter');
  await expectSaved(page);
  expect(await fresh()).toEqual([
    "'The door is bolted' (The landing, beat 1) causes 'She breaks in through the window' (Night watch, beat 1), but now happens after it.",
  ]);
  await expect.poll(shown).toEqual(await fresh());
});

test('a beat the Story check jumps to is shown beside the panel, not under it', async ({
  app: page,
  host,
}) => {
  const storyId = await seedStory(host, 'Covered', [
    { title: 'Arrival', beats: [['The door is bolted']] },
    { title: 'The tower', beats: [['Supper, still warm']] },
    { title: 'Night watch', beats: [['The lamp goes out']] },
    { title: 'Dawn', beats: [['She breaks in']] },
  ]);
  const api = hostApi(host);
  const { events } = must(await api.stories.load({ storyId }));
  must(await api.events.moveInChronology({ eventId: events[3]!.id, beforeEventId: events[0]!.id }));
  must(
    await api.links.create({
      fromMomentId: events[0]!.moments[0]!.id,
      toMomentId: events[3]!.moments[0]!.id,
      kind: 'causes',
      strength: 'hard',
    }),
  );
  await page.reload();
  await page.getByRole('button', { name: /^Open Covered:/ }).click();
  await expectBeats(page, 3, ['She breaks in']);
  await page.getByRole('button', { name: /^Story check/ }).click();
  const panel = page.getByRole('complementary', { name: 'Story check' });
  await panel.getByRole('button', { name: 'Show second beat' }).click();
  const target = beat(page, 3, 0);
  await expect(target).toBeFocused();
  // What is drawn at the middle of the beat is the beat itself, not the panel over it.
  const onTop = () => drawnAt(page, target, 'She breaks in', 'the beat');
  await expect.poll(onTop).toBe('the beat');
});

test('each button of a Story check problem tells a screen reader which problem it acts on', async ({
  app: page,
  host,
}) => {
  const { problem } = await openWithBrokenLink(page, host);
  const sentence =
    "Effect before cause (error): 'The door is bolted' (Arrival, beat 1) causes 'She breaks in' (Night watch, beat 1), but now happens after it.";
  for (const name of ['Show first beat', 'Show second beat', 'Mark intentional']) {
    await expect(problem.getByRole('button', { name })).toHaveAccessibleDescription(sentence);
  }
});

test('a screen reader hears an event’s two places in words, on the board and in the Chronology', async ({
  app: page,
  host,
}) => {
  await openWithBrokenLink(page, host);
  // Night watch is read second and happens first.
  const header = column(page, 1).locator('.event-time');
  expect(await header.ariaSnapshot()).toContain('Reading order 2, story time 1');
  expect(await header.ariaSnapshot()).not.toContain('R 2');
  await page.getByRole('radio', { name: 'Chronology' }).click();
  const row = page.locator('[data-chrono-row]').first();
  await expect(row).toContainText('Night watch');
  expect(await row.ariaSnapshot()).toContain('Reading order 2, story time 1');
  expect(await row.ariaSnapshot()).not.toContain('R 2');
});

test('a beat with a broken link says so to a screen reader, not only in red', async ({
  app: page,
  host,
}) => {
  await openWithBrokenLink(page, host);
  await expect(beat(page, 0, 0)).toHaveClass(/is-broken-error/);
  await expect(beat(page, 0, 0)).toHaveAccessibleDescription(/^A hard link of this beat is broken/);
  await expect(beat(page, 1, 0)).toHaveAccessibleDescription(/^A hard link of this beat is broken/);
  await expect(beat(page, 2, 0)).toHaveAccessibleDescription(/^Press Space to pick up the beat/);
});

test('with the Story check open, the Chronology’s fields are beside the panel, not under it', async ({
  app: page,
  host,
}) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openWithBrokenLink(page, host);
  await page.getByRole('radio', { name: 'Chronology' }).click();
  for (const title of ['Night watch', 'Arrival']) {
    for (const field of [`Story time of ${title}`, `Mode of ${title}`]) {
      const control = page.getByLabel(field);
      await expect.poll(() => drawnAt(page, control, title, 'the row')).toBe('the row');
    }
  }
});

test('the Story check names an event without a title as the board does: "Untitled event"', async ({
  app: page,
  host,
}) => {
  // h71: the board said "Untitled event" and the check "event 2".
  const { fresh, shown } = await openWithBrokenLink(page, host);
  const title = column(page, 1).getByLabel('Title of event 2');
  await title.fill('');
  await title.press('Enter');
  await expectSaved(page);
  await expect(page.getByRole('region', { name: 'Event 2: Untitled event' })).toBeVisible();
  expect(await fresh()).toEqual([
    "'The door is bolted' (Arrival, beat 1) causes 'She breaks in' (Untitled event, beat 1), but now happens after it.",
  ]);
  await expect.poll(shown).toEqual(await fresh());
});

test('a beat move reads the Story check again only when it renumbers a beat the check names', async ({
  app: page,
  host,
}) => {
  // h71: in a story with problems, every move of a beat without links read the links, story
  // time and the whole check again, though it changed nothing the panel shows.
  const { fresh, shown } = await openWithBrokenLink(page, host);
  await expect.poll(shown).toEqual(await fresh());
  const checks: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/stories:check')) checks.push(r.url());
  });
  // Dawn holds no beat of a problem: its order changes nothing the check says.
  await beat(page, 2, 1).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expectBeats(page, 2, ['The tide turns', 'Gulls on the roof']);
  await expectSaved(page);
  // Into Night watch, above the break-in: the check's "beat 1" becomes "beat 2", read again.
  await beat(page, 2, 1).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  await expectBeats(page, 1, ['Gulls on the roof', 'She breaks in']);
  await expectSaved(page);
  await expect.poll(shown).toEqual(await fresh());
  expect(await fresh()).toEqual([
    "'The door is bolted' (Arrival, beat 1) causes 'She breaks in' (Night watch, beat 2), but now happens after it.",
  ]);
  // Requests go out in order: the first move asked for no check, the second for one.
  expect(checks).toHaveLength(1);
});

test('a drop that gives a link marked intentional a new problem warns, and the problem counts', async ({
  app: page,
  host,
}) => {
  // h71: a marked link a move had mended stayed silent whatever later broke it.
  const storyId = await seedStory(host, 'Marked', EVENTS);
  const api = hostApi(host);
  const { events } = must(await api.stories.load({ storyId }));
  const link = must(
    await api.links.create({
      fromMomentId: events[0]!.moments[0]!.id,
      toMomentId: events[1]!.moments[0]!.id,
      kind: 'causes',
      strength: 'hard',
    }),
  );
  // Marked once, when it was broken; fine now.
  must(await api.links.update({ linkId: link.id, intentional: true }));
  await page.reload();
  await page.getByRole('button', { name: /^Open Marked:/ }).click();
  await expectBeats(page, 1, ['She breaks in']);
  await expect(page.getByRole('button', { name: 'Story check, no problems' })).toBeVisible();
  await beat(page, 0, 0).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-drag-warning]')).toContainText('now happens after it');
  await page.keyboard.press('Space');
  await expectBeats(page, 1, ['She breaks in', 'The door is bolted']);
  await expectSaved(page);
  await expect(page.getByRole('button', { name: 'Story check, 1 problem' })).toBeVisible();
  expect(must(await api.links.list({ storyId })).map((l) => l.intentional)).toEqual([false]);
  expect(must(await api.stories.check({ storyId }))).toMatchObject({ errors: 1, intentional: 0 });
});

test('the Story check names a beat without text as the board does: "Empty beat"', async ({
  app: page,
  host,
}) => {
  // h73: the board said "Empty beat" and the check "(a beat without text)".
  const { fresh, shown } = await openWithBrokenLink(page, host);
  await beat(page, 1, 0).getByTestId('beat-text').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Tab');
  await expectSaved(page);
  await expect(beat(page, 1, 0).getByTestId('beat-text')).toHaveText('Empty beat. Click to write.');
  expect(await fresh()).toEqual([
    "'The door is bolted' (Arrival, beat 1) causes Empty beat (Night watch, beat 1), but now happens after it.",
  ]);
  await expect.poll(shown).toEqual(await fresh());
});

test('the Story check button is drawn in the error colour while the story has an error', async ({
  app: page,
  host,
}) => {
  await openWithBrokenLink(page, host);
  const toggle = page.getByRole('button', { name: 'Story check, 1 problem' });
  // The colour --danger resolves to, against the one the button is drawn in (not hovered; its
  // colour eases for 120 ms once the pointer leaves it, after the click that opened the panel).
  await page.mouse.move(0, 400);
  const colours = () =>
    toggle.evaluate((el) => {
      const probe = el.ownerDocument.createElement('span');
      probe.style.color = 'var(--danger)';
      el.ownerDocument.body.append(probe);
      const view = el.ownerDocument.defaultView!;
      const danger = view.getComputedStyle(probe).color;
      probe.remove();
      return view.getComputedStyle(el).color === danger;
    });
  await expect.poll(colours).toBe(true);
});

test('in the overview, a beat’s link badge stays on one line', async ({ app: page, host }) => {
  await openWithBrokenLink(page, host);
  await page.getByRole('button', { name: 'Overview' }).click();
  const badges = page.locator('.link-badges');
  await expect(badges).toHaveCount(2);
  for (const badge of await badges.all()) {
    const lines = await badge.evaluate((el) => {
      const view = el.ownerDocument.defaultView!;
      return el.clientHeight / parseFloat(view.getComputedStyle(el).lineHeight);
    });
    expect(lines, await badge.innerText()).toBeLessThan(1.5);
  }
});

test('a message shown while the Story check is open stands beside the panel, not over it', async ({
  app: page,
  host,
}) => {
  await openWithBrokenLink(page, host);
  const panel = page.getByRole('complementary', { name: 'Story check' });
  await setOffset(page, 0, 0, 'soon', 'Tab');
  const toast = page.locator('.toast.error');
  await expect(toast).toContainText('“soon” is not a time');
  const [p, t] = [(await panel.boundingBox())!, (await toast.boundingBox())!];
  expect(t.x + t.width).toBeLessThanOrEqual(p.x);
});
