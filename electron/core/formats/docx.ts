import {
  appXml,
  CONTENT_TYPES_PART,
  contentTypesXml,
  coreXml,
  DOCUMENT_RELS_PART,
  documentRelsXml,
  numberingXml,
  PACKAGE_RELS_PART,
  packageRelsXml,
  PARTS,
  settingsXml,
  stylesXml,
  W_NS,
} from './docx-parts';
import { runContent, XML_DECLARATION } from './docx-xml';
import { UNTITLED_EVENT, type StoryDocument } from './model';
import { linkLinesOf, phraseLink } from './link-phrase';
import { formatOffset } from './offsets';
import { zipSync } from './zip';

/**
 * The DOCX outline, written directly as WordprocessingML: the story title (Title style), a
 * Heading 1 per event, the event's description as body paragraphs, and its beats as a real Word
 * numbered list (restarting at 1 in each event) with the time in bold before beats that have
 * one, and under a beat each link it leaves as a short italic line (link-phrase.ts). The body
 * is one string built from chunks joined once, so a story of 100,000 beats costs
 * its text and the zipped bytes, not an object per paragraph. Fixed parts are in docx-parts.ts.
 */

/** A4 portrait with 1 in margins (twentieths of a point). */
const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"' +
  ' w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';

const BOLD = '<w:rPr><w:b/><w:bCs/></w:rPr>';
/** A link's line: in the list's indent, unnumbered, italic. */
const LINK_PARAGRAPH = '<w:p><w:pPr><w:pStyle w:val="ListParagraph"/></w:pPr>';
const ITALIC = '<w:rPr><w:i/><w:iCs/></w:rPr>';

/** A run holding the text (line breaks and tabs inside it), or nothing for empty text. */
function run(text: string): string {
  const content = runContent(text);
  return content === '' ? '' : `<w:r>${content}</w:r>`;
}

function styledParagraph(styleId: string, text: string): string {
  return `<w:p><w:pPr><w:pStyle w:val="${styleId}"/></w:pPr>${run(text)}</w:p>`;
}

/** A description's paragraphs: blank lines separate them. */
function paragraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '');
}

/** `word/document.xml`, and how many numbered lists (events with beats) it uses. */
function documentXml(doc: StoryDocument): { xml: string; lists: number } {
  const chunks: string[] = [
    XML_DECLARATION,
    `<w:document xmlns:w="${W_NS}"><w:body>`,
    styledParagraph('Title', doc.title),
  ];
  let lists = 0;
  const linksOf = linkLinesOf(doc);
  for (const [e, event] of doc.events.entries()) {
    chunks.push(styledParagraph('Heading1', event.title || UNTITLED_EVENT));
    for (const paragraph of paragraphs(event.description)) {
      chunks.push('<w:p>', run(paragraph), '</w:p>');
    }
    if (event.moments.length === 0) continue;
    // Each event's beats are their own list instance (numId), which restarts at 1.
    lists += 1;
    const listItem =
      '<w:p><w:pPr><w:pStyle w:val="ListParagraph"/>' +
      `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${lists}"/></w:numPr></w:pPr>`;
    for (const [m, moment] of event.moments.entries()) {
      chunks.push(listItem);
      if (moment.timestampOffset !== null) {
        const time = `[${formatOffset(moment.timestampOffset)}] `;
        chunks.push(`<w:r>${BOLD}<w:t xml:space="preserve">${time}</w:t></w:r>`);
      }
      chunks.push(run(moment.description), '</w:p>');
      for (const link of linksOf(e, m)) {
        const text = phraseLink(link) + (link.note.trim() === '' ? '' : ` — ${link.note.trim()}`);
        chunks.push(LINK_PARAGRAPH, `<w:r>${ITALIC}${runContent(text)}</w:r></w:p>`);
      }
    }
  }
  chunks.push(SECTION, '</w:body></w:document>');
  return { xml: chunks.join(''), lists };
}

/** Writes a story as a .docx file (bytes). Only docProps/core.xml changes from run to run. */
export function serializeStoryDocx(doc: StoryDocument): Buffer {
  const { xml, lists } = documentXml(doc);
  const parts = new Map<string, string>([
    [CONTENT_TYPES_PART, contentTypesXml()],
    [PACKAGE_RELS_PART, packageRelsXml()],
    [PARTS.document.name, xml],
    [DOCUMENT_RELS_PART, documentRelsXml()],
    [PARTS.styles.name, stylesXml()],
    [PARTS.numbering.name, numberingXml(lists)],
    [PARTS.settings.name, settingsXml()],
    [PARTS.core.name, coreXml(doc.title, new Date())],
    [PARTS.app.name, appXml()],
  ]);
  return zipSync(parts);
}
