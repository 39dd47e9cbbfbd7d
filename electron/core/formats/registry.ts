import type { StoryExportFormat, StoryImportFormat } from '../contract/schemas';
import { serializeStoryDocx } from './docx';
import { serializeStoryFountain } from './fountain';
import { parseStoryFountain } from './fountain-import';
import { chooseImportFormat } from './import-format';
import { parseStoryJson, serializeStoryJson } from './json';
import { parseStoryMarkdown, serializeStoryMarkdown } from './markdown';
import { StoryFileError, checkStoryFileSize, type StoryDocument } from './model';

export type { StoryExportFormat, StoryImportFormat };

interface FormatInfo {
  /** Ends the file name; `.beatline.json` keeps story files apart from other JSON. */
  extension: string;
  mimeType: string;
  /** A readable name for menus and messages. */
  label: string;
}

/** What each story file format is called and how it is served. */
export const STORY_FORMATS: Record<StoryExportFormat, FormatInfo> = {
  json: { extension: '.beatline.json', mimeType: 'application/json', label: 'Beatline story file' },
  md: { extension: '.md', mimeType: 'text/markdown; charset=utf-8', label: 'Markdown outline' },
  docx: {
    extension: '.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word outline',
  },
  fountain: {
    extension: '.fountain',
    mimeType: 'text/plain; charset=utf-8',
    label: 'Fountain outline',
  },
};

export interface SerializeOptions {
  /** The `exportedAt` of a JSON story file (default: now). */
  exportedAt?: string;
}

/** A story in one format: text for JSON, Markdown and Fountain, bytes for DOCX. */
export function serializeStory(
  doc: StoryDocument,
  format: StoryExportFormat,
  options: SerializeOptions = {},
): string | Buffer {
  switch (format) {
    case 'json':
      return serializeStoryJson(doc, options.exportedAt);
    case 'md':
      return serializeStoryMarkdown(doc);
    case 'docx':
      return serializeStoryDocx(doc);
    case 'fountain':
      return serializeStoryFountain(doc);
  }
}

export interface ParseOptions {
  /**
   * The file's name: it helps pick the reader, and an outline without a title (`#` or
   * `Title:`) takes its title from it.
   */
  fileName?: string;
}

/**
 * Reads and validates a whole story file (size cap first, then syntax and every field).
 * Throws a StoryFileError that names the first problem and where it is.
 */
export function parseStory(
  format: StoryImportFormat,
  text: string,
  options: ParseOptions = {},
): StoryDocument {
  checkStoryFileSize(Buffer.byteLength(text, 'utf8'));
  // Nothing but blanks (a 0-byte file, a cloud-sync placeholder): no story, not an empty one.
  if (/^\ufeff?\s*$/.test(text)) {
    throw new StoryFileError('the file is empty: there is no story in it.');
  }
  // The content and the name pick the reader; `format` is the caller's guess (import-format.ts).
  const chosen = chooseImportFormat(text, format, options.fileName); // refuses a Word file
  // No story holds a NUL (text refuses control characters): UTF-16 without its mark, or binary.
  if (text.includes('\u0000')) {
    throw new StoryFileError(
      'the file holds NUL bytes, so it is not UTF-8 text (a UTF-16 or binary file?): ' +
        'save it as UTF-8 and import it again.',
    );
  }
  if (chosen === 'json') return parseStoryJson(text);
  const fallbackTitle = titleFromFileName(options.fileName);
  if (chosen === 'fountain') return parseStoryFountain(text, { fallbackTitle });
  return parseStoryMarkdown(text, { fallbackTitle });
}

/**
 * True when a file name ends in an extension (`.rtf`, `.mp3`): up to 10 letters and digits,
 * at least one a letter, so "Draft v1.2" has none and is read by its content.
 */
export function hasExtension(name: string): boolean {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(name)?.[1];
  return ext !== undefined && /[A-Za-z]/.test(ext);
}

/** The import format a file name suggests (`.json`, `.md`, `.markdown`, `.txt`, `.fountain`), or null. */
export function importFormatFromName(name: string): StoryImportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.fountain')) return 'fountain';
  if (/\.(md|markdown|mdown|txt)$/.test(lower)) return 'md';
  return null;
}

/** The export format a file name suggests, or null. */
export function exportFormatFromName(name: string): StoryExportFormat | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.docx')) return 'docx';
  return importFormatFromName(name);
}

/** A story title from a file name (`My Story.md` gives `My Story`), or undefined. */
function titleFromFileName(fileName: string | undefined): string | undefined {
  if (fileName === undefined) return undefined;
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const title = base
    .replace(/(\.beatline)?\.[A-Za-z0-9]{1,10}$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return title === '' ? undefined : [...title].slice(0, 100).join('');
}

// Characters no file system or shell should see in a name, plus bidi controls that could
// disguise an extension (`story\u202Excod.exe`).
const UNSAFE_IN_NAMES =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** Name bytes before the extension; leaves room under the usual 255-byte limit. */
const MAX_BASE_BYTES = 180;

/**
 * A file name for a story that is safe on Windows, macOS and Linux: the title without path
 * separators, reserved characters or bidi controls, cut to fit, plus the format's extension
 * (`My Story.beatline.json`). An empty result becomes `Untitled story`.
 */
export function safeFileName(title: string, format: StoryExportFormat): string {
  const cleaned = title
    .normalize('NFC')
    .replace(UNSAFE_IN_NAMES, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  let base = '';
  let bytes = 0;
  for (const char of cleaned) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > MAX_BASE_BYTES) break;
    base += char;
  }
  base = base.replace(/[\s.]+$/, '');
  if (base === '') base = 'Untitled story';
  if (WINDOWS_RESERVED.test(base)) base = `${base} story`;
  return base + STORY_FORMATS[format].extension;
}
