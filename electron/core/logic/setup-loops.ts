import type { LinkStrength, StoryProblem } from '../contract/types';

/**
 * Loops of `sets_up` links (h73). Reading order is one line, so in a loop of setups one payoff
 * is always read before its setup, whatever the order: no move mends it. New loops are refused
 * (links.ts), but a library made before h71 may hold one, and so may a story file. The check
 * reports each knot of such links (a strongly connected group of beats) once, as one loop
 * naming its beats, instead of a "payoff read first" on whichever of its links the order
 * breaks; the fix is removing one of its links.
 */

/** A `sets_up` link as the loop finder sees it. */
export interface SetupEdge {
  id: string;
  from: string;
  to: string;
  strength: LinkStrength;
}

/**
 * The knots of a set of `sets_up` links: each group of two or more beats that all reach one
 * another, as the links inside it (both beats in the group). Tarjan's algorithm, without
 * recursion (a chain of thousands of setups).
 */
export function setupKnots(edges: readonly SetupEdge[]): SetupEdge[][] {
  const out = new Map<string, SetupEdge[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  for (const root of out.keys()) {
    if (index.has(root)) continue;
    const work: Array<{ beat: string; next: number }> = [{ beat: root, next: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1]!;
      const edge = out.get(top.beat)?.[top.next++];
      if (edge) {
        const to = edge.to;
        if (!index.has(to)) {
          index.set(to, index.size);
          low.set(to, index.get(to)!);
          stack.push(to);
          onStack.add(to);
          work.push({ beat: to, next: 0 });
        } else if (onStack.has(to)) {
          low.set(top.beat, Math.min(low.get(top.beat)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.beat, Math.min(low.get(parent.beat)!, low.get(top.beat)!));
      if (low.get(top.beat) !== index.get(top.beat)) continue;
      const group: string[] = [];
      for (let b = stack.pop()!; ; b = stack.pop()!) {
        onStack.delete(b);
        group.push(b);
        if (b === top.beat) break;
      }
      if (group.length > 1) groups.push(group);
    }
  }
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((b) => groupOf.set(b, i)));
  const knots = groups.map((): SetupEdge[] => []);
  for (const e of edges) {
    const g = groupOf.get(e.from);
    if (g !== undefined && groupOf.get(e.to) === g) knots[g]!.push(e);
  }
  return knots;
}

/**
 * The loop a knot is reported as, the same however it was found: its link with the smallest id,
 * then the shortest way back from that link's payoff to its setup (links tried by id).
 */
export function namedLoop(knot: readonly SetupEdge[]): SetupEdge[] {
  const sorted = [...knot].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const first = sorted[0]!;
  const out = new Map<string, SetupEdge[]>();
  for (const e of sorted) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const cameBy = new Map<string, SetupEdge | null>([[first.to, null]]);
  const queue = [first.to];
  for (let i = 0; i < queue.length && !cameBy.has(first.from); i++) {
    for (const e of out.get(queue[i]!) ?? []) {
      if (cameBy.has(e.to)) continue;
      cameBy.set(e.to, e);
      queue.push(e.to);
    }
  }
  const back: SetupEdge[] = [];
  for (let e = cameBy.get(first.from); e; e = cameBy.get(e.from)) back.unshift(e);
  return [first, ...back];
}

/** A loop of up to this many beats is named whole in its sentence. */
const LOOP_NAMED = 8;

/**
 * The beats a loop's sentence names, in order: all of them, or of a long loop the first three
 * and the last two (the others are counted), so a loop of thousands reads a handful of names.
 */
export function namedBeats(loop: readonly SetupEdge[]): string[] {
  const beats = loop.map((e) => e.from);
  return beats.length <= LOOP_NAMED ? beats : [...beats.slice(0, 3), ...beats.slice(-2)];
}

/** A loop turned to start at its beat read first (`compare`: reading order of two beats). */
export function fromFirstRead(
  loop: readonly SetupEdge[],
  compare: (a: string, b: string) => number,
): SetupEdge[] {
  let start = 0;
  loop.forEach((e, i) => {
    if (compare(e.from, loop[start]!.from) < 0) start = i;
  });
  return [...loop.slice(start), ...loop.slice(0, start)];
}

/**
 * The problem of a knot, given its `namedLoop` turned by `fromFirstRead`: "'A' (Arrival,
 * beat 1) sets up 'B' (Night, beat 2) sets up 'A': these setups make a loop…". Its id and link
 * are those of the loop's link with the smallest id (the same while the knot lasts). An error
 * when every link of the loop is hard (one hard link is always broken), else a warning. Never
 * marked intentional: the fix is removing one of its links. `describe` names a beat with its
 * place, `quote` by its text alone.
 */
export function loopProblem(
  loop: readonly SetupEdge[],
  describe: (momentId: string) => string,
  quote: (momentId: string) => string,
): StoryProblem {
  const key = loop.reduce((a, b) => (b.id < a.id ? b : a));
  const named = namedBeats(loop).map((id) => describe(id));
  if (loop.length > LOOP_NAMED) named.splice(3, 0, `... ${loop.length - 5} more beats ...`);
  return {
    id: `setup_loop:${key.id}`,
    code: 'setup_loop',
    severity: loop.every((e) => e.strength === 'hard') ? 'error' : 'warning',
    linkId: key.id,
    momentIds: [key.from, key.to],
    message:
      `${named.join(' sets up ')} sets up ${quote(loop[0]!.from)}: these setups make a loop, ` +
      'so in any order one payoff is read before its setup. Remove one of these links.',
    intentional: false,
    loop: loop.map((e) => ({ linkId: e.id, fromMomentId: e.from, toMomentId: e.to })),
  };
}
