import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExportedStoryFile } from '../../electron/core/contract/outputs';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

/** Values a damaged or hostile story file might hold where a field should be. */
const hostile = fc.oneof(
  fc.anything({ withNullPrototype: true }),
  fc.constantFrom(-1, -0.5, 1e308, 2 ** 53, '', '\u0000', 'x'.repeat(25_000), [], {}, null, true),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value, so a mutation can land anywhere in the file. */
function paths(value: Json, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  }
  return out;
}

function setAt(root: Json, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = replacement;
  return copy;
}

describe('story-file import under hostile files', () => {
  it('refuses mutated story files with invalid_input and leaves the library unchanged', async () => {
    const lib = await tempLibrary();
    const { story } = seedStory(lib.dispatcher, { One: ['a', 'b'], Two: [], Three: ['c'] }, 'Base');
    const exported = must(
      lib.dispatcher.call('stories:export', { storyId: story.id, format: 'json' }),
    ) as ExportedStoryFile;
    const base = JSON.parse(exported.content) as Json;
    const allPaths = paths(base);
    const mutation = fc.oneof(
      // One field replaced by a hostile value.
      fc
        .tuple(fc.constantFrom(...allPaths), hostile)
        .map(([path, value]) => JSON.stringify(setAt(base, path, value))),
      // A prototype-polluting key added to an object.
      fc
        .constantFrom(...allPaths)
        .map((path) =>
          JSON.stringify(
            setAt(
              base,
              path,
              JSON.parse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}'),
            ),
          ),
        ),
      // The file cut short at any point.
      fc.nat(exported.content.length - 1).map((n) => exported.content.slice(0, n)),
      // Arbitrary text and JSON.
      fc.string({ maxLength: 200 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(
        mutation,
        fc.constantFrom('json' as const, 'md' as const),
        async (content, format) => {
          const before = dumpDatabase(lib.db);
          const result = lib.dispatcher.invoke('stories:import', { format, content });
          if (!result.ok) {
            expect(result.error.code).toBe('invalid_input');
            expect(result.error.message.length).toBeGreaterThan(0);
            expect(dumpDatabase(lib.db)).toBe(before);
          } else {
            // A mutation the format accepts (e.g. a changed title) makes exactly one new story.
            const stories = must(lib.dispatcher.call('stories:list', {}));
            expect(stories.some((s) => s.id === (result.value as { id: string }).id)).toBe(true);
          }
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 400 },
    );
  });
});
