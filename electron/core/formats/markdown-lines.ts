/** Line helpers shared by the Markdown outline's reader and writer. */

/** The lines of a text, split at `\r\n`, `\r` or `\n`. */
export const splitLines = (text: string) => text.split(/\r\n|\r|\n/);
/** True for an empty line or one of spaces and tabs only. */
export const isWhitespace = (line: string) => /^[ \t]*$/.test(line);

/** Drops whitespace-only lines at both ends (a description's blank margins). */
export function trimBlankLines(lines: string[]): string[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isWhitespace(lines[start]!)) start++;
  while (end > start && isWhitespace(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}

/** Drops empty lines at the end (a beat's trailing line breaks). */
export function dropTrailingEmpty(lines: string[]): string[] {
  let end = lines.length;
  while (end > 0 && lines[end - 1] === '') end--;
  return lines.slice(0, end);
}
