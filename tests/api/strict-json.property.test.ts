import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseStrictJson } from '../../electron/core/api/strict-json';

// The strict reader of request bodies and MCP lines (h68) must never refuse JSON that names
// each field once, whatever the names hold (quotes, backslashes, escapes, lone surrogates),
// and must find a field named twice wherever it is.

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** Names that are hard for a scanner: quotes, backslashes, brackets, commas, colons. */
const name = fc.oneof(
  fc.string({ unit: fc.constantFrom('"', '\\', '{', '}', '[', ']', ',', ':', 'a', 'é', '\ud800') }),
  fc.string(),
);
const value = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 1 }),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(name, tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('parseStrictJson', () => {
  it('reads any JSON text with each field named once as JSON.parse does, however it is spaced', () => {
    fc.assert(
      fc.property(value, fc.boolean(), (v, indent) => {
        const text = JSON.stringify(v, null, indent ? 2 : undefined);
        const read = parseStrictJson(bytes(text));
        expect(read).toEqual({ ok: true, value: JSON.parse(text) as unknown });
      }),
      { numRuns: 500 },
    );
  });

  it('finds a field named twice in any object, also when the second is escaped', () => {
    fc.assert(
      fc.property(value, name, fc.boolean(), (v, key, escape) => {
        const twice = JSON.stringify(key);
        // The first letter written as a \u escape (where no escape is already in the name).
        const escapeOne = (t: string) =>
          t.replace(/[a-zé]/, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        const other = escape && !twice.includes('\\') ? escapeOne(twice) : twice;
        const text = `{"outer":[${JSON.stringify(v)},{${twice}:1,"x":2,${other}:3}]}`;
        const read = parseStrictJson(bytes(text));
        expect(read).toEqual({
          ok: false,
          problem: `duplicate key ${JSON.stringify(key)} in one object`,
        });
      }),
      { numRuns: 300 },
    );
  });
});
