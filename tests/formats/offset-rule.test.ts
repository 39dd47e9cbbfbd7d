import { describe, expect, it } from 'vitest';
import { formatOffset } from '../../electron/core/formats/offsets';
import { must, seedStory, tempLibrary } from '../helpers/library';
import { unzip } from './helpers';

/**
 * One rule for a beat's time in every file: the exact seconds are stored, and every outline
 * shows the same fraction, formatOffset's (`1.5` is `0:01.5`, never a rounded `0:02`).
 */
describe('a beat time of 1.5 s', () => {
  it('is stored as 1.5 and written as 0:01.5 in every export', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story, events } = seedStory(d, { Scene: ['Door opens'] }, 'Timing');
    const saved = must(
      d.call('moments:update', { momentId: events[0]!.moments[0]!.id, timestampOffset: 1.5 }),
    );
    expect(saved.timestampOffset).toBe(1.5);
    const file = (format: 'json' | 'md' | 'fountain' | 'docx') =>
      must(d.call('stories:export', { storyId: story.id, format }));
    expect(formatOffset(1.5)).toBe('0:01.5');
    expect(JSON.parse(file('json').content).story.events[0].moments[0].timestamp_offset).toBe(1.5);
    expect(file('md').content).toContain('1. [0:01.5] Door opens');
    expect(file('fountain').content).toContain('= [[0:01.5]] Door opens');
    const docx = unzip(Buffer.from(file('docx').content, 'base64'));
    expect(docx.get('word/document.xml')!.toString('utf8')).toContain('[0:01.5]');
  });
});
