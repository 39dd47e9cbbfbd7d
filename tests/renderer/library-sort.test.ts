import { describe, expect, it } from 'vitest';
import type { StorySummary } from '../../electron/core/contract/types';
import { libraryOrder } from '../../renderer/src/lib/librarySort';

const story = (id: string, title: string, updatedAt: string): StorySummary => ({
  id,
  title,
  createdAt: updatedAt,
  updatedAt,
  eventCount: 0,
  beatCount: 0,
});

const stories = [
  story('a', 'Zebra crossing', '2026-01-03T00:00:00.000Z'),
  story('b', 'Café Noir', '2026-01-01T00:00:00.000Z'),
  story('c', 'act 10', '2026-01-02T00:00:00.000Z'),
  story('d', 'Act 9', '2026-01-04T00:00:00.000Z'),
];

describe('the library’s search and sort', () => {
  it('lists the most recently edited first', () => {
    expect(libraryOrder(stories, '', 'edited')).toEqual(['d', 'a', 'c', 'b']);
  });

  it('sorts titles as a writer reads them: case-blind, numbers by value', () => {
    expect(libraryOrder(stories, '', 'title')).toEqual(['d', 'c', 'b', 'a']);
  });

  it('filters by title, ignoring case and accents', () => {
    expect(libraryOrder(stories, 'cafe', 'edited')).toEqual(['b']);
    expect(libraryOrder(stories, '  ACT ', 'title')).toEqual(['d', 'c']);
    expect(libraryOrder(stories, 'nothing like it', 'title')).toEqual([]);
  });
});
