/** Story files: the formats (JSON, Markdown, DOCX, Fountain) and export/import against a library. */
export * from './model';
export * from './registry';
export * from './story-files';
export { formatOffset, parseOffset } from './offsets';
export { markdownContent } from './markdown';
export { STORY_FILE_FORMAT, STORY_FILE_VERSION } from './json';
