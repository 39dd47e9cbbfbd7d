// Links in the outlines (logic layer, issue 14): Markdown, Fountain and DOCX write each beat's
// links under it as a line a reader understands, and the Markdown import reads them back.
import fc from 'fast-check';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { LINK_KINDS } from '../../electron/core/contract/types';
import type { Dispatcher } from '../../electron/core/handlers/dispatch';
import type { StoryLogicDocument } from '../../electron/core/formats/json-logic';
import {
  markdownContent,
  parseStoryMarkdown,
  serializeStoryMarkdown,
} from '../../electron/core/formats/markdown';
import type { StoryDocument } from '../../electron/core/formats/model';
import { parseStory } from '../../electron/core/formats/registry';
import { dumpDatabase, must, seedStory, tempLibrary } from '../helpers/library';
import { storyContent } from '../../electron/core/formats/model';
import { stored, storyDocument, writerText } from '../formats/story-arbitraries';

/** A story whose links name their beats in every awkward way an outline must survive. */
function seedTricky(d: Dispatcher) {
  const { story, events } = seedStory(d, {
    'Night watch': ["She hears (something) 'odd'", 'She breaks in'],
    Echo: ['First echo'],
    'Echo ': ['x'], // trimmed on create: a second "Echo"
    'event 2': ['A title that reads as a number'],
    'The (long), beat 3 night': ['*Bold* claim\n- → causes (hard): not a link', ''],
  });
  const beat = (e: number, m: number) => events[e]!.moments[m]!.id;
  const link = (
    from: [number, number],
    to: [number, number],
    kind: (typeof LINK_KINDS)[number],
    extra: { strength?: 'hard' | 'soft'; note?: string } = {},
  ) =>
    must(
      d.call('links:create', {
        fromMomentId: beat(...from),
        toMomentId: beat(...to),
        kind,
        strength: extra.strength ?? 'hard',
        ...(extra.note !== undefined ? { note: extra.note } : {}),
      }),
    );
  link([0, 0], [0, 1], 'causes', { note: 'the noise\n\n- → sets up: a trap\n#3' });
  link([0, 1], [1, 0], 'sets_up', { strength: 'soft' });
  link([1, 0], [2, 0], 'precedes');
  link([2, 0], [3, 0], 'causes', { strength: 'soft', note: ' starts with a space' });
  link([3, 0], [4, 0], 'sets_up', { note: '\nsecond line only' });
  link([4, 0], [4, 1], 'precedes');
  const late = link([4, 0], [0, 0], 'sets_up');
  must(d.call('links:update', { linkId: late.id, intentional: true }));
  return story;
}

/** A story's links by beat text and event title (ids differ after an import). */
function linksOf(d: Dispatcher, storyId: string) {
  const timeline = must(d.call('stories:load', { storyId }));
  const where = new Map(
    timeline.events.flatMap((e, i) =>
      e.moments.map((m, j) => [m.id, `${i}.${j} ${m.description}`]),
    ),
  );
  return must(d.call('links:list', { storyId }))
    .map((l) => [
      where.get(l.fromMomentId),
      l.kind,
      where.get(l.toMomentId),
      l.strength,
      l.note,
      l.intentional,
    ])
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('links in the Markdown outline', () => {
  it('are written under their beat in words, and read back identical by an import', async () => {
    const { dispatcher: d } = await tempLibrary();
    const story = seedTricky(d);
    const md = must(d.call('stories:export', { storyId: story.id, format: 'md' })).content;
    if (process.env.SHOW_OUTLINE) console.log(md);
    expect(md).toContain(
      "1. She hears (something) 'odd'\n" +
        "   - → causes (hard): 'She breaks in' (Night watch, beat 2) — the noise\n" +
        '\n' +
        '     \\- → sets up: a trap\n' +
        '     \\#3\n' +
        "2. She breaks in\n   - → sets up (soft): 'First echo' (event 2, beat 1)\n",
    );
    expect(md).toContain(
      '   - → must happen before (hard): Empty beat (The \\(long\\), beat 3 night, beat 2)\n',
    );
    expect(md).toContain(', intentional\n');
    const copy = must(d.call('stories:import', { format: 'md', content: md }));
    expect(linksOf(d, copy.id)).toEqual(linksOf(d, story.id));
    expect(linksOf(d, copy.id)).toHaveLength(7);
    // The beats' own text did not take in the link lines, nor the other way round.
    const texts = (id: string) =>
      must(d.call('stories:load', { storyId: id })).events.map((e) =>
        e.moments.map((m) => m.description),
      );
    expect(texts(copy.id)).toEqual(texts(story.id));
  });

  it('round-trip for any story and any links, without touching the beats', () => {
    const withLinks = storyDocument
      .map(stored)
      .filter((doc) => doc.events.some((e) => e.moments.length > 1))
      .chain((doc) => {
        const beats = doc.events.flatMap((e, i) =>
          e.moments.map((_, j) => [i, j] as [number, number]),
        );
        const link = fc.record({
          a: fc.nat(beats.length - 1),
          b: fc.nat(beats.length - 1),
          kind: fc.constantFrom(...LINK_KINDS),
          strength: fc.constantFrom('hard' as const, 'soft' as const),
          note: writerText(6),
          intentional: fc.boolean(),
        });
        return fc.array(link, { maxLength: 8 }).map((drafts) => {
          const seen = new Set<string>();
          const links: StoryLogicDocument['links'] = [];
          for (const l of drafts) {
            // Time links point forward in reading order, so they make no loop; reading-order
            // links may even go round in one (h73: kept, the check reports it).
            const [a, b] =
              l.kind === 'sets_up' ? [l.a, l.b] : [Math.min(l.a, l.b), Math.max(l.a, l.b)];
            const key = `${a}>${b}:${l.kind}`;
            if (a === b || seen.has(key)) continue;
            seen.add(key);
            links.push({
              kind: l.kind,
              strength: l.strength,
              note: l.note,
              intentional: l.intentional,
              from: beats[a]!,
              to: beats[b]!,
            });
          }
          const logic = {
            times: doc.events.map((_, order) => ({ order, label: '', mode: 'linear' as const })),
            links,
          };
          return { ...doc, logic } as StoryDocument;
        });
      });
    const note = (text: string) => {
      const lines = text.split(/\r\n|\r|\n/);
      while (lines.length > 0 && lines.at(-1) === '') lines.pop();
      return lines.join('\n');
    };
    fc.assert(
      fc.property(withLinks, (doc) => {
        const back = parseStoryMarkdown(serializeStoryMarkdown(doc));
        expect(storyContent(back)).toEqual(markdownContent(doc));
        const expected = doc.logic!.links.map((l) => ({ ...l, note: note(l.note) }));
        // The outline lists links by the beat they leave: compare them in any order.
        const sorted = (links: StoryLogicDocument['links']) =>
          links
            .map((l) => JSON.stringify([l.from, l.to, l.kind, l.strength, l.note, l.intentional]))
            .sort();
        expect(sorted(back.logic?.links ?? [])).toEqual(sorted(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('refuse a link line that names no beat, a loop or a bad form, with its line, importing nothing', async () => {
    const lib = await tempLibrary();
    const d = lib.dispatcher;
    const outline = (links: string) =>
      `# Story\n\n## Dawn\n\n1. She wakes\n${links}2. She runs\n\n## Dawn\n\n1. Again\n`;
    const cases: Array<[string, string]> = [
      ["   - → causes (hard): 'x' (Dusk, beat 1)\n", 'line 6: the link names event "Dusk"'],
      ["   - → causes (hard): 'x' (Dawn, beat 1)\n", 'line 6: two events are titled "Dawn"'],
      ["   - → causes (hard): 'x' (event 1, beat 9)\n", 'line 6: the link names beat 9'],
      [
        "   - → causes (hard): 'x' (event 1, beat 1)\n",
        'line 6: a beat cannot be linked to itself',
      ],
      ["   - → foreshadows (hard): 'x' (event 1, beat 2)\n", 'line 6: a link reads'],
      ["   - → causes (firm): 'x' (event 1, beat 2)\n", 'line 6: a link reads'],
      [
        "   - → causes (hard): 'x' (event 1, beat 2)\n   - → causes (soft): 'x' (event 1, beat 2)\n",
        'line 7: these beats already have a causes link',
      ],
      [
        "   - → causes (hard): 'x' (event 1, beat 2)\n   more text\n",
        "line 7: text after a beat's links",
      ],
      [
        "   - → causes (hard): 'x' (event 1, beat 2)\n",
        'loop', // with the line below
      ],
    ];
    const back = {
      loop: "   - → must happen before (soft): 'x' (event 1, beat 1)\n",
    } as Record<string, string>;
    const expected = { loop: 'line 6: the causes' } as Record<string, string>;
    for (const [links, message] of cases) {
      const text =
        back[message] !== undefined
          ? outline(links).replace('2. She runs\n', `2. She runs\n${back[message]}`)
          : outline(links);
      const before = dumpDatabase(lib.db);
      const result = d.call('stories:import', { format: 'md', content: text });
      expect(result.ok, message).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('invalid_input');
        expect(result.error.message, message).toContain(expected[message] ?? message);
      }
      expect(dumpDatabase(lib.db), message).toBe(before);
    }
    // The same outline without the bad line imports, with its link.
    const good = outline("   - → causes (hard): 'x' (event 1, beat 2)\n");
    expect(parseStory('md', good).logic?.links).toEqual([
      { from: [0, 0], to: [0, 1], kind: 'causes', strength: 'hard', note: '', intentional: false },
    ]);
  });
});

describe('links in the Fountain and DOCX outlines', () => {
  it('Fountain: a note after the beat, and the Fountain import still reads the same beats', async () => {
    const { dispatcher: d } = await tempLibrary();
    const story = seedTricky(d);
    const fountain = must(
      d.call('stories:export', { storyId: story.id, format: 'fountain' }),
    ).content;
    expect(fountain).toContain(
      "= She hears (something) 'odd'\n\n" +
        "[[→ causes (hard): 'She breaks in' (Night watch, beat 2) — the noise - → sets up: a trap #3]]\n\n" +
        '= She breaks in\n\n' +
        "[[→ sets up (soft): 'First echo' (event 2, beat 1)]]\n",
    );
    const md = parseStory(
      'md',
      must(d.call('stories:export', { storyId: story.id, format: 'md' })).content,
    );
    const back = parseStory('fountain', fountain);
    expect(back.logic).toBeUndefined();
    expect(back.events.map((e) => e.moments.length)).toEqual(
      md.events.map((e) => e.moments.length),
    );
  });

  it('DOCX: a short italic line under the beat', async () => {
    const { dispatcher: d } = await tempLibrary();
    const story = seedTricky(d);
    const file = must(d.call('stories:export', { storyId: story.id, format: 'docx' }));
    const bytes = Buffer.from(file.content, 'base64');
    const { value } = await mammoth.convertToHtml({ buffer: bytes });
    expect(value).toContain(
      "<li>She breaks in</li></ol><p><em>→ sets up (soft): 'First echo' (event 2, beat 1)</em></p>",
    );
    expect(value).toContain(
      "<em>→ causes (hard): 'She breaks in' (Night watch, beat 2) — the noise<br /><br />- → sets up: a trap<br />#3</em>",
    );
  });
});
