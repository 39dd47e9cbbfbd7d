import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type File,
} from 'docx';
import { UNTITLED_EVENT, type StoryDocument } from './model';
import { formatOffset } from './offsets';
import { zipSync } from './zip';

/**
 * The DOCX outline, built with the `docx` package: the story title (Title style), a Heading 1
 * per event, the event's description as body paragraphs, and its beats as a real Word numbered
 * list (restarting at 1 in each event) with the time in bold before beats that have one.
 */

const BEAT_LIST = 'beatline-beats';

/** Text runs for one paragraph: line breaks inside it become Word line breaks. */
function runs(text: string, first: TextRun[] = []): TextRun[] {
  const lines = text.split(/\r\n|\r|\n/);
  return [...first, ...lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }))];
}

/** A description's paragraphs: blank lines separate them. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

/** The `docx` document object for a story (the package's model; not yet bytes). */
export function buildDocxDocument(doc: StoryDocument): File {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
  ];
  doc.events.forEach((event, index) => {
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun(event.title || UNTITLED_EVENT)],
      }),
    );
    for (const paragraph of paragraphs(event.description)) {
      children.push(new Paragraph({ children: runs(paragraph) }));
    }
    for (const moment of event.moments) {
      const time =
        moment.timestampOffset === null
          ? []
          : [new TextRun({ text: `[${formatOffset(moment.timestampOffset)}] `, bold: true })];
      children.push(
        new Paragraph({
          numbering: { reference: BEAT_LIST, level: 0, instance: index },
          children: runs(moment.description, time),
        }),
      );
    }
  });
  return new Document({
    title: doc.title,
    creator: 'Beatline',
    description: 'Story outline exported from Beatline',
    numbering: {
      config: [
        {
          reference: BEAT_LIST,
          levels: [
            {
              level: 0,
              format: LevelFormat.DECIMAL,
              text: '%1.',
              alignment: AlignmentType.START,
              style: { paragraph: { indent: { left: 720, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [{ children }],
  });
}

interface DocxCompiler {
  compile(file: File): Map<string, string | Uint8Array>;
}

/**
 * `Packer` only offers promises, but the channel table answers synchronously. Its compiler,
 * which makes the package's parts, is synchronous: use it and zip the parts here. A test
 * checks the result against `Packer.toBuffer`, so a docx update that moves it is caught.
 */
function docxCompiler(): DocxCompiler {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') {
    throw new Error(
      'this version of the docx package has no synchronous Packer.compiler; ' +
        'see electron/core/formats/docx.ts',
    );
  }
  return compiler as DocxCompiler;
}

/** Writes a story as a .docx file (bytes). */
export function serializeStoryDocx(doc: StoryDocument): Buffer {
  return zipSync(docxCompiler().compile(buildDocxDocument(doc)));
}
