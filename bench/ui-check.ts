/**
 * `npm run bench:ui-check`: does the story check ever hold up typing? In Chromium against the
 * browser host, on a story of 100,000 beats with 10,000 links (the issue's size), a writer
 * types in a beat three times: quietly; while the Story check panel opens and closes and another
 * view of the story asks for its whole check (as a page does after each write); and while
 * another writer moves linked beats (the page reads the story, its links, story time and check
 * again after each). Then, with a broken link in the story, the writer moves a beat without
 * links in a scene no problem names, and the page's logic reads per move are counted (h71:
 * each such move read the links, story time, whole check and linked beats' places again).
 * For each typing run it reports the app's work per key (keydown to handled, as in
 * `npm run bench:ui`) and keydown to next frame, how long each word took to
 * reach the library (from its last keystroke to the answer of the save that carried it; the
 * autosave waits 400 ms of quiet first), each save's request in the page (with its wait for a
 * connection) and the beat reads in flight at once, and checks that every word landed.
 * Not part of `npm test`. `npx tsx bench/ui-check.ts [beats] [links]` runs another size;
 * `--on-host-thread` answers the whole checks on the host's thread (as before the worker).
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { openLibrary } from '../electron/core/library';
import { startWebHost, type WebHost } from '../electron/web/server';
import { CHROMIUM_ARGS, systemChromium } from '../e2e/chromium';
import { buildRenderer, builtRendererDir, rendererIsFresh } from '../e2e/renderer-build';
import { generateStory } from './generate';
import { addLinks, smallEventBeats } from './logic';
import { prng, spread, type Spread } from './stats';

const [BEATS = 100_000, LINKS = 10_000] = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--'))
  .map(Number);
/** `--on-host-thread`: whole checks on the host's thread, as before the check worker. */
const ON_HOST_THREAD = process.argv.includes('--on-host-thread');
const TITLE = 'Check while typing';
const WORDS =
  'and then the lantern goes out over the harbour while the bells ring twice more'.split(' ');
const TARGETS = { appWorkP95Ms: 16, saveLagP95Ms: 1_000, saveRequestP95Ms: 500 };

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Installed before the app starts: every keydown's time and the next frame after it, and the
 * timing of every API request (kept whole: a logic read can make thousands).
 */
const PROBE = `
(() => {
  const bench = (window.__bench = { keys: [], requests: [] });
  performance.setResourceTimingBufferSize(1e6);
  window.addEventListener('keydown', () => {
    const key = { down: performance.now(), frame: 0, handled: 0 };
    bench.keys.push(key);
    requestAnimationFrame(() => { key.frame = performance.now(); });
  }, true);
  // The app's own work per key, as in bench:ui: the input event's listeners and React's render
  // and commit (queued before this microtask), without the wait for the frame clock.
  window.addEventListener('input', () => {
    const key = bench.keys[bench.keys.length - 1];
    if (key && !key.handled) queueMicrotask(() => { key.handled = performance.now(); });
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const channel = e.name.split('/api/')[1];
      if (channel) bench.requests.push({ channel, start: e.startTime, end: e.responseEnd });
    }
  }).observe({ type: 'resource', buffered: true });
})();
`;

interface Probe {
  keys: { down: number; frame: number; handled: number }[];
  requests: { channel: string; start: number; end: number }[];
}

async function post(host: WebHost, channel: string, input: object): Promise<unknown> {
  const response = await fetch(`${new URL(host.url).origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': host.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value: unknown; error?: object };
  if (!result.ok) throw new Error(`${channel}: ${JSON.stringify(result.error)}`);
  return result.value;
}

/** Waits until the page has made no request for two seconds. */
async function settled(page: Page): Promise<void> {
  let count = -1;
  for (;;) {
    const n = (await page.evaluate('window.__bench.requests.length')) as number;
    if (n === count) return;
    count = n;
    await sleep(2_000);
  }
}

const now = (page: Page) => page.evaluate('performance.now()') as Promise<number>;

interface Phase {
  appWork: Spread;
  keyToFrame: Spread;
  /** From a word's last keystroke to the answer of the first save sent after it. */
  saveLag: Spread;
  checks: Spread;
  /**
   * Each save's request in the page, from its fetch to its answer: with the wait for one of the
   * browser's six connections to the host (a save came seconds late behind a hundred place
   * reads the page sent side by side after each change notice).
   */
  saveRequest: Spread;
  /** `moments:get` requests made while the phase ran (reads of linked beats not on screen). */
  beatReads: number;
  /** The most `moments:get` requests the page had in flight at once. */
  beatReadsAtOnce: number;
  landed: boolean;
}

/**
 * Types `WORDS` into the third beat of the first event, a word at a time with a pause after
 * each; `during(i)` runs (not awaited) as word i starts.
 */
async function typePhase(
  page: Page,
  host: WebHost,
  momentId: string,
  during: (i: number) => Promise<unknown>,
): Promise<Phase> {
  const from = await now(page);
  await page.locator(`[data-beat-id="${momentId}"]`).getByTestId('beat-text').click();
  const field = page.locator('textarea.beat-textarea');
  await field.waitFor();
  await page.keyboard.press('End');
  const wordEnds: number[] = [];
  const side: Promise<unknown>[] = [];
  for (const [i, word] of WORDS.entries()) {
    side.push(during(i));
    await page.keyboard.type(` ${word}`, { delay: 70 });
    wordEnds.push(((await page.evaluate('window.__bench.keys.length')) as number) - 1);
    await sleep(450);
  }
  const typed = await field.inputValue();
  await page.keyboard.press('Tab');
  await Promise.all(side);
  // Every word lands: the library holds the whole text.
  let landed = false;
  for (let t = 0; t < 60 && !landed; t++) {
    const beat = (await post(host, 'moments:get', { momentId })) as { description: string };
    landed = beat.description === typed;
    if (!landed) await sleep(500);
  }
  await sleep(1_000);
  const probe = (await page.evaluate('window.__bench')) as Probe;
  const keys = probe.keys.filter((k) => k.down >= from && k.frame > 0);
  const saves = probe.requests.filter((r) => r.channel === 'moments:update' && r.start >= from);
  const lags = wordEnds.flatMap((k) => {
    const down = probe.keys[k]!.down;
    const save = saves.find((s) => s.start >= down);
    return save ? [save.end - down] : [];
  });
  const after = probe.requests.filter((r) => r.start >= from);
  const gets = after.filter((r) => r.channel === 'moments:get');
  return {
    appWork: spread(keys.filter((k) => k.handled > 0).map((k) => k.handled - k.down)),
    keyToFrame: spread(keys.map((k) => k.frame - k.down)),
    saveLag: spread(lags),
    checks: spread(after.filter((r) => r.channel === 'stories:check').map((r) => r.end - r.start)),
    saveRequest: spread(saves.map((r) => r.end - r.start)),
    beatReads: gets.length,
    beatReadsAtOnce: Math.max(
      0,
      ...gets.map((g) => gets.filter((o) => o.start <= g.start && o.end > g.start).length),
    ),
    landed,
  };
}

interface MovePhase {
  moves: number;
  /** Requests per channel the page made while the moves ran. */
  requests: Record<string, number>;
  /** Each `stories:check` request, in the page. */
  checks: Spread;
  /** Keyboard drop to the move's answer, per move. */
  dropToSaved: Spread;
}

const LOGIC_READS = ['stories:check', 'links:list', 'events:chronology', 'moments:get'];

/**
 * Breaks a link (a `sets_up` from a later scene back to an earlier one), then moves `momentId`
 * (a beat without links) down and up its scene `MOVES` times by keyboard, each waited to
 * the library's answer, and counts the page's logic reads meanwhile.
 */
async function movePhase(
  page: Page,
  host: WebHost,
  momentId: string,
  pairs: Array<[string, string]>,
): Promise<MovePhase> {
  for (const [from, to] of pairs) {
    const made = await post(host, 'links:create', {
      fromMomentId: from,
      toMomentId: to,
      kind: 'sets_up',
      strength: 'hard',
    }).then(
      () => true,
      () => false, // a duplicate or a loop: the next pair
    );
    if (made) break;
  }
  // The page has read a check with a problem.
  await page.waitForSelector('[aria-label^="Story check, "]:not([aria-label$=" no problems"])', {
    timeout: 120_000,
  });
  await settled(page);
  const from = await now(page);
  const saved: number[] = [];
  for (let i = 0; i < MOVES; i++) {
    await page.locator(`[data-beat-id="${momentId}"]`).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press(i % 2 === 0 ? 'ArrowDown' : 'ArrowUp');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/moments:move'));
    const drop = await now(page);
    await page.keyboard.press('Space');
    await answered;
    saved.push((await now(page)) - drop);
  }
  await settled(page);
  const probe = (await page.evaluate('window.__bench')) as Probe;
  const after = probe.requests.filter((r) => r.start >= from);
  const requests: Record<string, number> = {};
  for (const channel of LOGIC_READS) {
    requests[channel] = after.filter((r) => r.channel === channel).length;
  }
  return {
    moves: MOVES,
    requests,
    checks: spread(after.filter((r) => r.channel === 'stories:check').map((r) => r.end - r.start)),
    dropToSaved: spread(saved),
  };
}

/** Beat moves of the move phase. */
const MOVES = 10;

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const work = mkdtempSync(join(tmpdir(), 'beatline-bench-check-'));
  const dbPath = join(work, 'library.db');
  if (!rendererIsFresh()) buildRenderer();
  const rendererDir = join(work, 'renderer');
  cpSync(builtRendererDir, rendererDir, { recursive: true });
  console.log(`Seeding ${BEATS} beats and ${LINKS} links…`);
  const lib = await openLibrary(dbPath);
  const story = generateStory(lib.db, BEATS, TITLE);
  const linked = addLinks(lib, smallEventBeats(lib, story), LINKS, 2);
  const beatsOf = (eventId: string) =>
    lib.db
      .prepare('SELECT moment_uuid FROM event_moments WHERE event_uuid = ? ORDER BY sequence_index')
      .pluck()
      .all(eventId) as string[];
  const typedIn = beatsOf(story.smallEvents[0]!)[2]!;
  const linkedSet = new Set(linked);
  const unlinked = beatsOf(story.smallEvents[0]!).find((m) => m !== typedIn && !linkedSet.has(m))!;
  // Later scene's first beat "sets up" an earlier one's: a payoff read first (tried in turn).
  const backwards = [2, 3, 4, 5, 6].map(
    (k) =>
      [beatsOf(story.smallEvents[k + 1]!)[0]!, beatsOf(story.smallEvents[k]!)[0]!] as [
        string,
        string,
      ],
  );
  lib.close();
  const host = await startWebHost({ dbPath, rendererDir, checkWorker: !ON_HOST_THREAD });
  const browser = await chromium.launch({ executablePath: systemChromium, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(PROBE);
    await page.goto(host.url);
    await page.evaluate(
      `sessionStorage.setItem('beatline.view', ${JSON.stringify(JSON.stringify({ name: 'story', storyId: story.storyId }))})`,
    );
    await page.reload();
    await page.waitForFunction(
      () =>
        (globalThis as unknown as { __bench: Probe }).__bench.requests.some(
          (r) => r.channel === 'stories:check',
        ),
      null,
      { timeout: 300_000 },
    );
    const opened = Date.now();
    await settled(page);
    console.log(`The page was quiet ${Date.now() - opened} ms after its first check answered.`);

    console.log('Typing, nothing else going on…');
    const quiet = await typePhase(page, host, typedIn, async () => {});

    console.log('Typing while the panel opens and closes and another view asks for checks…');
    const toggle = () =>
      page.evaluate(`document.querySelector('[aria-label^="Story check, "]').click()`);
    const checked = await typePhase(page, host, typedIn, async (i) => {
      // A click that leaves the focus in the field: the panel opens (or closes) mid-word.
      if (i % 2 === 0) await toggle();
      // Another view of the story reads its whole check (as after each of its writes).
      await post(host, 'stories:check', { storyId: story.storyId });
    });

    console.log('Typing while another writer moves linked beats…');
    const rand = prng(7);
    const moved = await typePhase(page, host, typedIn, async (i) => {
      if (i % 2 === 1) return;
      // This page is told, reads the story again (queued) and its logic and check (not).
      await post(host, 'moments:move', {
        momentId: linked[Math.floor(rand() * linked.length)]!,
        toEventId: story.smallEvents[1 + Math.floor(rand() * (story.smallEvents.length - 1))]!,
        beforeMomentId: null,
      });
    });
    console.log('Moving a beat without links, in a story with a broken link…');
    const moves = await movePhase(page, host, unlinked, backwards);
    const phases = [
      ['quiet', quiet],
      ['panel opening, another view checking', checked],
      ['another writer moving linked beats', moved],
    ] as const;
    print(phases, browser.version(), loadBefore);
    printMoves(moves);
    process.exitCode = phases.every(([, p]) => met(p)) ? 0 : 1;
  } finally {
    await browser.close();
    await host.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function met(p: Phase): boolean {
  return (
    p.landed &&
    p.appWork.p95 <= TARGETS.appWorkP95Ms &&
    p.saveLag.p95 <= TARGETS.saveLagP95Ms &&
    p.saveRequest.p95 <= TARGETS.saveRequestP95Ms
  );
}

function print(
  phases: ReadonlyArray<readonly [string, Phase]>,
  browser: string,
  loadBefore: number,
): void {
  console.log(
    `\nTyping beside the story check (${ON_HOST_THREAD ? "on the host's thread" : 'in its worker'}): ` +
      `${BEATS} beats, ${LINKS} links, ${cpus().length} x ` +
      `${cpus()[0]?.model.trim()}, Chromium ${browser}, load average ` +
      `${loadBefore.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}\n`,
  );
  const row = (name: string, s: Spread, target: string) =>
    console.log(
      `  ${name.padEnd(44)} p50 ${String(s.p50).padStart(7)}  p95 ${String(s.p95).padStart(7)}  ` +
        `max ${String(s.max).padStart(7)} ms  (n ${s.n})${target ? `  target p95 <= ${target}` : ''}`,
    );
  for (const [name, p] of phases) {
    console.log(`${name}:`);
    row("the app's work per key, keydown to handled", p.appWork, `${TARGETS.appWorkP95Ms} ms`);
    row('keydown to next frame (frame clock included)', p.keyToFrame, '');
    row('last keystroke of a word to its save answered', p.saveLag, `${TARGETS.saveLagP95Ms} ms`);
    row('moments:update request, in the page', p.saveRequest, `${TARGETS.saveRequestP95Ms} ms`);
    row('stories:check request, in the page', p.checks, '');
    console.log(
      `  beat reads (moments:get) ${p.beatReads}, at most ${p.beatReadsAtOnce} at once; ` +
        `every word landed: ${p.landed}`,
    );
    console.log(`  ${met(p) ? 'ok' : 'MISSED'}`);
  }
}

await main();

function printMoves(m: MovePhase): void {
  console.log(`the writer moving a beat without links, a problem elsewhere (${m.moves} moves):`);
  const reads = Object.entries(m.requests)
    .map(([channel, n]) => `${channel} ${n}`)
    .join(', ');
  console.log(`  logic reads by the page: ${reads}`);
  console.log(
    `  stories:check request p50 ${m.checks.p50} ms (n ${m.checks.n}); ` +
      `drop to answer p50 ${m.dropToSaved.p50}  p95 ${m.dropToSaved.p95} ms`,
  );
}
