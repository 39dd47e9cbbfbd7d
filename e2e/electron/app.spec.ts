// The real desktop app through Playwright's _electron: it runs where the Electron binary is
// installed (node_modules/electron/dist) and a display exists, and says plainly when it skips.
// It never requires 'electron' itself (that would start a binary download).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import type { BeatlineApi } from '../../electron/core/contract/api';
import { CHANNELS } from '../../electron/core/contract/channels';
import {
  addBeats,
  addEvent,
  beat,
  createStory,
  expectBeats,
  expectEvents,
  expectSaved,
  pointIn,
  pointerDrag,
  setOffset,
} from '../web/timeline';

const root = resolve(import.meta.dirname, '..', '..');
const builtMain = join(root, 'out', 'main', 'index.js');

/** The Electron executable named by node_modules/electron/path.txt, if it is on disk. */
function installedElectronBinary(): string | null {
  const dir = join(root, 'node_modules', 'electron');
  try {
    const relative = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    const binary = join(dir, 'dist', relative);
    return relative && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function skipReason(): string | null {
  if (!installedElectronBinary()) {
    return 'Electron binary not installed (node_modules/electron/dist missing): Electron e2e skipped; run `npx install-electron` where GitHub is reachable';
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (DISPLAY is not set): Electron e2e skipped; run it under `xvfb-run -a npx playwright test --project electron`';
  }
  return null;
}

const reason = skipReason();
if (reason) console.log(`SKIPPED Electron e2e: ${reason}`);

/** What a page script sees (the e2e tsconfig has no DOM lib, so this is spelled out). */
type PageGlobals = Record<string, unknown> & {
  beatline: BeatlineApi;
  location: { protocol: string };
  open(url: string): unknown;
};

async function launch(dbFile: string): Promise<{ app: ElectronApplication; page: Page }> {
  if (!existsSync(builtMain)) {
    throw new Error('out/main/index.js is missing: build first with `npx electron-vite build`.');
  }
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'ELECTRON_RENDERER_URL' && key !== 'BEATLINE_DB') {
      env[key] = value;
    }
  }
  // No executablePath: Playwright then resolves the installed binary itself and injects its
  // loader, which holds the app's 'ready' until Playwright is attached.
  const app = await electron.launch({ args: [builtMain, '--db', dbFile], cwd: root, env });
  const page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
  await page.waitForFunction(() => 'beatline' in globalThis);
  return { app, page };
}

test.describe('Beatline desktop app', () => {
  test.skip(reason !== null, reason ?? '');

  let dir = '';
  test.beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'beatline-electron-e2e-'));
  });
  test.afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the window is locked down and sees only window.beatline', async () => {
    const { app, page } = await launch(join(dir, 'library.db'));
    try {
      const inPage = await page.evaluate(() => {
        const w = globalThis as unknown as PageGlobals;
        return {
          protocol: w.location.protocol,
          require: typeof w.require,
          process: typeof w.process,
          ipcRenderer: typeof w.ipcRenderer,
          electron: typeof w.electron,
          domains: Object.keys(w.beatline).sort(),
          functions: Object.values(w.beatline).flatMap((ns) =>
            Object.values(ns as Record<string, unknown>).map((f) => typeof f),
          ),
          // http: is not handed to the system browser (only https: and mailto: are).
          popup: w.open('http://example.com/') === null,
        };
      });
      expect(inPage.protocol).toBe('app:');
      expect(inPage.require).toBe('undefined');
      expect(inPage.process).toBe('undefined');
      expect(inPage.ipcRenderer).toBe('undefined');
      expect(inPage.electron).toBe('undefined');
      expect(inPage.domains).toEqual([...new Set(CHANNELS.map((c) => c.split(':')[0]))].sort());
      expect(inPage.functions).toEqual(CHANNELS.map(() => 'function'));
      expect(inPage.popup).toBe(true);

      // Secure webPreferences are checked on the built bundle by tests/electron (Electron has
      // no API to read them back); here: one window, and nothing it opens becomes another.
      const windows = await app.evaluate(
        ({ BrowserWindow }) => BrowserWindow.getAllWindows().length,
      );
      expect(windows).toBe(1);
    } finally {
      await app.close();
    }
  });

  test('a story, an event and a beat survive a restart', async () => {
    const dbFile = join(dir, 'library.db');
    const title = `The Lighthouse ${Date.now()}`;

    const first = await launch(dbFile);
    let ids: { storyId: string; eventId: string; momentId: string };
    try {
      ids = await first.page.evaluate(async (storyTitle) => {
        const { beatline } = globalThis as unknown as PageGlobals;
        const story = await beatline.stories.create({ title: storyTitle });
        if (!story.ok) throw new Error(`stories.create: ${story.error.message}`);
        const event = await beatline.events.create({
          storyId: story.value.id,
          title: 'The storm arrives',
        });
        if (!event.ok) throw new Error(`events.create: ${event.error.message}`);
        const moment = await beatline.moments.create({
          eventId: event.value.id,
          description: 'The keeper lights the lamp',
          timestampOffset: 30,
        });
        if (!moment.ok) throw new Error(`moments.create: ${moment.error.message}`);
        return { storyId: story.value.id, eventId: event.value.id, momentId: moment.value.id };
      }, title);
      const bad = await first.page.evaluate(() =>
        (globalThis as unknown as PageGlobals).beatline.stories.create({ title: '' }),
      );
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    } finally {
      await first.app.close();
    }

    const second = await launch(dbFile);
    try {
      const after = await second.page.evaluate(async ({ storyId, eventId }) => {
        const { beatline } = globalThis as unknown as PageGlobals;
        return {
          stories: await beatline.stories.list({}),
          moments: await beatline.moments.list({ eventId }),
          timeline: await beatline.stories.load({ storyId }),
        };
      }, ids);
      expect(after.stories.ok && after.stories.value.map((s) => s.title)).toContain(title);
      expect(after.moments).toMatchObject({
        ok: true,
        value: [
          {
            id: ids.momentId,
            description: 'The keeper lights the lamp',
            timestampOffset: 30,
            sequenceIndex: 0,
          },
        ],
      });
      expect(after.timeline.ok && after.timeline.value.events.map((e) => e.title)).toEqual([
        'The storm arrives',
      ]);
      // The renderer lists the writer's stories.
      await expect(
        second.page.getByText(title).first(),
        'the window should show the story created before the restart',
      ).toBeVisible({ timeout: 15_000 });
    } finally {
      await second.app.close();
    }
  });

  test('the main flow through the window: create, drag, edit, relaunch', async () => {
    const dbFile = join(dir, 'library.db');
    const title = 'Salt Road';
    const first = await launch(dbFile);
    try {
      const { page } = first;
      await createStory(page, title);
      await addEvent(page, 'The pass');
      await addEvent(page, 'The inn');
      await addBeats(page, 0, ['Snow closes the road', 'A stranger offers a map']);
      await addBeats(page, 1, ['The innkeeper lies']);
      // Drag the second beat of the first event to the top of the second event.
      await pointerDrag(page, beat(page, 0, 1), await pointIn(beat(page, 1, 0), 'top'));
      await expectBeats(page, 0, ['Snow closes the road']);
      await expectBeats(page, 1, ['A stranger offers a map', 'The innkeeper lies']);
      // Edit a description and set a time.
      const text = beat(page, 1, 1).getByRole('textbox', { name: 'Beat 2 description' });
      await text.click();
      await page.keyboard.press('End');
      await page.keyboard.type(' about the pass');
      await page.keyboard.press('Tab');
      await setOffset(page, 1, 0, '0:30');
      await expectSaved(page);
    } finally {
      await first.app.close();
    }

    const second = await launch(dbFile);
    try {
      const { page } = second;
      await page.getByText(title).first().click();
      await expectEvents(page, ['The pass', 'The inn']);
      await expectBeats(page, 0, ['Snow closes the road']);
      await expectBeats(page, 1, ['A stranger offers a map', 'The innkeeper lies about the pass']);
      await expect(beat(page, 1, 0)).toContainText('0:30');
    } finally {
      await second.app.close();
    }
  });
});
