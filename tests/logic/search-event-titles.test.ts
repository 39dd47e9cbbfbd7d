// `moments:search` with `eventTitles` (issue 14, the "Link…" picker): a writer looks for "the
// beat in the Storm scene", so each word may be in the beat's text or its event's title.
import { describe, expect, it } from 'vitest';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';

describe('moments:search with event titles', () => {
  it('finds beats by their event’s title, and by words of the text and the title together', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story, events } = seedStory(d, {
      Arrival: ['A door creaks in the hall', 'She hangs up her coat'],
      'The Storm': ['The door bangs open', 'Rain on the roof'],
      Aftermath: ['The storm is over'],
    });
    const [arrival, storm, after] = events;
    const find = (query: string, eventTitles = true) =>
      must(d.call('moments:search', { storyId: story.id, query, eventTitles }));
    const ids = (query: string, eventTitles = true) =>
      find(query, eventTitles).hits.map((h) => h.momentId);

    // The title's beats, then a beat whose text holds the word, in story order.
    expect(ids('STORM')).toEqual([
      storm!.moments[0]!.id,
      storm!.moments[1]!.id,
      after!.moments[0]!.id,
    ]);
    // Without eventTitles the search is the board's, text only.
    expect(ids('storm', false)).toEqual([after!.moments[0]!.id]);
    // Every word must be in the text or the title: the door in the Storm scene only.
    expect(ids('door storm')).toEqual([storm!.moments[0]!.id]);
    expect(ids('  storm   door ')).toEqual([storm!.moments[0]!.id]);
    expect(ids('door arrival')).toEqual([arrival!.moments[0]!.id]);
    // A word never runs across the text and the title.
    expect(ids('roofThe')).toEqual([]);
    // The snippet shows the text around a word it holds, or its start for a title match.
    expect(find('storm roof').hits[0]!.snippet).toBe('Rain on the roof');
    expect(find('Storm').hits[0]!.snippet).toBe('The door bangs open');
    expect(find('door storm')).toMatchObject({ total: 1, more: false });
  });

  it('takes %, _ and \\ in a title literally', async () => {
    const { dispatcher: d } = await tempLibrary();
    const { story } = seedStory(d, { '100% rain': ['wet'], '100 rain': ['dry'], a_b: ['x'] });
    const texts = (query: string) =>
      must(d.call('moments:search', { storyId: story.id, query, eventTitles: true })).hits.map(
        (h) => h.snippet,
      );
    expect(texts('100%')).toEqual(['wet']);
    expect(texts('a_b')).toEqual(['x']);
  });

  it('refuses a flag that is not true or false and changes nothing', async () => {
    const { dispatcher: d, db } = await tempLibrary();
    const { story } = seedStory(d, { A: ['a'] });
    const before = dumpDatabase(db);
    for (const eventTitles of ['yes', 1, null]) {
      const input = { storyId: story.id, query: 'a', eventTitles } as never;
      expect(d.call('moments:search', input)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', message: expect.stringMatching(/eventTitles/) },
      });
    }
    expect(dumpDatabase(db)).toBe(before);
  });
});
