import { describe, expect, it } from 'vitest';
import { withoutIds } from '../../renderer/src/lib/messages';

describe('messages shown to writers', () => {
  it('say which record is gone instead of its id', () => {
    expect(withoutIds('No beat with id 01900000-0000-7000-8000-000000000001.')).toBe(
      'This beat no longer exists; it may have been deleted elsewhere.',
    );
    expect(withoutIds('No backup with id beatline-2026-12-04.db.')).toBe(
      'This backup no longer exists; it may have been deleted elsewhere.',
    );
  });

  it('never carry a UUID, wherever it sits', () => {
    const text = withoutIds('momentId: 0190ABCD-0000-7000-8000-00000000000f is not in event x');
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}/i);
    expect(text).toBe('momentId: this item is not in event x');
  });

  it('leave ordinary messages as they are', () => {
    expect(withoutIds('A story needs a title.')).toBe('A story needs a title.');
  });
});
