import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { serializeStoryDocx } from '../../electron/core/formats/docx';
import type { StoryDocument } from '../../electron/core/formats/model';
import { must, tempLibrary } from '../helpers/library';
import { readGolden, sampleStory, unzip, xmlProblem } from './helpers';

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

const text = (parts: Map<string, Buffer>, name: string) => parts.get(name)!.toString('utf8');
const attrs = (xml: string, element: string, attr: string) =>
  [...xml.matchAll(new RegExp(`<${element}\\b[^>]*\\b${attr}="([^"]*)"`, 'g'))].map((m) => m[1]!);

/** A story of `events` events with `beats` beats each, every third beat with a time. */
function bigStory(events: number, beats: number): StoryDocument {
  return {
    title: 'Big',
    events: Array.from({ length: events }, (_, e) => ({
      title: `Scene ${e + 1}`,
      description: 'Where the plan goes wrong.',
      moments: Array.from({ length: beats }, (_, i) => ({
        description: `Beat ${i + 1}: the courier reaches the gate at dusk.`,
        timestampOffset: i % 3 === 0 ? i * 15 : null,
      })),
    })),
  };
}

/** Checks the package: well-formed parts, content types, relationships; returns its parts. */
function checkPackage(bytes: Buffer): Map<string, Buffer> {
  const parts = unzip(bytes);
  const names = [...parts.keys()];
  expect(names[0]).toBe('[Content_Types].xml');
  for (const name of names) expect(xmlProblem(text(parts, name)), name).toBeNull();

  // Every part but [Content_Types].xml has a content type, and every override names a part.
  const types = text(parts, '[Content_Types].xml');
  const defaults = new Map(
    [...types.matchAll(/<Default Extension="([^"]+)" ContentType="([^"]+)"\/>/g)].map((m) => [
      m[1]!.toLowerCase(),
      m[2]!,
    ]),
  );
  const overrides = new Map(
    [...types.matchAll(/<Override PartName="([^"]+)" ContentType="([^"]+)"\/>/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  );
  for (const partName of overrides.keys()) expect(names).toContain(partName.slice(1));
  const typeOf = (name: string) =>
    overrides.get(`/${name}`) ?? defaults.get(name.slice(name.lastIndexOf('.') + 1).toLowerCase());
  expect(Object.fromEntries(names.slice(1).map((name) => [name, typeOf(name)]))).toEqual({
    '_rels/.rels': 'application/vnd.openxmlformats-package.relationships+xml',
    'word/_rels/document.xml.rels': 'application/vnd.openxmlformats-package.relationships+xml',
    'word/document.xml':
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
    'word/styles.xml': 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml',
    'word/numbering.xml':
      'application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml',
    'word/settings.xml':
      'application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml',
    'docProps/core.xml': 'application/vnd.openxmlformats-package.core-properties+xml',
    'docProps/app.xml': 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  });

  // Every relationship has a unique id and a target that exists (relative to its source part).
  const relationships: Record<string, string> = {};
  for (const name of names.filter((n) => n.endsWith('.rels'))) {
    const dir = name.replace(/_rels\/[^/]*\.rels$/, '');
    const rels = [...text(parts, name).matchAll(/<Relationship ([^>]*)\/>/g)].map((m) =>
      Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
    );
    expect(new Set(rels.map((r) => r.Id)).size, name).toBe(rels.length);
    for (const rel of rels) {
      const target = dir + rel.Target;
      expect(names, `${name} → ${rel.Target}`).toContain(target);
      relationships[target] = rel.Type!;
    }
  }
  const office = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  expect(relationships).toEqual({
    'word/document.xml': `${office}/officeDocument`,
    'docProps/core.xml':
      'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
    'docProps/app.xml': `${office}/extended-properties`,
    'word/styles.xml': `${office}/styles`,
    'word/numbering.xml': `${office}/numbering`,
    'word/settings.xml': `${office}/settings`,
  });
  return parts;
}

describe('the DOCX package', () => {
  it('is checked by an XML check that does catch broken XML', () => {
    const ok =
      '<?xml version="1.0"?>\n<w:a xmlns:w="u" x=\'1\'><w:b w:c="&amp;&#xA;"/>t&lt;<!-- c --></w:a>';
    expect(xmlProblem(ok)).toBeNull();
    for (const bad of [
      '<a><b></a>',
      '<a></a><b/>',
      '<a>',
      'x<a/>',
      '<a>&nbsp;</a>',
      '<a>A & B</a>',
      '<a x="1" x="2"/>',
      '<a x=1/>',
      '<w:a/>',
      '<a w:x="1"/>',
      '<a>\u0001</a>',
      '<a>\ud800</a>',
      '<a>1 < 2</a>',
      ' <?xml version="1.0"?><a/>',
    ]) {
      expect(xmlProblem(bad), bad).not.toBeNull();
    }
  });

  it('is well-formed, typed and linked, part for part', () => {
    checkPackage(serializeStoryDocx(sampleStory()));
  });

  it('has the Word styles, an A4 section and the story’s properties', () => {
    const doc = { ...sampleStory(), title: 'Ships & <storms> "at" sea' };
    const before = Date.now();
    const parts = checkPackage(serializeStoryDocx(doc));

    const styles = text(parts, 'word/styles.xml');
    expect(attrs(styles, 'w:style', 'w:styleId')).toEqual([
      'Normal',
      'Title',
      'Heading1',
      'ListParagraph',
    ]);
    expect(styles).toMatch(
      /<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"\/>.*?<w:outlineLvl w:val="0"\/>.*?<\/w:style>/,
    );
    expect(styles).toContain('<w:docDefaults>');

    const body = text(parts, 'word/document.xml');
    expect(body).toMatch(
      /<w:sectPr><w:pgSz w:w="11906" w:h="16838"\/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"[^>]*\/><\/w:sectPr><\/w:body><\/w:document>$/,
    );
    expect(body).toContain(
      '<w:t xml:space="preserve">Ships &amp; &lt;storms&gt; &quot;at&quot; sea</w:t>',
    );

    const core = text(parts, 'docProps/core.xml');
    expect(core).toContain('<dc:title>Ships &amp; &lt;storms&gt; &quot;at&quot; sea</dc:title>');
    expect(core).toContain('<dc:creator>Beatline</dc:creator>');
    expect(core).toContain('<dc:description>Story outline exported from Beatline</dc:description>');
    for (const element of ['dcterms:created', 'dcterms:modified']) {
      const time = new RegExp(`<${element} xsi:type="dcterms:W3CDTF">([^<]+)</${element}>`).exec(
        core,
      )?.[1];
      expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Date.parse(time!)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    }
  });

  it('gives the same bytes for the same story, apart from the time in core.xml', () => {
    const a = unzip(serializeStoryDocx(sampleStory()));
    const b = unzip(serializeStoryDocx(sampleStory()));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, data] of a) {
      if (name !== 'docProps/core.xml') expect(b.get(name)!.equals(data), name).toBe(true);
    }
  });

  it('gives each event’s beats their own list instance, restarting at 1, for 5,000 beats', () => {
    const parts = checkPackage(serializeStoryDocx(bigStory(250, 20)));
    const numbering = text(parts, 'word/numbering.xml');
    const body = text(parts, 'word/document.xml');
    expect(attrs(numbering, 'w:abstractNum', 'w:abstractNumId')).toEqual(['0']);
    expect(numbering).toContain('<w:ind w:left="720" w:hanging="360"/>');
    const nums = [...numbering.matchAll(/<w:num w:numId="(\d+)">(.*?)<\/w:num>/g)];
    expect(nums.map((m) => m[1])).toEqual(Array.from({ length: 250 }, (_, i) => String(i + 1)));
    for (const [, , num] of nums) {
      expect(num).toBe(
        '<w:abstractNumId w:val="0"/>' +
          '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>',
      );
    }
    const used = attrs(body, 'w:numId', 'w:val');
    expect(used).toHaveLength(5000);
    expect(used.slice(0, 21)).toEqual([...Array<string>(20).fill('1'), '2']);
    expect(used.at(-1)).toBe('250');
    expect(body.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(250);
    expect(body.match(/<w:b\/>/g)).toHaveLength(250 * 7);
  });

  it('is a valid file for an empty story and for an event without beats', async () => {
    const empty = serializeStoryDocx({ title: '', events: [] });
    const emptyParts = checkPackage(empty);
    expect(text(emptyParts, 'word/numbering.xml')).not.toContain('<w:num ');
    const emptyHtml = await html(empty);
    expect(emptyHtml.messages).toEqual([]);
    expect(emptyHtml.value).toBe('<h1 class="title"></h1>');

    const noBeats = serializeStoryDocx({
      title: 'Only headings',
      events: [{ title: '', description: '', moments: [] }],
    });
    checkPackage(noBeats);
    const noBeatsHtml = await html(noBeats);
    expect(noBeatsHtml.messages).toEqual([]);
    expect(noBeatsHtml.value).toBe('<h1 class="title">Only headings</h1><h1>Untitled event</h1>');
  });

  it('writes tabs as Word tabs and drops U+FFFE, U+FFFF and lone surrogates', async () => {
    const doc: StoryDocument = {
      title: 'Odd \ud800 characters\uffff',
      events: [
        {
          title: 'Tabs',
          description: 'a\tb\r\nc\rd',
          moments: [{ description: 'x\udc00y\ufffe\tz 🌊', timestampOffset: 5 }],
        },
      ],
    };
    const bytes = serializeStoryDocx(doc);
    const parts = checkPackage(bytes);
    const body = text(parts, 'word/document.xml');
    expect(body).toContain('Odd  characters</w:t>');
    expect(body).toContain(
      '<w:r><w:t xml:space="preserve">a</w:t><w:tab/><w:t xml:space="preserve">b</w:t><w:br/>' +
        '<w:t xml:space="preserve">c</w:t><w:br/><w:t xml:space="preserve">d</w:t></w:r>',
    );
    expect(body).toContain(
      '<w:t xml:space="preserve">xy</w:t><w:tab/><w:t xml:space="preserve">z 🌊</w:t>',
    );
    expect(text(parts, 'docProps/core.xml')).toContain('<dc:title>Odd  characters</dc:title>');
    const result = await html(bytes);
    expect(result.messages).toEqual([]);
    expect(decode(result.value)).toContain('[0:05] xy\tz 🌊');
  });
});
