/** Median, p99 and friends over a list of samples in milliseconds. */
export interface Summary {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return {
    n: sorted.length,
    p50: at(0.5),
    p99: at(0.99),
    mean: sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

/** Runs `fn` `reps` times (after `warmup` unmeasured runs) and returns per-call ms. */
export function time(reps: number, fn: (i: number) => void, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

/** One turn of the event loop: timers that fell due (the idle checkpoint) run in it. */
export const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Like `time`, but gives the event loop a turn between calls, as the app does between two
 * messages from the window: timers that fall due (the idle checkpoint) run there, outside
 * the measured calls.
 */
export async function timeAsync(
  reps: number,
  fn: (i: number) => void,
  warmup = 3,
): Promise<number[]> {
  for (let i = 0; i < warmup; i++) {
    fn(-1 - i);
    await turn();
  }
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
    await turn();
  }
  return out;
}

/** A small deterministic PRNG (mulberry32) so every run does the same operations. */
export function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fmt = (ms: number) =>
  ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0);

const since = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

/**
 * Times `fn` with `bare` (a bare one-row commit) timed just before each call, after `warmup`
 * untimed pairs, giving the loop a turn after each: per-call ms of both, in pairs.
 */
export async function timeInterleaved(
  reps: number,
  warmup: number,
  bare: () => void,
  fn: (i: number) => void,
): Promise<{ op: number[]; bare: number[] }> {
  const op: number[] = [];
  const floor: number[] = [];
  for (let i = -warmup; i < reps; i++) {
    let t = process.hrtime.bigint();
    bare();
    const b = since(t);
    await turn();
    t = process.hrtime.bigint();
    fn(i);
    const o = since(t);
    await turn();
    if (i >= 0) {
      floor.push(b);
      op.push(o);
    }
  }
  return { op, bare: floor };
}

/** p50, p95 and max of samples in ms, to a tenth (the UI benches' figures). */
export interface Spread {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function spread(samples: number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    n: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    max: round(sorted.at(-1) ?? 0),
  };
}
