import { describe, expect, it } from 'vitest';
import {
  canTransition,
  transition,
  TransitionError,
  type HostEvent,
  type HostStateKind,
} from '../../electron/core/host/state';

const STATES: HostStateKind[] = ['opening', 'open', 'damaged', 'restoring', 'replaced', 'closed'];
const EVENTS: HostEvent[] = [
  { type: 'opened' },
  { type: 'found_damaged' },
  { type: 'restore_started' },
  { type: 'restore_finished' },
  { type: 'restore_failed', usable: true },
  { type: 'restore_failed', usable: false },
  { type: 'swap_noticed' },
  { type: 'reopened', usable: true },
  { type: 'reopened', usable: false },
  { type: 'closed' },
];

/** Every transition the library host may take; everything else is refused. */
const ALLOWED: Record<string, HostStateKind> = {
  'opening opened': 'open',
  'opening found_damaged': 'damaged',
  'opening closed': 'closed',
  'open restore_started': 'restoring',
  'open swap_noticed': 'replaced',
  'open closed': 'closed',
  'damaged restore_started': 'restoring',
  'damaged closed': 'closed',
  'restoring restore_finished': 'open',
  'restoring restore_failed usable': 'open',
  'restoring restore_failed damaged': 'damaged',
  'restoring closed': 'closed',
  'replaced restore_started': 'restoring',
  'replaced closed': 'closed',
  // "Reopen the library" (issue 13, h35): the file now at the path, checked as at startup.
  'replaced reopened usable': 'open',
  'replaced reopened damaged': 'damaged',
  'damaged reopened usable': 'open',
  'damaged reopened damaged': 'damaged',
};

function key(state: HostStateKind, event: HostEvent): string {
  const suffix =
    event.type === 'restore_failed' || event.type === 'reopened'
      ? event.usable
        ? ' usable'
        : ' damaged'
      : '';
  return `${state} ${event.type}${suffix}`;
}

describe('the library host state machine (issue 15)', () => {
  for (const state of STATES) {
    for (const event of EVENTS) {
      const expected = ALLOWED[key(state, event)];
      it(`${key(state, event)} -> ${expected ?? 'refused'}`, () => {
        if (expected) {
          expect(transition(state, event)).toBe(expected);
          expect(canTransition(state, event)).toBe(true);
        } else {
          expect(() => transition(state, event)).toThrow(TransitionError);
          expect(canTransition(state, event)).toBe(false);
        }
      });
    }
  }

  it('names the state and the event it refused', () => {
    expect(() => transition('closed', { type: 'opened' })).toThrow(
      'The library host cannot take "opened" while closed.',
    );
  });

  it('lists only transitions between known states', () => {
    for (const [name, to] of Object.entries(ALLOWED)) {
      expect(STATES, name).toContain(name.split(' ')[0]);
      expect(STATES, name).toContain(to);
    }
  });
});
