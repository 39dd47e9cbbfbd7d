/**
 * `npm run bench`: Beatline's per-edit cost against the whole-file-save approach, on real
 * database files with the production pragmas (synchronous=FULL). Prints a table and writes
 * bench/results/latest.json. Not part of `npm test`.
 */
import {
  closeSync,
  readFileSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { isChannel } from '../electron/core/contract/channels';
import type { CheckpointResult } from '../electron/core/db/checkpoint';
import { openLibrary, type Library } from '../electron/core/library';
import { loadStoryTimeline } from '../electron/core/timeline';
import { french, generateStory, german, greek, russian, type GeneratedStory } from './generate';
import { fmt, prng, summarize, time, timeAsync, timeInterleaved, type Summary } from './stats';
import { countBeatRowWrites } from './row-writes';
import { logicTargets, printLogicFigures, runLogicBench, type LogicFigures } from './logic';
import { checkTargets, overBareCommit, printTargets, type TargetRow } from './targets';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 300);

interface OpResult extends Summary {
  rowsPerOp?: number;
  /** p50 of the bare one-row commits made between this operation's calls. */
  bareP50?: number;
  baselineP50?: number;
  ratio?: number;
}

interface SizeResult {
  beats: number;
  dbBytes: number;
  bareCommit: Summary;
  ops: Record<string, OpResult>;
  longEventMoves?: { moves: number; rowsPerMove: number; maxMoveMs: number };
  /** Copies of the log into the database file the idle schedule made between edits. */
  idleCheckpoints: Summary | null;
  /** The copy that follows a bulk import once the app is idle (not part of the import). */
  afterImportCheckpoint: Summary | null;
  /** Each export alone in a fresh process: its time and the process's peak memory. */
  exportAlone?: { idleRssMB: number; formats: Record<string, { ms: number; maxRssMB: number }> };
}

interface ChildExport {
  ms: number;
  maxRssMB: number;
}

/** Runs bench/export-child.ts: one export (or `idle`: open the library only) in a new process. */
function exportInChild(dbPath: string, storyId: string, format: string): ChildExport {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'export-child.ts'), dbPath, storyId, format],
    { encoding: 'utf8', cwd: join(import.meta.dirname, '..') },
  );
  if (child.status !== 0) throw new Error(`export-child ${format}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildExport;
}

const totalChanges = (lib: Library) =>
  (lib.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;

function call(lib: Library, channel: string, input: unknown): unknown {
  const result = lib.dispatcher.invoke(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Times an operation through the handler and counts the rows it wrote. */
async function measure(lib: Library, reps: number, fn: (i: number) => void): Promise<OpResult> {
  const before = totalChanges(lib);
  const samples = await timeAsync(reps, fn);
  const rows = (totalChanges(lib) - before) / (reps + 3);
  return { ...summarize(samples), rowsPerOp: Math.round(rows * 100) / 100 };
}

/**
 * Untimed calls before each edit kind is timed: the first ~100 calls of a process run before
 * V8 has optimized the handler, and the first commits grow the log file (a metadata fsync).
 * On this VM create's first 100 calls took ~0.55 ms, the next 200 ~0.34 ms.
 */
const EDIT_WARMUP = 50;

/**
 * Times an edit with a bare one-row commit just before each call, and counts the rows the
 * edit wrote. This VM's fsync latency drifts over seconds, so each edit is compared with
 * commits made moments apart on the same file, not only with the run's first ones.
 */
async function measureEdit(
  lib: Library,
  reps: number,
  bare: () => void,
  fn: (i: number) => void,
): Promise<OpResult> {
  const before = totalChanges(lib);
  const { op, bare: floor } = await timeInterleaved(reps, EDIT_WARMUP, bare, fn);
  const calls = reps + EDIT_WARMUP;
  const rows = (totalChanges(lib) - before - calls) / calls; // less the bare commits' rows
  return {
    ...summarize(op),
    rowsPerOp: Math.round(rows * 100) / 100,
    bareP50: summarize(floor).p50,
  };
}

/** The whole-file way: serialize the whole story, write the file, fsync it. */
function wholeFileSave(path: string, story: unknown): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, JSON.stringify(story));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Search at 100,000 beats in another language: each keystroke of `typed` (its prefixes; the
 * beats hold its start), then `miss`, a query found nowhere; rows `search <name>` and
 * `search <name> no match`.
 */
async function measureSearchIn(
  lib: Library,
  ops: Record<string, OpResult>,
  name: string,
  sentence: (i: number) => string,
  [typed, miss]: [string, string],
): Promise<void> {
  const story = generateStory(lib.db, 100_000, `Bench ${name}`, sentence).storyId;
  const chars = [...typed];
  ops[`search ${name}`] = await measure(lib, 60, (i) =>
    call(lib, 'moments:search', {
      storyId: story,
      query: chars.slice(0, (Math.abs(i) % chars.length) + 1).join(''),
    }),
  );
  ops[`search ${name} no match`] = await measure(lib, 30, () =>
    call(lib, 'moments:search', { storyId: story, query: miss }),
  );
  call(lib, 'stories:delete', { storyId: story });
}

/**
 * Search in a story whose every beat holds letters beyond A-Z (search's other path: a LIKE
 * prefilter, then GLOB): the same keystrokes and miss as the English story's, in French, Greek
 * (accents, final ς) and German (a ß in every beat, the query's "süß" read as "süss"); and the
 * miss in Russian, whose every letter has a case beyond A-Z.
 */
async function measureAccentedSearch(lib: Library, ops: Record<string, OpResult>): Promise<void> {
  await measureSearchIn(lib, ops, 'accented', french, ["porte à l'aube", 'Élodie à minuit']);
  await measureSearchIn(lib, ops, 'greek', greek, ['πύλη την αυγή', 'Ελοντί τα μεσάνυχτα']);
  await measureSearchIn(lib, ops, 'german', german, ['große Tor bei Tagesanbruch', 'süß']);
  // No run of a Cyrillic query is compared by LIKE alone: every beat goes to GLOB.
  const cyrillic = generateStory(lib.db, 100_000, 'Bench Cyrillic', russian).storyId;
  ops['search cyrillic no match'] = await measure(lib, 30, () =>
    call(lib, 'moments:search', { storyId: cyrillic, query: 'Элоди в полночь' }),
  );
  call(lib, 'stories:delete', { storyId: cyrillic });
}

async function benchSize(
  lib: Library,
  dir: string,
  beats: number,
  checkpoints: CheckpointResult[],
): Promise<SizeResult> {
  const path = lib.path;
  const rand = prng(beats);
  const gen: GeneratedStory = generateStory(lib.db, beats, `Bench ${beats}`);
  lib.checkpoint(); // as the app would once idle after the story was written
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const beatIds = (eventId: string) =>
    (call(lib, 'moments:list', { eventId }) as Array<{ id: string }>).map((m) => m.id);
  const ops: Record<string, OpResult> = {};
  let afterImportCheckpoint: Summary | null = null;

  // The physical floor: a bare one-row UPDATE committed on the same file.
  lib.db.exec('CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, n INTEGER)');
  lib.db.prepare('INSERT OR REPLACE INTO bench_floor VALUES (1, 0)').run();
  const bump = lib.db.prepare('UPDATE bench_floor SET n = n + 1 WHERE id = 1');
  const bumpFloor = () => bump.run();
  const bareCommit = summarize(await timeAsync(REPS, bumpFloor, EDIT_WARMUP));

  const created: string[] = [];
  ops['create'] = await measureEdit(lib, REPS, bumpFloor, () => {
    const m = call(lib, 'moments:create', {
      eventId: pick(gen.smallEvents),
      description: 'A new beat',
    }) as { id: string };
    created.push(m.id);
  });
  const all = gen.smallEvents.slice(0, 50).flatMap(beatIds);
  ops['update'] = await measureEdit(lib, REPS, bumpFloor, (i) => {
    call(lib, 'moments:update', { momentId: pick(all), description: `Revised beat ${i}` });
  });
  const small = gen.smallEvents[0]!;
  const smallBeats = beatIds(small);
  /** A random beat of an event moved before another (or to the end): the drop's intent. */
  const moveWithin = (eventId: string, beats: readonly string[]) => {
    const momentId = pick(beats);
    const before = pick(beats);
    return { momentId, toEventId: eventId, beforeMomentId: before === momentId ? null : before };
  };
  ops['move within event'] = await measureEdit(lib, REPS, bumpFloor, () => {
    call(lib, 'moments:move', moveWithin(small, smallBeats));
  });
  ops['move across events'] = await measureEdit(lib, REPS, bumpFloor, () => {
    const id = created.length ? created[Math.floor(rand() * created.length)]! : pick(all);
    call(lib, 'moments:move', {
      momentId: id,
      toEventId: pick(gen.smallEvents),
      beforeMomentId: null,
    });
  });
  let longEventMoves: SizeResult['longEventMoves'];
  if (gen.bigEvent) {
    const bigBeats = beatIds(gen.bigEvent);
    ops['create in long event'] = await measureEdit(lib, REPS, bumpFloor, () => {
      const m = call(lib, 'moments:create', {
        eventId: gen.bigEvent,
        description: 'Inserted',
        beforeMomentId: pick(bigBeats),
      }) as { id: string };
      created.push(m.id);
    });
    ops['move within long event'] = await measureEdit(lib, REPS, bumpFloor, () => {
      call(lib, 'moments:move', moveWithin(gen.bigEvent!, bigBeats));
    });
    if (beats === 10_000 || process.env.BENCH_LONG_MOVES) {
      const moves = 10_000;
      // Beat rows only: each move also records its undo step (and history is pruned as it
      // goes), which is not the order's cost.
      const beatRowsWritten = countBeatRowWrites(lib);
      const samples = await timeAsync(
        moves,
        () => call(lib, 'moments:move', moveWithin(gen.bigEvent!, bigBeats)),
        0,
      );
      longEventMoves = {
        moves,
        rowsPerMove: beatRowsWritten() / moves,
        maxMoveMs: Math.max(...samples),
      };
    }
    ops['load long event'] = await measure(lib, Math.min(REPS, 50), () =>
      call(lib, 'moments:list', { eventId: gen.bigEvent }),
    );
  }
  const deletable = created.length - EDIT_WARMUP;
  ops['delete'] = await measureEdit(lib, Math.min(REPS, deletable), bumpFloor, (i) => {
    call(lib, 'moments:delete', { momentId: created[i + EDIT_WARMUP]! });
  });
  ops['load event'] = await measure(lib, REPS, () =>
    call(lib, 'moments:list', { eventId: pick(gen.smallEvents) }),
  );
  const storyReps = beats >= 100_000 ? 10 : 30;
  ops['load story'] = await measure(lib, storyReps, () =>
    call(lib, 'stories:load', { storyId: gen.storyId }),
  );

  // Board navigation (issue 16): search as the writer types "gate at dawn" (the beats say
  // "gate at dusk": common prefixes stop at the count's cap, the last ones scan every beat),
  // and a query found nowhere (a scan of every beat).
  if (isChannel('moments:search')) {
    const typed = 'gate at dawn';
    ops['search'] = await measure(lib, Math.min(REPS, 60), (i) =>
      call(lib, 'moments:search', {
        storyId: gen.storyId,
        // Warm-up calls pass negative i.
        query: typed.slice(0, (Math.abs(i) % typed.length) + 1),
      }),
    );
    ops['search no match'] = await measure(lib, Math.min(REPS, 30), () =>
      call(lib, 'moments:search', { storyId: gen.storyId, query: 'no such words' }),
    );
    if (beats >= 100_000) await measureAccentedSearch(lib, ops);
  }

  for (const format of ['json', 'md', 'fountain', 'docx'] as const) {
    if (!isChannel('stories:export')) break;
    ops[`export ${format}`] = await measure(lib, beats >= 100_000 ? 3 : 10, () =>
      call(lib, 'stories:export', { storyId: gen.storyId, format }),
    );
  }
  const exportAlone: SizeResult['exportAlone'] = {
    idleRssMB: exportInChild(path, gen.storyId, 'idle').maxRssMB,
    formats: {},
  };
  for (const format of ['json', 'md', 'fountain', 'docx']) {
    const { ms, maxRssMB } = exportInChild(path, gen.storyId, format);
    exportAlone.formats[format] = { ms: Math.round(ms), maxRssMB };
  }
  if (isChannel('stories:import') && isChannel('stories:export')) {
    const file = call(lib, 'stories:export', { storyId: gen.storyId, format: 'json' }) as {
      content: string;
    };
    // Each import is followed by the copy of its log into the database file that the idle
    // checkpoint makes a second later: timed apart, reported beside the import.
    const importMs: number[] = [];
    const copyMs: number[] = [];
    const before = totalChanges(lib);
    // Five timed imports (after one untimed): their median holds against a slow moment of the
    // machine's, which three did not always.
    const imports = 5;
    for (let rep = -1; rep < imports; rep++) {
      const t = performance.now();
      call(lib, 'stories:import', { format: 'json', content: file.content });
      const ms = performance.now() - t;
      const copy = lib.checkpoint();
      if (rep >= 0) {
        importMs.push(ms);
        copyMs.push(copy?.ms ?? 0);
      }
    }
    ops['bulk import'] = {
      ...summarize(importMs),
      rowsPerOp: Math.round(((totalChanges(lib) - before) / (imports + 1)) * 100) / 100,
    };
    afterImportCheckpoint = summarize(copyMs);
  }

  // Baseline: the same edits done the whole-file way.
  const story = loadStoryTimeline(lib.db, gen.storyId);
  const baselinePath = join(dir, `baseline-${beats}.json`);
  const baseReps = beats >= 100_000 ? 15 : beats >= 10_000 ? 40 : 100;
  const firstEvent = story.events[0]!;
  const edits: Record<string, () => void> = {
    create: () => firstEvent.moments.push({ ...firstEvent.moments[0]!, id: 'new' }),
    update: () => (firstEvent.moments[1]!.description = `Revised ${rand()}`),
    'move within event': () => firstEvent.moments.splice(3, 0, firstEvent.moments.shift()!),
    'move across events': () => story.events[1]!.moments.unshift(firstEvent.moments.pop()!),
    delete: () => firstEvent.moments.pop(),
  };
  for (const [name, edit] of Object.entries(edits)) {
    const base = summarize(
      time(
        baseReps,
        () => {
          edit();
          wholeFileSave(baselinePath, story);
        },
        1,
      ),
    );
    const op = ops[name];
    if (op) {
      op.baselineP50 = base.p50;
      op.ratio = Math.round((base.p50 / op.p50) * 10) / 10;
    }
  }
  for (const name of ['move within long event', 'create in long event']) {
    const op = ops[name];
    const base = ops[name.includes('move') ? 'move within event' : 'create']?.baselineP50;
    if (op && base) {
      op.baselineP50 = base;
      op.ratio = Math.round((base / op.p50) * 10) / 10;
    }
  }
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  const dbBytes = statSync(path).size;
  lib.close();
  const idleCheckpoints = checkpoints.length ? summarize(checkpoints.map((c) => c.ms)) : null;
  return {
    beats: gen.beats,
    dbBytes,
    bareCommit,
    ops,
    longEventMoves,
    exportAlone,
    idleCheckpoints,
    afterImportCheckpoint,
  };
}

function printSize(r: SizeResult): void {
  console.log(
    `\n${r.beats.toLocaleString('en')} beats · database ${(r.dbBytes / 1e6).toFixed(1)} MB · ` +
      `bare one-row commit p50 ${fmt(r.bareCommit.p50)} ms, p99 ${fmt(r.bareCommit.p99)} ms`,
  );
  const rows = Object.entries(r.ops).map(([name, o]) => ({
    operation: name,
    'p50 ms': fmt(o.p50),
    'p99 ms': fmt(o.p99),
    'rows/op': o.rowsPerOp ?? '',
    'x bare commit': overBareCommit(o, r.bareCommit.p50).toFixed(2),
    'whole-file p50 ms': o.baselineP50 !== undefined ? fmt(o.baselineP50) : '',
    'faster than whole-file': o.ratio !== undefined ? `${o.ratio}x` : '',
  }));
  console.table(rows);
  if (r.exportAlone) {
    const each = Object.entries(r.exportAlone.formats)
      .map(([format, e]) => `${format} ${e.ms} ms / ${e.maxRssMB} MB`)
      .join(', ');
    console.log(
      `Each export alone in a new process (time / peak memory; the process idles at ` +
        `${r.exportAlone.idleRssMB} MB): ${each}`,
    );
  }
  const copies: string[] = [];
  if (r.idleCheckpoints) {
    const c = r.idleCheckpoints;
    copies.push(`${c.n} between edits, p50 ${fmt(c.p50)} ms, max ${fmt(c.max)} ms`);
  }
  if (r.afterImportCheckpoint) {
    copies.push(`after each bulk import ${fmt(r.afterImportCheckpoint.p50)} ms`);
  }
  if (copies.length) {
    console.log(`Idle checkpoints (log copied into the database file): ${copies.join('; ')}`);
  }
  if (r.longEventMoves) {
    const m = r.longEventMoves;
    console.log(
      `${m.moves.toLocaleString('en')} random moves in the 10,000-beat event: ` +
        `${m.rowsPerMove.toFixed(3)} rows/move, slowest move ${fmt(m.maxMoveMs)} ms`,
    );
  }
}

/**
 * `npm run bench -- logic`: only the logic layer's rows (a beat move with its story check, the
 * whole story check), to compare two versions of the code in the same minute on a busy
 * machine. Prints its targets; exits non-zero when one is missed. Writes no results file.
 */
async function logicOnly(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'beatline-bench-'));
  try {
    const figures = await runLogicBench(dir);
    printLogicFigures(figures);
    const targets = logicTargets(figures);
    printTargets(targets);
    process.exitCode = targets.every((t) => t.met) ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), 'beatline-bench-'));
  const results: SizeResult[] = [];
  let logic: LogicFigures | undefined;
  const started = Date.now();
  try {
    for (const beats of SIZES) {
      const checkpoints: CheckpointResult[] = [];
      const lib = await openLibrary(join(dir, `bench-${beats}.db`), {
        logError: () => {},
        checkpoint: { onCheckpoint: (c) => checkpoints.push(c) },
      });
      const r = await benchSize(lib, dir, beats, checkpoints);
      printSize(r);
      results.push(r);
    }
    // The logic layer (issue 14): links, the story check on every move.
    logic = await runLogicBench(dir);
    console.log('');
    printLogicFigures(logic);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const targets: TargetRow[] = [...checkTargets(results), ...logicTargets(logic)];
  printTargets(targets);
  const report = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    seconds: Math.round((Date.now() - started) / 1000),
    sizes: results,
    logic,
    targets,
  };
  const resultsDir = join(import.meta.dirname, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const latest = join(resultsDir, 'latest.json');
  // Keep what other benchmarks wrote there (bench:ui adds "ui").
  let previous: Record<string, unknown>;
  try {
    previous = JSON.parse(readFileSync(latest, 'utf8')) as Record<string, unknown>;
  } catch {
    previous = {};
  }
  writeFileSync(latest, `${JSON.stringify({ ...previous, ...report }, null, 2)}\n`);
  console.log(
    `\npeak memory of the benchmark process ${report.peakRssMB} MB · ${report.seconds} s · ` +
      'bench/results/latest.json written',
  );
}

if (process.argv[2] === 'logic') await logicOnly();
else await main();
