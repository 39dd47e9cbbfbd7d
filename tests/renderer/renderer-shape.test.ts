// The renderer's shape (issue 15): the store reaches no view code, the drag and the store keep
// no module-level mutable state, and the keyboard drag's state machine is pure. Read from the
// source files themselves, the way a reviewer would check them.
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../renderer/src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** The relative imports of a file as resolved paths; `types` counts type-only ones too. */
function importsOf(file: string, types = true): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)(\s+type\b)?[^'"]*?from\s+'(\.[^']*)'/g)) {
    if (m[1] && !types) continue;
    const base = resolve(dirname(file), m[2]!);
    const path = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p));
    if (path) found.push(path);
  }
  return found;
}

/** Every renderer file the given one reaches through its imports, itself included. */
function reachable(from: string, types = true): Set<string> {
  const seen = new Set<string>();
  const walk = (file: string) => {
    if (seen.has(file) || !file.startsWith(SRC)) return;
    seen.add(file);
    for (const next of importsOf(file, types)) walk(next);
  };
  walk(from);
  return seen;
}

const rel = (file: string) => relative(SRC, file);

/**
 * Module-level state a renderer file may keep, by `file:line` prefix, each with why. Everything
 * else lives in a store (`createAppStore`'s slices, the board's navigation store) or in a
 * component's ref or state, so it cannot leak from one board, test or page load to the next.
 */
const MODULE_STATE_ALLOWED: Record<string, string> = {
  // Column widths (h32's area): read once per story from localStorage, so a store selector gets
  // the same object back; saving replaces the entry. Belongs in the board's navigation store.
  'components/board/columnWidth.ts:': 'a per-story read-once cache of localStorage',
  // The last by-index width map and its inputs (h32's area): a one-entry memo of a pure function.
  'virtual/layout.ts:': 'a one-entry memo of ownWidthsByIndex',
};

/**
 * Module-level mutable state in `files`, as `file:line: text`: a top-level `let` or `var`, or a
 * top-level constant holding a new Map, Set, WeakMap or WeakSet (not one typed read-only).
 */
function moduleLevelMutables(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const mutable =
          /^(export\s+)?(let|var)\s/.test(line) ||
          (/^(export\s+)?const\s+\w+\s*(:[^=]*)?=\s*new\s+(Map|Set|WeakMap|WeakSet)\b/.test(line) &&
            !/^(export\s+)?const\s+\w+\s*:\s*Readonly(Map|Set)\b/.test(line));
        if (mutable) found.push(`${file.startsWith(SRC) ? rel(file) : file}:${i + 1}: ${line}`);
      });
  }
  return found;
}

describe('the renderer’s shape', () => {
  it('the store reaches no view code: components, hooks, virtual/ or drag/', () => {
    const reached = [...reachable(join(SRC, 'store/index.ts'))].map(rel);
    expect(reached).toContain('store/timelineSlice.ts');
    const views = reached.filter((f) => /^(components|hooks|virtual|drag)\//.test(f));
    expect(views).toEqual([]);
  });

  it('no renderer module keeps mutable state at module level (it lives in a store or a ref)', () => {
    const found = moduleLevelMutables(filesUnder(SRC)).filter(
      (hit) => !Object.keys(MODULE_STATE_ALLOWED).some((allowed) => hit.startsWith(allowed)),
    );
    expect(found).toEqual([]);
  });

  it('the check finds what it is meant to, and every allowed exception is still there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'beatline-shape-'));
    try {
      const file = join(dir, 'state.ts');
      writeFileSync(
        file,
        [
          'let asked = 0;',
          'export let shared: string | null = null;',
          'var old = 1;',
          'const cache = new Map<string, number>();',
          'export const seen: Set<string> = new Set();',
          'const weak = new WeakMap();',
          'const EMPTY: ReadonlySet<string> = new Set();',
          'const NONE: ReadonlyMap<string, number> = new Map();',
          'function f() {',
          '  let local = 0;',
          '  const inner = new Map();',
          '  return [local, inner];',
          '}',
        ].join('\n'),
      );
      expect(moduleLevelMutables([file]).map((hit) => hit.replace(/^.*state\.ts/, ''))).toEqual([
        ':1: let asked = 0;',
        ':2: export let shared: string | null = null;',
        ':3: var old = 1;',
        ':4: const cache = new Map<string, number>();',
        ':5: export const seen: Set<string> = new Set();',
        ':6: const weak = new WeakMap();',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // An exception whose state has gone is taken off the list.
    const all = moduleLevelMutables(filesUnder(SRC));
    for (const allowed of Object.keys(MODULE_STATE_ALLOWED)) {
      expect(
        all.some((hit) => hit.startsWith(allowed)),
        allowed,
      ).toBe(true);
    }
  });

  it('the keyboard drag’s state machine is pure: no DOM, no React, no store instance', () => {
    const pure = ['drag/keyboard.ts', 'drag/describe.ts', 'drag/logicNote.ts'];
    for (const name of pure) {
      // What runs: type-only imports vanish from the bundle.
      const reached = [...reachable(join(SRC, name), false)].map(rel);
      expect(
        reached.filter((f) => /^(components|hooks|virtual|api)\/|^store\/index/.test(f)),
        name,
      ).toEqual([]);
      for (const file of reached) {
        const text = readFileSync(join(SRC, file), 'utf8');
        expect(text, file).not.toMatch(/\b(document|window|requestAnimationFrame)\b\s*[.(]/);
        expect(text, file).not.toMatch(/from 'react'|from 'zustand'/);
      }
    }
  });

  it('the drag controller of old is gone, and no view imports drag code but its adapters', () => {
    expect(existsSync(join(SRC, 'drag/controller.ts'))).toBe(false);
    for (const file of filesUnder(join(SRC, 'components'))) {
      for (const target of importsOf(file)
        .map(rel)
        .filter((f) => f.startsWith('drag/'))) {
        expect(
          ['drag/keyboardInput.ts', 'drag/pointer.ts', 'drag/logicNote.ts'],
          rel(file),
        ).toContain(target);
      }
    }
  });
});
