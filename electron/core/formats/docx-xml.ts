/**
 * XML text for the DOCX writer: escaping, and dropping what XML 1.0 cannot hold at all (C0
 * controls other than tab, LF and CR; U+FFFE and U+FFFF; lone surrogates). Word refuses a file
 * with any of those, even as character references, so they are left out rather than encoded.
 */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/**
 * Anything that needs more than copying: markup characters, line breaks, tabs, or characters XML
 * cannot hold (surrogates are looked at more closely once one is seen).
 */
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>"\u0000-\u001f\ud800-\udfff\ufffe\uffff]/;

const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const MARKUP = /[&<>"]/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text without the characters XML 1.0 cannot hold. */
function xmlChars(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text escaped for an element's content or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return xmlChars(text).replace(MARKUP, (c) => ENTITY[c]!);
}

const T_OPEN = '<w:t xml:space="preserve">';
const T_CLOSE = '</w:t>';
const BREAK_OR_TAB = /(\n|\t)/;

/**
 * The inside of a `w:r` for a piece of text: `w:t` elements (spaces kept), line breaks
 * (`\n`, `\r\n`, `\r`) as `w:br` and tabs as `w:tab`. Empty for empty text.
 */
export function runContent(text: string): string {
  if (!NEEDS_WORK.test(text)) return text === '' ? '' : T_OPEN + text + T_CLOSE;
  const escaped = escapeXml(text.replace(/\r\n?/g, '\n'));
  if (!escaped.includes('\n') && !escaped.includes('\t')) {
    return escaped === '' ? '' : T_OPEN + escaped + T_CLOSE;
  }
  let out = '';
  for (const piece of escaped.split(BREAK_OR_TAB)) {
    if (piece === '\n') out += '<w:br/>';
    else if (piece === '\t') out += '<w:tab/>';
    else if (piece !== '') out += T_OPEN + piece + T_CLOSE;
  }
  return out;
}
