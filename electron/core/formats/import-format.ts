import type { StoryImportFormat } from '../contract/schemas';
import { StoryFileError } from './model';

/**
 * Which reader an imported file goes to, from its content first and its name second, so a
 * Fountain or Markdown file never meets the JSON reader's "not valid JSON" (the renderer's
 * file picker sends `json` for every name it does not know). Rules in docs/story-file-format.md.
 */

/** The refusal for a Word file, whatever its name says. */
export const DOCX_IMPORT_MESSAGE =
  'Word (.docx) files can be exported but not imported; import a .beatline.json, ' +
  'Markdown (.md) or Fountain (.fountain) file.';

/** A ZIP file's first bytes (`PK\x03\x04`): a Word file, or some other archive. */
const ZIP_MAGIC = 'PK\u0003\u0004';

/** True when bytes (or text decoded from them) start like a ZIP archive, as a .docx does. */
export function looksLikeZip(data: string | Uint8Array): boolean {
  if (typeof data === 'string') return data.startsWith(ZIP_MAGIC);
  return data.length >= 4 && Buffer.from(data.subarray(0, 4)).toString('latin1') === ZIP_MAGIC;
}

/** Refuses a Word file (by its name or its ZIP bytes) with the clear message. */
export function refuseWordFile(data: string | Uint8Array, fileName?: string): void {
  if (looksLikeZip(data) || /\.docx$/i.test(fileName ?? '')) {
    throw new StoryFileError(DOCX_IMPORT_MESSAGE);
  }
}

/** The format a file name names for sure (`.txt` and unknown names say nothing). */
function formatFromName(fileName: string | undefined): StoryImportFormat | null {
  const lower = (fileName ?? '').toLowerCase();
  if (lower.endsWith('.fountain')) return 'fountain';
  if (/\.(md|markdown|mdown)$/.test(lower)) return 'md';
  if (lower.endsWith('.json')) return 'json';
  return null;
}

/**
 * The outline format text looks like, or null: a first line `Key:` (a title page) and `=`
 * synopses count for Fountain; `##` headings and list items for Markdown; more than one `#`
 * heading and no `##` is Fountain's sections; scene headings, when nothing else decides, are a
 * screenplay's. Scene headings alone never outweigh Markdown: a Markdown description may hold
 * lines like `INT. HOUSE`, and Beatline's Markdown escapes a `=` at the start of a line.
 */
export function sniffOutline(text: string): 'fountain' | 'md' | null {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const first = lines.find((line) => line.trim() !== '') ?? '';
  if (/^[A-Za-z][A-Za-z0-9 _-]{0,40}:/.test(first)) return 'fountain';
  let fountain = 0;
  let markdown = 0;
  let sections = 0;
  let scenes = 0;
  for (const line of lines) {
    if (/^=(?!=)/.test(line)) {
      fountain++;
    } else if (/^(?:int|ext|est|i\/e)[. /]/i.test(line)) {
      scenes++;
    } else if (/^#{2,6}(?:[ \t]|$)/.test(line) || /^(?:\d{1,9}[.)]|[-*+])(?:[ \t]|$)/.test(line)) {
      markdown++;
    } else if (/^#(?:[ \t]|$)/.test(line)) {
      sections++;
    }
  }
  if (fountain > markdown) return 'fountain';
  if (markdown > 0) return 'md';
  if (sections > 1 || scenes > 0) return 'fountain';
  return sections === 1 ? 'md' : null;
}

/**
 * The reader for an imported file: a Word file is refused; text that starts with `{` is JSON;
 * otherwise a `.json`, `.fountain` or `.md` name decides, then the caller's `declared` format
 * when it is an outline, then the content; a declared `json` stays only when the content looks
 * like neither outline (its JSON error is then the right one).
 */
export function chooseImportFormat(
  text: string,
  declared?: StoryImportFormat,
  fileName?: string,
): StoryImportFormat {
  refuseWordFile(text, fileName);
  if (/^\ufeff?\s*\{/.test(text)) return 'json';
  const byName = formatFromName(fileName);
  if (byName) return byName;
  if (declared === 'fountain' || declared === 'md') return declared;
  return sniffOutline(text) ?? declared ?? 'md';
}
