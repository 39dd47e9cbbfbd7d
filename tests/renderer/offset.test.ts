import { describe, expect, it } from 'vitest';
import { formatOffset as coreFormat } from '../../electron/core/formats/offsets';
import { formatOffset, parseOffset } from '../../renderer/src/lib/offset';

/** The time field reads what the writer typed by the rule every export writes with. */
describe('the time field’s offset rule', () => {
  const seconds = (text: string) => {
    const parsed = parseOffset(text);
    if (!parsed.ok) throw new Error(parsed.message);
    return parsed.seconds;
  };

  it('keeps 1.5 s as 1.5 and shows it as every export does: 0:01.5', () => {
    expect(seconds('1.5')).toBe(1.5);
    expect(formatOffset(1.5)).toBe('0:01.5');
    expect(formatOffset(1.5)).toBe(coreFormat(1.5));
  });

  it('reads m:ss, h:mm:ss, one-digit seconds and fractions', () => {
    expect(seconds('90')).toBe(90);
    expect(seconds('1:30')).toBe(90);
    expect(seconds('1:5')).toBe(65);
    expect(seconds('1:02:03')).toBe(3723);
    expect(seconds('0:01.5')).toBe(1.5);
    expect(seconds('  ')).toBeNull();
  });

  it('keeps what it shows: a typed fraction is rounded to the millisecond', () => {
    expect(seconds('1.23456')).toBe(1.235);
    expect(formatOffset(seconds('1.23456')!)).toBe('0:01.235');
  });

  it('round-trips everything it shows', () => {
    for (const value of [0, 1.5, 59.999, 61, 3723.25, 86400]) {
      expect(seconds(formatOffset(value))).toBe(value);
    }
  });

  it('refuses what is not a time, with the reason', () => {
    for (const [text, reason] of [
      ['abc', 'is not a time'],
      ['1:75', 'Seconds must be 0–59'],
      ['1:75:00', 'Minutes must be 0–59'],
      ['-3', 'is not a time'],
      ['9999999999', 'the limit is 100 days'],
    ] as const) {
      const parsed = parseOffset(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(reason);
    }
  });
});
