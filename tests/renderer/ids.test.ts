// The renderer's ids (issue 15: no clock or counter of its own at module level): UUIDv7, made
// by the same library as the main process's, each greater than the one before.
import { describe, expect, it } from 'vitest';
import { newId } from '../../renderer/src/lib/ids';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('renderer ids', () => {
  it('are lowercase UUIDv7, distinct and in the order they were made', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    for (const id of ids) expect(id).toMatch(UUID_V7);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
});
