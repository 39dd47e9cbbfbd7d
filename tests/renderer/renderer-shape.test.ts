// The renderer's shape (issue 15): the store reaches no view code, the drag and the store keep
// no module-level mutable state, and the keyboard drag's state machine is pure. Read from the
// source files themselves, the way a reviewer would check them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
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

describe('the renderer’s shape', () => {
  it('the store reaches no view code: components, hooks, virtual/ or drag/', () => {
    const reached = [...reachable(join(SRC, 'store/index.ts'))].map(rel);
    expect(reached).toContain('store/timelineSlice.ts');
    const views = reached.filter((f) => /^(components|hooks|virtual|drag)\//.test(f));
    expect(views).toEqual([]);
  });

  it('drag/ and store/ keep no module-level mutable state (it lives in the store or a ref)', () => {
    const files = [...filesUnder(join(SRC, 'drag')), ...filesUnder(join(SRC, 'store'))];
    const found: string[] = [];
    for (const file of files) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const mutable =
            /^(export\s+)?(let|var)\s/.test(line) ||
            /^(export\s+)?const\s+\w+\s*=\s*new\s+(Map|Set|WeakMap|WeakSet)\b/.test(line);
          if (mutable) found.push(`${rel(file)}:${i + 1}: ${line}`);
        });
    }
    expect(found).toEqual([]);
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
