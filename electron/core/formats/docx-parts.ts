import { escapeXml, XML_DECLARATION } from './docx-xml';

/**
 * The fixed parts of the DOCX package (ECMA-376 / ISO/IEC 29500): content types, relationships,
 * styles, numbering, settings and the document properties. Only what the outline uses: no theme,
 * font table or web settings, which Word and LibreOffice supply themselves when missing.
 */

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

const RELS_CT = 'application/vnd.openxmlformats-package.relationships+xml';
const WORD_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Every part of the package but the two relationship parts, with its content type. */
export const PARTS = {
  document: {
    name: 'word/document.xml',
    contentType: `${WORD_CT}.document.main+xml`,
  },
  styles: { name: 'word/styles.xml', contentType: `${WORD_CT}.styles+xml` },
  numbering: { name: 'word/numbering.xml', contentType: `${WORD_CT}.numbering+xml` },
  settings: { name: 'word/settings.xml', contentType: `${WORD_CT}.settings+xml` },
  core: {
    name: 'docProps/core.xml',
    contentType: 'application/vnd.openxmlformats-package.core-properties+xml',
  },
  app: {
    name: 'docProps/app.xml',
    contentType: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  },
} as const;

export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const PACKAGE_RELS_PART = '_rels/.rels';
export const DOCUMENT_RELS_PART = 'word/_rels/document.xml.rels';

/** `[Content_Types].xml`: the .rels default, and an override for each other part. */
export function contentTypesXml(): string {
  const overrides = Object.values(PARTS).map(
    (part) => `<Override PartName="/${part.name}" ContentType="${part.contentType}"/>`,
  );
  return (
    XML_DECLARATION +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    `<Default Extension="rels" ContentType="${RELS_CT}"/>` +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    overrides.join('') +
    '</Types>'
  );
}

function relationshipsXml(rels: [type: string, target: string][]): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${PACKAGE_REL}">` +
    rels
      .map(
        ([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`,
      )
      .join('') +
    '</Relationships>'
  );
}

/** `_rels/.rels`: the main document and the two property parts. */
export function packageRelsXml(): string {
  return relationshipsXml([
    [`${OFFICE_REL}/officeDocument`, PARTS.document.name],
    [`${PACKAGE_REL}/metadata/core-properties`, PARTS.core.name],
    [`${OFFICE_REL}/extended-properties`, PARTS.app.name],
  ]);
}

/** `word/_rels/document.xml.rels`: targets relative to `word/`. */
export function documentRelsXml(): string {
  return relationshipsXml([
    [`${OFFICE_REL}/styles`, 'styles.xml'],
    [`${OFFICE_REL}/numbering`, 'numbering.xml'],
    [`${OFFICE_REL}/settings`, 'settings.xml'],
  ]);
}

const BODY_FONT = '<w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Arial"/>';
const HEADING_FONT = '<w:rFonts w:ascii="Calibri Light" w:hAnsi="Calibri Light" w:cs="Arial"/>';

/**
 * `word/styles.xml`: Word's own look (Calibri 11 pt body, Calibri Light headings) for the four
 * styles the outline uses. Heading 1 keeps Word's built-in name, `heading 1`, so Word and other
 * readers treat it as the real heading (navigation pane, table of contents).
 */
export function stylesXml(): string {
  return (
    XML_DECLARATION +
    `<w:styles xmlns:w="${W_NS}">` +
    '<w:docDefaults>' +
    `<w:rPrDefault><w:rPr>${BODY_FONT}<w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:rPrDefault>` +
    '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
    '</w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal">' +
    '<w:name w:val="Normal"/><w:qFormat/>' +
    '</w:style>' +
    '<w:style w:type="paragraph" w:styleId="Title">' +
    '<w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>' +
    '<w:uiPriority w:val="10"/><w:qFormat/>' +
    '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/><w:contextualSpacing/></w:pPr>' +
    `<w:rPr>${HEADING_FONT}<w:spacing w:val="-10"/><w:kern w:val="28"/>` +
    '<w:sz w:val="56"/><w:szCs w:val="56"/></w:rPr>' +
    '</w:style>' +
    '<w:style w:type="paragraph" w:styleId="Heading1">' +
    '<w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>' +
    '<w:uiPriority w:val="9"/><w:qFormat/>' +
    '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/>' +
    '<w:outlineLvl w:val="0"/></w:pPr>' +
    `<w:rPr>${HEADING_FONT}<w:color w:val="2F5496"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>` +
    '</w:style>' +
    '<w:style w:type="paragraph" w:styleId="ListParagraph">' +
    '<w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/>' +
    '<w:uiPriority w:val="34"/><w:qFormat/>' +
    '<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr>' +
    '</w:style>' +
    '</w:styles>'
  );
}

/** The one list definition every event's beats use: `1.`, `2.`, ... hanging at 0.25 in. */
const BEAT_LIST_ID = 0;

/**
 * `word/numbering.xml`: one decimal list definition, and `count` numbering instances (numIds 1
 * to `count`), each restarting at 1, so each event's beats are numbered from 1.
 */
export function numberingXml(count: number): string {
  const chunks = [
    XML_DECLARATION,
    `<w:numbering xmlns:w="${W_NS}">`,
    `<w:abstractNum w:abstractNumId="${BEAT_LIST_ID}">`,
    '<w:multiLevelType w:val="singleLevel"/>',
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>',
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>',
    '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>',
    '</w:abstractNum>',
  ];
  for (let numId = 1; numId <= count; numId++) {
    chunks.push(
      `<w:num w:numId="${numId}"><w:abstractNumId w:val="${BEAT_LIST_ID}"/>` +
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
    );
  }
  chunks.push('</w:numbering>');
  return chunks.join('');
}

/** `word/settings.xml`: half-inch tab stops and Word 2013+ layout (no compatibility mode). */
export function settingsXml(): string {
  return (
    XML_DECLARATION +
    `<w:settings xmlns:w="${W_NS}">` +
    '<w:defaultTabStop w:val="720"/>' +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" ' +
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '</w:settings>'
  );
}

/** A W3CDTF time in whole seconds, as Word writes it (`2026-03-01T12:00:00Z`). */
function w3cdtf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `docProps/core.xml`: title, creator, description, and when the file was made. */
export function coreXml(title: string, made: Date): string {
  const time = w3cdtf(made);
  return (
    XML_DECLARATION +
    '<cp:coreProperties' +
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/"' +
    ' xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title>` +
    '<dc:creator>Beatline</dc:creator>' +
    '<dc:description>Story outline exported from Beatline</dc:description>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${time}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${time}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** `docProps/app.xml`: the application that wrote the file. */
export function appXml(): string {
  return (
    XML_DECLARATION +
    '<Properties' +
    ' xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
    '<Application>Beatline</Application>' +
    '</Properties>'
  );
}
