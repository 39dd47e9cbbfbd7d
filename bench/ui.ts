/**
 * `npm run bench:ui`: the timeline at scale, in Chromium against the browser host, on a story
 * of 500 events x 20 beats (10,000 beats): time to a usable timeline, DOM size while
 * scrolling, frame times during a pointer drag across the view, and input-to-paint while
 * typing in a beat. Prints a table and adds a "ui" key to bench/results/latest.json (the other
 * keys, from `npm run bench`, are kept). Not part of `npm test`.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../electron/web/server';
import {
  DOM_SIZE,
  PLAIN_FIELD,
  SETTLE,
  START_FRAMES,
  STOP_FRAMES,
  WATCH_FIRST_CARDS,
  WATCH_TYPING,
} from './ui/probes';
import { seedLibrary, STORY_TITLE } from './ui/seed';
import { spread, type Spread } from './stats';
import { CHROMIUM_ARGS, systemChromium } from '../e2e/chromium';
import { buildRenderer, builtRendererDir, rendererIsFresh } from '../e2e/renderer-build';

const EVENTS = Number(process.env.BENCH_UI_EVENTS ?? 500);
const BEATS = Number(process.env.BENCH_UI_BEATS ?? 20);
const OPEN_RUNS = Number(process.env.BENCH_UI_RUNS ?? 9);
const VIEWPORT = { width: 1280, height: 800 };
const TARGETS = { openMs: 500, domElements: 5_000, dragFrameP95Ms: 20, typingP95Ms: 16 };

const repoRoot = resolve(import.meta.dirname, '..');
const resultsFile = join(repoRoot, 'bench', 'results', 'latest.json');

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * A private copy of the built renderer, built first when missing or older than its sources; or
 * of `BENCH_UI_RENDERER`, a renderer built elsewhere (to alternate runs of two builds).
 */
function rendererCopy(): string {
  const given = process.env.BENCH_UI_RENDERER;
  if (!given && !rendererIsFresh()) {
    console.log('Building the renderer…');
    buildRenderer();
  }
  const dir = mkdtempSync(join(tmpdir(), 'beatline-bench-renderer-'));
  cpSync(given ?? builtRendererDir, dir, { recursive: true });
  return dir;
}

async function storyId(host: WebHost): Promise<string> {
  const response = await fetch(`${new URL(host.url).origin}/api/stories:list`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': host.token },
    body: '{}',
  });
  const result = (await response.json()) as { ok: boolean; value: { id: string }[] };
  if (!result.ok || !result.value[0]) throw new Error('the bench story is missing');
  return result.value[0].id;
}

const setView = (page: Page, view: object) =>
  page.evaluate(`sessionStorage.setItem('beatline.view', ${JSON.stringify(JSON.stringify(view))})`);

interface OpenSample {
  dom: number;
  painted: number;
  usable: number;
}

/**
 * Opens the story from the library (from the click) or by a reload that comes back to it
 * (from the navigation's start), and reads the probe's times.
 */
async function openOnce(page: Page, mode: 'click' | 'reload', id: string): Promise<OpenSample> {
  if (mode === 'click') {
    await setView(page, { name: 'library' });
    await page.reload();
    const card = page.getByRole('button', { name: new RegExp(`^Open ${STORY_TITLE}:`) });
    await card.waitFor();
    await sleep(300);
    await card.click();
  } else {
    await setView(page, { name: 'story', storyId: id });
    await page.reload();
  }
  await page.waitForFunction(
    () =>
      ((globalThis as { __bench?: { open?: { usable: number } } }).__bench?.open?.usable ?? 0) > 0,
    null,
    { timeout: 15_000 },
  );
  const open = (await page.evaluate('window.__bench.open')) as {
    start: number;
    dom: number;
    frame: number;
    usable: number;
  };
  // Usable means usable: the first card takes the focus and opens for editing.
  await page.locator('[data-beat-id]').first().getByTestId('beat-text').click();
  await page.locator('textarea.beat-textarea').waitFor();
  await page.keyboard.press('Escape');
  return {
    dom: open.dom - open.start,
    painted: open.frame - open.start,
    usable: open.usable - open.start,
  };
}

async function settle(page: Page): Promise<void> {
  await page.evaluate(SETTLE);
}

async function domSizes(page: Page): Promise<{ at: string; elements: number }[]> {
  const board = page.locator('[data-board]');
  const sizes: { at: string; elements: number }[] = [];
  for (const fraction of [0, 0.25, 0.5, 0.75, 1]) {
    await board.evaluate((el, f) => {
      el.scrollLeft = f * (el.scrollWidth - el.clientWidth);
    }, fraction);
    await settle(page);
    sizes.push({ at: `${fraction * 100}%`, elements: (await page.evaluate(DOM_SIZE)) as number });
    if (fraction === 0.5) {
      // And with every rendered column scrolled to its last beats.
      await page.evaluate(
        `document.querySelectorAll('[data-beat-list]').forEach((l) => { l.scrollTop = l.scrollHeight; })`,
      );
      await settle(page);
      sizes.push({
        at: '50%, columns at the bottom',
        elements: (await page.evaluate(DOM_SIZE)) as number,
      });
    }
  }
  return sizes;
}

/** Moves the pointer from `a` to `b` in steps of a 60 Hz hand. */
async function glide(
  page: Page,
  a: { x: number; y: number },
  b: { x: number; y: number },
  ms: number,
): Promise<void> {
  const steps = Math.max(1, Math.round(ms / 16));
  for (let i = 1; i <= steps; i++) {
    await page.mouse.move(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
    await sleep(16);
  }
}

/**
 * A beat dragged across the view to the right edge, held there while the board auto-scrolls
 * through the story, then back across and down; rAF deltas recorded throughout.
 */
async function dragFrames(page: Page): Promise<number[]> {
  const board = page.locator('[data-board]');
  await board.evaluate((el) => {
    el.scrollLeft = 0;
  });
  await settle(page);
  const area = (await board.boundingBox())!;
  const card = (await page.locator('[data-beat-id]').first().boundingBox())!;
  const start = { x: card.x + 24, y: card.y + 12 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 6, start.y + 6);
  await page.evaluate(START_FRAMES);
  const edge = { x: area.x + area.width - 6, y: start.y + 120 };
  await glide(page, start, edge, 1_200);
  await sleep(2_500);
  const back = { x: area.x + area.width * 0.35, y: start.y + 260 };
  await glide(page, edge, back, 1_000);
  await glide(page, back, { x: area.x + area.width * 0.6, y: start.y + 40 }, 800);
  const frames = (await page.evaluate(STOP_FRAMES)) as number[];
  await page.keyboard.press('Escape');
  await page.mouse.up();
  return frames;
}

interface TypingSample {
  down: number;
  handled: number;
  frame: number;
  painted: number;
  /** Typed into the calibration field, not the app. */
  plain: boolean;
}

const WORDS =
  'and then the lantern goes out over the harbour while the bells ring twice more'.split(' ');

async function typeWords(page: Page): Promise<void> {
  for (const word of WORDS) {
    await page.keyboard.type(` ${word}`, { delay: 70 });
    await sleep(450);
  }
}

/**
 * Types words into a beat with pauses (so autosaves run in between), probe on every key; then
 * the same words into a plain textarea on the same page (the calibration: what the frame clock
 * alone costs a keystroke).
 */
async function typing(page: Page): Promise<TypingSample[]> {
  await page.locator('[data-board]').evaluate((el) => {
    el.scrollLeft = 0;
  });
  await settle(page);
  await page.evaluate(WATCH_TYPING);
  await page.locator('[data-event-column]').nth(1).getByTestId('beat-text').nth(2).click();
  await page.locator('textarea.beat-textarea').waitFor();
  await page.keyboard.press('End');
  await typeWords(page);
  await page.keyboard.press('Tab');
  await settle(page);
  await page.evaluate(PLAIN_FIELD);
  await typeWords(page);
  return (await page.evaluate('window.__bench.typing')) as TypingSample[];
}

/**
 * Per keystroke: the app's own work (keydown to the input handled: listeners, React's render
 * and commit), to the next frame (which also waits for the frame clock), and to painted.
 */
function typingSpreads(keys: TypingSample[]) {
  return {
    appWork: spread(keys.map((k) => k.handled - k.down)),
    inputToNextFrame: spread(keys.map((k) => k.frame - k.down)),
    inputToPaint: spread(keys.map((k) => k.painted - k.down)),
  };
}

function readResults(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function writeResults(ui: unknown): void {
  mkdirSync(join(repoRoot, 'bench', 'results'), { recursive: true });
  const merged = { ...readResults(), ui };
  const tmp = `${resultsFile}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(merged, null, 2) + '\n');
  renameSync(tmp, resultsFile);
}

async function main(): Promise<void> {
  const started = Date.now();
  // Other work on the machine shows in every figure here: the load is recorded with them.
  const loadBefore = loadavg()[0]!;
  const work = mkdtempSync(join(tmpdir(), 'beatline-bench-ui-'));
  const dbPath = join(work, 'library.db');
  const rendererDir = rendererCopy();
  console.log(`Seeding ${EVENTS} events x ${BEATS} beats…`);
  await seedLibrary(dbPath, EVENTS, BEATS);
  const host = await startWebHost({ dbPath, rendererDir });
  const browser = await chromium.launch({
    executablePath: systemChromium,
    args: CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(WATCH_FIRST_CARDS);
    await page.goto(host.url);
    const id = await storyId(host);

    console.log('Opening the story…');
    // The first open of each kind warms the host's caches and the browser's; not counted.
    const clicks: OpenSample[] = [];
    const reloads: OpenSample[] = [];
    for (let run = 0; run <= OPEN_RUNS; run++) {
      const click = await openOnce(page, 'click', id);
      const reload = await openOnce(page, 'reload', id);
      if (run > 0) {
        clicks.push(click);
        reloads.push(reload);
      }
    }
    console.log('Scrolling…');
    const dom = await domSizes(page);
    console.log('Dragging…');
    const frames = await dragFrames(page);
    console.log('Typing…');
    const keys = await typing(page);

    const ui = {
      date: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
        browser: `Chromium ${browser.version()}`,
        loadAverage1m: {
          before: Math.round(loadBefore * 100) / 100,
          after: Math.round(loadavg()[0]! * 100) / 100,
        },
      },
      story: { events: EVENTS, beatsPerEvent: BEATS, beats: EVENTS * BEATS },
      viewport: VIEWPORT,
      targets: TARGETS,
      openFromLibraryMs: {
        firstCardsPainted: spread(clicks.map((s) => s.painted)),
        usable: spread(clicks.map((s) => s.usable)),
      },
      openByReloadMs: {
        firstCardsPainted: spread(reloads.map((s) => s.painted)),
        usable: spread(reloads.map((s) => s.usable)),
      },
      domElements: { max: Math.max(...dom.map((d) => d.elements)), at: dom },
      dragFrameMs: {
        ...spread(frames),
        over20ms: frames.filter((f) => f > 20).length,
      },
      typingMs: typingSpreads(keys.filter((k) => !k.plain)),
      // The calibration: the same keys in a plain textarea on the same page.
      typingPlainFieldMs: typingSpreads(keys.filter((k) => k.plain)),
      seconds: Math.round((Date.now() - started) / 1000),
    };
    writeResults(ui);
    printTable(ui);
  } finally {
    await browser.close();
    await host.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(rendererDir, { recursive: true, force: true });
  }
}

function printTable(ui: {
  machine: {
    cpus: number;
    cpuModel: string;
    browser: string;
    loadAverage1m: { before: number; after: number };
  };
  openFromLibraryMs: { usable: Spread };
  openByReloadMs: { usable: Spread };
  domElements: { max: number };
  dragFrameMs: Spread & { over20ms: number };
  typingMs: ReturnType<typeof typingSpreads>;
  typingPlainFieldMs: ReturnType<typeof typingSpreads>;
}): void {
  const typed = ui.typingMs;
  const plain = ui.typingPlainFieldMs;
  const rows: [string, string, string, boolean][] = [
    [
      'open from the library, to usable (p95)',
      `${ui.openFromLibraryMs.usable.p95} ms (p50 ${ui.openFromLibraryMs.usable.p50})`,
      `<= ${TARGETS.openMs} ms`,
      ui.openFromLibraryMs.usable.p95 <= TARGETS.openMs,
    ],
    [
      'open by reload, to usable (p95)',
      `${ui.openByReloadMs.usable.p95} ms (p50 ${ui.openByReloadMs.usable.p50})`,
      `<= ${TARGETS.openMs} ms`,
      ui.openByReloadMs.usable.p95 <= TARGETS.openMs,
    ],
    [
      'DOM elements, most at any scroll position',
      `${ui.domElements.max}`,
      `<= ${TARGETS.domElements}`,
      ui.domElements.max <= TARGETS.domElements,
    ],
    [
      'frame time during a pointer drag (p95)',
      `${ui.dragFrameMs.p95} ms (p50 ${ui.dragFrameMs.p50}, ${ui.dragFrameMs.over20ms}/${ui.dragFrameMs.n} > 20)`,
      `<= ${TARGETS.dragFrameP95Ms} ms`,
      ui.dragFrameMs.p95 <= TARGETS.dragFrameP95Ms,
    ],
    [
      "typing: the app's work per key, keydown to handled (p95)",
      `${typed.appWork.p95} ms (p50 ${typed.appWork.p50}; plain field ${plain.appWork.p95})`,
      `<= ${TARGETS.typingP95Ms} ms`,
      typed.appWork.p95 <= TARGETS.typingP95Ms,
    ],
    [
      'typing: keydown to next frame (p95)',
      `${typed.inputToNextFrame.p95} ms (p50 ${typed.inputToNextFrame.p50}; plain field ${plain.inputToNextFrame.p95}, p50 ${plain.inputToNextFrame.p50})`,
      '',
      true,
    ],
    [
      'typing: keydown to painted (p95)',
      `${typed.inputToPaint.p95} ms (p50 ${typed.inputToPaint.p50}; plain field ${plain.inputToPaint.p95}, p50 ${plain.inputToPaint.p50})`,
      '',
      true,
    ],
  ];
  const width = [0, 1, 2].map((c) => Math.max(...rows.map((r) => String(r[c]).length)));
  console.log(
    `\nTimeline at ${EVENTS} events x ${BEATS} beats, ${VIEWPORT.width}x${VIEWPORT.height}, ` +
      `${ui.machine.cpus} x ${ui.machine.cpuModel}, ${ui.machine.browser}, ` +
      `load average ${ui.machine.loadAverage1m.before} → ${ui.machine.loadAverage1m.after}\n`,
  );
  for (const [name, value, target, ok] of rows) {
    console.log(
      `${name.padEnd(width[0]!)}  ${value.padStart(width[1]!)}  ${target.padEnd(width[2]!)}  ${target ? (ok ? 'ok' : 'MISSED') : ''}`,
    );
  }
  console.log(`\nWritten to ${resultsFile} (key "ui").`);
}

await main();
