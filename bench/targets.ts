/**
 * The issue's storage targets, checked against one `npm run bench` run: a table of measure,
 * target, result and whether it is met. Sizes that were not run are left out.
 */

interface Op {
  p50: number;
  p99: number;
  ratio?: number;
  /** The bare commits made between this edit's calls, when they were interleaved. */
  bareP50?: number;
}

/** An edit's p50 over the bare commits timed between its calls (or the size's own ones). */
export function overBareCommit(o: Op, sizeBareP50: number): number {
  return o.p50 / (o.bareP50 ?? sizeBareP50);
}

export interface SizeFigures {
  beats: number;
  bareCommit: { p50: number };
  ops: Record<string, Op>;
  longEventMoves?: { rowsPerMove: number; maxMoveMs: number };
  exportAlone?: { formats: Record<string, { ms: number; maxRssMB: number }> };
}

export interface TargetRow {
  measure: string;
  target: string;
  result: string;
  met: boolean;
}

const EDITS = [
  'create',
  'update',
  'move within event',
  'move across events',
  'create in long event',
  'move within long event',
  'delete',
];

const ms = (n: number) => (n < 1 ? n.toFixed(3) : n < 100 ? n.toFixed(2) : n.toFixed(0));

function edits(size: SizeFigures): TargetRow[] {
  const ops = EDITS.filter((name) => size.ops[name]).map(
    (name) => [name, size.ops[name]!] as const,
  );
  const worst = (pick: (op: Op) => number) =>
    ops.reduce((a, b) => (pick(b[1]) > pick(a[1]) ? b : a));
  const at = `${size.beats.toLocaleString('en')} beats`;
  const p50 = worst((o) => o.p50);
  const p99 = worst((o) => o.p99);
  const overBare = (o: Op) => overBareCommit(o, size.bareCommit.p50);
  const ratio = worst(overBare);
  return [
    {
      measure: `edits p50, slowest (${p50[0]}), ${at}`,
      target: '<= 0.5 ms',
      result: `${ms(p50[1].p50)} ms`,
      met: p50[1].p50 <= 0.5,
    },
    {
      measure: `edits p99, slowest (${p99[0]}), ${at}`,
      target: '<= 5 ms',
      result: `${ms(p99[1].p99)} ms`,
      met: p99[1].p99 <= 5,
    },
    {
      measure: `edits p50 / bare commit, worst (${ratio[0]}), ${at}`,
      target: '<= 2x',
      result: `${overBare(ratio[1]).toFixed(2)}x`,
      met: overBare(ratio[1]) <= 2,
    },
  ];
}

export function checkTargets(sizes: readonly SizeFigures[]): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const size of sizes) rows.push(...edits(size));
  for (const size of sizes) {
    if (!size.longEventMoves) continue;
    const m = size.longEventMoves;
    rows.push(
      {
        measure: 'beat rows written per move, 10,000 random moves in a 10,000-beat event',
        target: '<= 2',
        result: m.rowsPerMove.toFixed(3),
        met: m.rowsPerMove <= 2,
      },
      {
        measure: 'slowest single move (largest relabel included)',
        target: '<= 50 ms',
        result: `${ms(m.maxMoveMs)} ms`,
        met: m.maxMoveMs <= 50,
      },
    );
  }
  for (const [beats, needed] of [
    [10_000, 15],
    [100_000, 200],
  ] as const) {
    const size = sizes.find((s) => s.beats >= beats && s.beats < beats * 1.5);
    if (!size) continue;
    const ratios = EDITS.map((n) => size.ops[n]?.ratio).filter((r): r is number => r !== undefined);
    const least = Math.min(...ratios);
    rows.push({
      measure: `one edit vs whole-file save, least gain, ${beats.toLocaleString('en')} beats`,
      target: `>= ${needed}x`,
      result: `${least}x`,
      met: least >= needed,
    });
  }
  const tenK = sizes.find((s) => s.beats >= 10_000 && s.beats < 15_000);
  const load = tenK?.ops['load story'];
  if (load) {
    rows.push({
      measure: 'load a 10,000-beat story (p50)',
      target: '<= 30 ms',
      result: `${ms(load.p50)} ms`,
      met: load.p50 <= 30,
    });
  }
  const big = sizes.find((s) => s.beats >= 100_000);
  // Board navigation (issue 16): one search per keystroke.
  const search = big?.ops['search'];
  const miss = big?.ops['search no match'];
  if (search && miss) {
    rows.push(
      {
        measure: 'search 100,000 beats, each keystroke of "gate at dawn" (p99)',
        target: '<= 50 ms',
        result: `${ms(search.p99)} ms`,
        met: search.p99 <= 50,
      },
      {
        measure: 'search 100,000 beats, a query found nowhere (p50)',
        target: '<= 50 ms',
        result: `${ms(miss.p50)} ms`,
        met: miss.p50 <= 50,
      },
    );
  }
  // The same in French: every beat holds letters beyond A-Z.
  const accented = big?.ops['search accented'];
  const accentedMiss = big?.ops['search accented no match'];
  if (accented && accentedMiss) {
    rows.push(
      {
        measure: `search 100,000 accented beats, each keystroke of "porte à l'aube" (p99)`,
        target: '<= 50 ms',
        result: `${ms(accented.p99)} ms`,
        met: accented.p99 <= 50,
      },
      {
        measure: 'search 100,000 accented beats, a query found nowhere (p50)',
        target: '<= 50 ms',
        result: `${ms(accentedMiss.p50)} ms`,
        met: accentedMiss.p50 <= 50,
      },
    );
  }
  // Greek (accents, final ς) and German (ß read as ss): letters that fold beyond case.
  for (const [name, typed] of [
    ['greek', 'πύλη την αυγή'],
    ['german', 'große Tor bei Tagesanbruch'],
  ] as const) {
    const keys = big?.ops[`search ${name}`];
    const none = big?.ops[`search ${name} no match`];
    if (!keys || !none) continue;
    const language = name === 'greek' ? 'Greek' : 'German';
    rows.push(
      {
        measure: `search 100,000 ${language} beats, each keystroke of "${typed}" (p99)`,
        target: '<= 50 ms',
        result: `${ms(keys.p99)} ms`,
        met: keys.p99 <= 50,
      },
      {
        measure: `search 100,000 ${language} beats, a query found nowhere (p50)`,
        target: '<= 50 ms',
        result: `${ms(none.p50)} ms`,
        met: none.p50 <= 50,
      },
    );
  }
  const cyrillicMiss = big?.ops['search cyrillic no match'];
  if (cyrillicMiss) {
    rows.push({
      measure: 'search 100,000 Cyrillic beats, a query found nowhere (p50)',
      target: '<= 50 ms',
      result: `${ms(cyrillicMiss.p50)} ms`,
      met: cyrillicMiss.p50 <= 50,
    });
  }
  if (big) {
    const imported = big.ops['bulk import'];
    if (imported) {
      rows.push({
        measure: 'bulk import of a 100,000-beat story file (p50)',
        target: '<= 1.5 s',
        result: `${ms(imported.p50)} ms`,
        met: imported.p50 <= 1500,
      });
    }
    for (const format of ['json', 'md', 'fountain', 'docx']) {
      const op = big.ops[`export ${format}`];
      const alone = big.exportAlone?.formats[format];
      if (!op) continue;
      const limit = format === 'docx' ? 5000 : 1000;
      rows.push({
        measure: `export 100,000 beats as ${format} (p50; peak memory of a process doing only that)`,
        target: `<= ${limit / 1000} s, <= 500 MB`,
        result: `${ms(op.p50)} ms, ${alone ? `${alone.maxRssMB} MB` : 'not measured'}`,
        met: op.p50 <= limit && alone !== undefined && alone.maxRssMB <= 500,
      });
    }
  }
  return rows;
}

/** Prints the target table. */
export function printTargets(rows: readonly TargetRow[]): void {
  const width = Math.max(...rows.map((r) => r.measure.length));
  console.log('\nTargets');
  for (const r of rows) {
    console.log(
      `${r.measure.padEnd(width)}  ${r.target.padStart(18)}  ${r.result.padStart(18)}  ${r.met ? 'ok' : 'MISSED'}`,
    );
  }
}
