import { describe, expect, it } from 'vitest';
import type { Moment } from '../../electron/core/contract/types';
import { backwardsTimeReason } from '../../renderer/src/lib/timeOrder';
import type { TimelineModel } from '../../renderer/src/store/timelineModel';

/** A one-event model whose beats have these offsets (undefined: not loaded yet). */
function modelOf(offsets: (number | null | undefined)[]): TimelineModel {
  const moments: Record<string, Moment> = {};
  const ids = offsets.map((offset, i) => {
    if (offset === undefined) return null;
    const id = `m${i}`;
    moments[id] = { id, eventId: 'e', timestampOffset: offset } as Moment;
    return id;
  });
  return {
    story: {} as TimelineModel['story'],
    eventOrder: ['e'],
    events: {},
    momentIds: { e: ids },
    moments,
  };
}

describe('a beat whose time runs backwards', () => {
  it('is marked with the beat and time it comes before', () => {
    const model = modelOf([30, null, 10]);
    expect(backwardsTimeReason(model, 'e', 'm2')).toBe('Earlier than beat 1 (0:30)');
    expect(backwardsTimeReason(model, 'e', 'm0')).toBeNull();
  });

  it('is not marked when times run forwards, are equal, or are missing', () => {
    const model = modelOf([5, 5, null, 7.5, undefined, 8]);
    for (const id of ['m0', 'm1', 'm2', 'm3', 'm5']) {
      expect(backwardsTimeReason(model, 'e', id)).toBeNull();
    }
  });

  it('compares fractions by the same rule the card shows', () => {
    const model = modelOf([1.5, 1.25]);
    expect(backwardsTimeReason(model, 'e', 'm1')).toBe('Earlier than beat 1 (0:01.5)');
  });
});
