/** Where a command writes: stdout for results, stderr for messages and usage. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

/** The real terminal. */
export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Makes text safe to print on a terminal: control characters (escape sequences) become `?`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}
