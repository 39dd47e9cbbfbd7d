// Crash safety: a child process makes acknowledged changes through the dispatcher and is killed
// with SIGKILL at random moments, 32 times, reusing one library. After each kill the library
// must pass integrity_check, hold every acknowledged change (the acknowledged journal replayed
// into a plain model gives exactly the order of every event), and show no half-applied change:
// at most the one change that was in flight may be there too, wholly. Each reopen goes through
// the startup check and the host's open path first, as the app and the browser host do.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import { openLibraryHost } from '../../electron/core/host/library-host';
import { inspectDatabaseFile } from '../../electron/core/db/health';
import { openLibrary } from '../../electron/core/library';
import { must, seedStory } from '../helpers/library';
import { tempDir } from '../helpers/temp';
import { prepareChildScript, type ChildScript } from './bundle';
import {
  applyOp,
  cloneModel,
  prng,
  type JournalLine,
  type Op,
  type StoryModel,
} from './fixtures/story-model';

const KILLS = 32;
const writer = resolve(import.meta.dirname, 'fixtures', 'crash-writer.ts');

let script: ChildScript;
beforeAll(async () => {
  script = await prepareChildScript(writer);
});
afterAll(() => script?.cleanup());

interface Run {
  journal: JournalLine[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}

interface Writer {
  /** Lets the writer open the library and work for `delayMs` after it is ready, then kills it. */
  go(delayMs: number): Promise<Run>;
  kill(): void;
}

/**
 * Starts a writer process that waits for `go` before it touches the library, so its startup
 * overlaps with the checks of the previous run.
 */
function startWriter(path: string, storyId: string, seed: number): Writer {
  const child = spawn(process.execPath, [...script.args, path, storyId, String(seed)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let stderr = '';
  let killAfter: number | null = null;
  let killScheduled = false;
  const scheduleKill = () => {
    if (killScheduled || killAfter === null || !out.includes('"t":"ready"')) return;
    killScheduled = true;
    setTimeout(() => child.kill('SIGKILL'), killAfter);
  };
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    scheduleKill();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.on('error', () => {}); // the writer may already be gone
  const closed = new Promise<Run>((done, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const journal: JournalLine[] = [];
      for (const line of out.split('\n')) {
        if (!line) continue;
        try {
          journal.push(JSON.parse(line) as JournalLine);
        } catch {
          // A line cut by the kill was never acknowledged.
        }
      }
      done({ journal, signal, code, stderr });
    });
  });
  return {
    go(delayMs) {
      killAfter = delayMs;
      child.stdin.write('go\n');
      const watchdog = setTimeout(() => child.kill('SIGKILL'), 10_000);
      return closed.finally(() => clearTimeout(watchdog));
    },
    kill: () => child.kill('SIGKILL'),
  };
}

function readModel(dispatcher: Dispatcher, storyId: string): StoryModel {
  return must(dispatcher.call('stories:load', { storyId })).events.map((e) => ({
    id: e.id,
    title: e.title,
    beats: e.moments.map((m) => ({ id: m.id, description: m.description })),
  }));
}

/** The new row's id for an in-flight create that did reach the disk, found by its unique text. */
function idOfPendingCreate(op: Op, found: StoryModel, before: StoryModel): string | undefined {
  if (op.kind === 'createBeat') {
    const known = new Set(before.flatMap((e) => e.beats.map((b) => b.id)));
    return found
      .flatMap((e) => e.beats)
      .find((b) => !known.has(b.id) && b.description === op.description)?.id;
  }
  if (op.kind === 'createEvent') {
    const known = new Set(before.map((e) => e.id));
    return found.find((e) => !known.has(e.id) && e.title === op.title)?.id;
  }
  return undefined;
}

/** Checks the library after a kill; returns the model it now holds. */
async function verifyAfterKill(
  path: string,
  storyId: string,
  model: StoryModel,
  run: Run,
  label: string,
): Promise<{ model: StoryModel; acked: number; pendingApplied: boolean }> {
  const expected = cloneModel(model);
  let pending: Op | null = null;
  let acked = 0;
  for (const line of run.journal) {
    if (line.t === 'intent') pending = line.op;
    if (line.t === 'ack') {
      applyOp(expected, line.op, line.id);
      acked++;
      pending = null;
    }
    if (line.t === 'nack') throw new Error(`${label}: the writer was refused: ${line.error}`);
  }

  // The startup check and the host's open path first (issue 13): a kill during a copy-back
  // leaves a file shorter than its header that SQLite reads soundly through its log.
  expect(inspectDatabaseFile(path, { check: 'quick' }).kind, label).toBe('ok');
  const host = await openLibraryHost(path, { backupIntervalMs: 0, backupOnClose: false });
  expect(host.state(), label).toBe('open');
  await host.close();

  const lib = await openLibrary(path, { logError: () => {} });
  try {
    expect(lib.db.pragma('integrity_check', { simple: true }), label).toBe('ok');
    expect(lib.db.pragma('foreign_key_check'), label).toEqual([]);
    const found = readModel(lib.dispatcher, storyId);

    let pendingApplied = false;
    if (JSON.stringify(found) !== JSON.stringify(expected)) {
      // Only the one change in flight at the kill may be there as well, and then wholly.
      expect(pending, `${label}: acknowledged changes are missing or altered`).not.toBeNull();
      const withPending = cloneModel(expected);
      applyOp(withPending, pending!, idOfPendingCreate(pending!, found, expected));
      expect(
        found,
        `${label}: neither the acknowledged state nor it plus ${pending!.kind}`,
      ).toEqual(withPending);
      pendingApplied = true;
    }

    // No half-applied move: every beat exactly once, keys in order, counts agree.
    const ids = found.flatMap((e) => e.beats.map((b) => b.id));
    expect(new Set(ids).size, label).toBe(ids.length);
    for (const event of found) {
      const listed = must(lib.dispatcher.call('moments:list', { eventId: event.id }));
      const keys = listed.map((m) => m.orderKey);
      expect(
        keys.every((k, i) => i === 0 || keys[i - 1]! < k),
        label,
      ).toBe(true);
    }
    const events = must(lib.dispatcher.call('events:list', { storyId }));
    const eventKeys = events.map((e) => e.orderKey);
    expect(
      eventKeys.every((k, i) => i === 0 || eventKeys[i - 1]! < k),
      label,
    ).toBe(true);
    const [summary] = must(lib.dispatcher.call('stories:list', {}));
    expect(summary, label).toMatchObject({ eventCount: found.length, beatCount: ids.length });
    const rows = lib.db.prepare('SELECT count(*) AS n FROM event_moments').get() as { n: number };
    expect(rows.n, label).toBe(ids.length);
    return { model: found, acked, pendingApplied };
  } finally {
    lib.close();
  }
}

describe('crash safety under SIGKILL', () => {
  it(`keeps every acknowledged change through ${KILLS} kills at random moments`, async () => {
    const path = join(tempDir(), 'crash.db');
    const seeded = await openLibrary(path, { logError: () => {} });
    const { story } = seedStory(seeded.dispatcher, {
      Opening: ['Arrival', 'First look', 'A door'],
      Middle: ['Storm', 'Loss'],
      End: ['Dawn'],
    });
    let model = readModel(seeded.dispatcher, story.id);
    seeded.close();

    const random = prng(20250301);
    let totalAcked = 0;
    let inFlightKept = 0;
    let next = startWriter(path, story.id, 7919);
    for (let kill = 1; kill <= KILLS; kill++) {
      // Mostly short runs; now and then a kill right after the library is opened.
      const delay = random() < 0.15 ? Math.floor(random() * 3) : 5 + Math.floor(random() * 100);
      const current = next;
      next = startWriter(path, story.id, (kill + 1) * 7919);
      const run = await current.go(delay);
      const label = `kill ${kill} (seed ${kill * 7919}, ${delay} ms)`;
      expect(run.signal, `${label}: the writer died on its own: ${run.stderr}`).toBe('SIGKILL');
      const verified = await verifyAfterKill(path, story.id, model, run, label);
      model = verified.model;
      totalAcked += verified.acked;
      if (verified.pendingApplied) inFlightKept++;
    }
    next.kill();
    // The kills landed among real work, not only before or after it. How much work fits
    // between kills depends on the machine's load, so only its presence is asserted.
    expect(totalAcked).toBeGreaterThan(0);
    console.log(
      `${KILLS} kills, ${totalAcked} acknowledged changes checked, ` +
        `${inFlightKept} kills landed after a commit but before its acknowledgement`,
    );
  }, 240_000); // 32 kills, each reopened three ways, on a loaded 2-core VM
});
