import { Packer } from 'docx';
import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { buildDocxDocument, serializeStoryDocx } from '../../electron/core/formats/docx';
import type { StoryDocument } from '../../electron/core/formats/model';
import { must, tempLibrary } from '../helpers/library';
import { readGolden, sampleStory, unzip } from './helpers';

/** Mammoth's HTML for a .docx, with Word's Title style as `<h1 class="title">`. */
async function html(bytes: Buffer): Promise<{ value: string; messages: unknown[] }> {
  return mammoth.convertToHtml(
    { buffer: bytes },
    // An empty beat is still a numbered paragraph: keep empty paragraphs to see it.
    { styleMap: ["p[style-name='Title'] => h1.title:fresh"], ignoreEmptyParagraphs: false },
  );
}

const decode = (s: string) =>
  s
    .replace(/<br \/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('the DOCX outline, read back by mammoth', () => {
  it('has the title, a Heading 1 per event, description paragraphs and numbered beats with times', async () => {
    const doc = sampleStory();
    const result = await html(serializeStoryDocx(doc));
    expect(result.messages).toEqual([]);
    const out = result.value;

    const headings = [...out.matchAll(/<h1( class="title")?>(.*?)<\/h1>/g)].map((m) => [
      m[1] ? 'title' : 'event',
      decode(m[2]!),
    ]);
    expect(headings).toEqual([
      ['title', doc.title],
      ['event', 'Arrival'],
      ['event', 'Untitled event'],
      ['event', 'Storm [[note]] /* not boneyard */'],
    ]);

    // One ordered list per event with beats, each beat a list item in order.
    const lists = [...out.matchAll(/<ol>(.*?)<\/ol>/g)].map((m) =>
      [...m[1]!.matchAll(/<li>(.*?)<\/li>/g)].map((li) => decode(li[1]!)),
    );
    expect(lists).toHaveLength(2);
    expect(lists[0]).toEqual([
      '[0:00] The boat lands at dawn',
      '[0:30] She climbs the 131 stairs\nand counts every one\n\n    (indented note)',
      '[1:30.5] [1:00] is written on the wall',
      '# The lamp room door is locked',
      '[1:02:03.25] 2. Her father is not there',
      '',
      '\\ a backslash, and *stars*, _underscores_ and <tags> & ampersands',
    ]);
    expect(lists[1]).toHaveLength(11);
    expect(lists[1]![10]).toBe('[1:11.25] Eleventh beat\ncontinued under a wider number');
    expect(out).toContain('<strong>[0:30] </strong>She climbs');

    // The description: its paragraphs, before the list.
    const arrival = out.slice(out.indexOf('Arrival'), out.indexOf('<ol>'));
    expect([...arrival.matchAll(/<p>(.*?)<\/p>/g)].map((m) => decode(m[1]!))).toEqual([
      'The keeper’s daughter comes home after ten years.',
      '# Not a heading: a line that starts with a hash.\n1. Not a beat either.\n- nor a bullet',
    ]);
    expect(decode(out)).toContain('日本語のテキスト, עברית, emoji 🌊🗼');
  });

  it('is real Word numbering that restarts in each event', () => {
    const parts = unzip(serializeStoryDocx(sampleStory()));
    const body = parts.get('word/document.xml')!.toString('utf8');
    const numbering = parts.get('word/numbering.xml')!.toString('utf8');
    const numIds = new Set([...body.matchAll(/<w:numId w:val="(\d+)"\/>/g)].map((m) => m[1]));
    expect(numIds.size).toBe(2);
    expect(numbering).toContain('w:val="decimal"');
    expect(numbering).toContain('<w:lvlText w:val="%1."/>');
  });

  it('drops characters XML cannot hold instead of writing a file Word refuses', async () => {
    const doc: StoryDocument = {
      title: 'Control \u0007 characters',
      events: [
        {
          title: 'E\u0001',
          description: 'd\u000b',
          moments: [{ description: 'a\u0000b', timestampOffset: null }],
        },
      ],
    };
    const bytes = serializeStoryDocx(doc);
    const xml = unzip(bytes).get('word/document.xml')!.toString('utf8');
    // eslint-disable-next-line no-control-regex
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const result = await html(bytes);
    expect(decode(result.value)).toContain('ab');
  });

  it('matches what docx’s own asynchronous Packer writes, part for part', async () => {
    const doc = sampleStory();
    const ours = unzip(serializeStoryDocx(doc));
    const theirs = unzip(await Packer.toBuffer(buildDocxDocument(doc)));
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, data] of theirs) {
      if (name === 'docProps/core.xml') continue; // holds the time it was made
      expect(ours.get(name)!.toString('utf8'), name).toBe(data.toString('utf8'));
    }
  });

  it('comes out of the stories:export channel as base64 with the Word MIME type', async () => {
    const lib = await tempLibrary();
    const story = must(
      lib.dispatcher.call('stories:import', {
        format: 'json',
        content: readGolden('lighthouse.beatline.json'),
      }),
    );
    const file = must(lib.dispatcher.call('stories:export', { storyId: story.id, format: 'docx' }));
    expect(file).toMatchObject({
      fileName: 'The Lighthouse — Léa’s return.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      encoding: 'base64',
    });
    const bytes = Buffer.from(file.content, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect((await html(bytes)).value).toContain('<h1>Arrival</h1>');
  });
});
