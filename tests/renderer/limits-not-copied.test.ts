// Issue 15: the renderer takes its input limits from electron/core/contract/limits.ts (no zod),
// never a copy of the numbers, so a limit changed there changes on screen too.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../electron/core/contract/limits';
import { MAX_OFFSET_SECONDS } from '../../renderer/src/lib/offset';

const root = resolve(import.meta.dirname, '..', '..', 'renderer', 'src');

function sources(): Array<{ file: string; text: string }> {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { file: file.slice(root.length + 1), text: readFileSync(file, 'utf8') };
    });
}

describe('renderer limits come from the contract (issue 15)', () => {
  it('every maxLength is a LIMITS entry, never a number', () => {
    const copies = sources().flatMap(({ file, text }) =>
      [...text.matchAll(/maxLength=\{\s*([^}]*)\}/g)]
        .filter((m) => !/^LIMITS\.\w+$/.test((m[1] ?? '').trim()))
        .map((m) => `${file}: ${m[0]}`),
    );
    expect(copies).toEqual([]);
  });

  it('the time-offset limit is the contract one', () => {
    expect(MAX_OFFSET_SECONDS).toBe(LIMITS.maxOffsetSeconds);
    const copies = sources()
      .filter(({ text }) => /100\s*\*\s*24\s*\*\s*3600|8_?640_?000\b/.test(text))
      .map(({ file }) => file);
    expect(copies).toEqual([]);
  });
});
