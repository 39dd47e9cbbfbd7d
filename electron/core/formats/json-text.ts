/**
 * JSON text checks that run without recursion, so a stray byte in 50 MB is reported quickly
 * with a line and column. (Nesting and sizes are bounded before parsing: json-scan.ts.)
 */

/** `line 3, column 14` for a UTF-16 index into `text`. */
export function lineAndColumn(text: string, index: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${index - lineStart + 1}`;
}

/** The index of the quote that closes the JSON string opening at `start`, or -1. */
export function stringEnd(text: string, start: number): number {
  for (let j = text.indexOf('"', start + 1); j !== -1; j = text.indexOf('"', j + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(j - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return j;
  }
  return -1;
}

/** A field name as JSON.parse reads it (escapes decoded), from its quotes at `start`, `end`. */
export function fieldNameAt(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return raw;
  }
}

export interface JsonSyntaxError {
  index: number;
  reason: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const HEX4 = /[0-9a-fA-F]{4}/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't', 'u']);

function describeChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code < 0x20 || code === 0x7f
    ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    : `'${String.fromCodePoint(code)}'`;
}

/** Returns the index after a string starting at `start` (a quote), or the error in it. */
function scanString(text: string, start: number): number | JsonSyntaxError {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) break;
      if (!ESCAPES.has(e)) return { index: i, reason: `unknown escape \\${e} in a string` };
      if (e === 'u') {
        HEX4.lastIndex = i + 2;
        if (!HEX4.test(text)) return { index: i, reason: '\\u must be followed by 4 hex digits' };
        i += 4;
      }
      i++;
    } else if (c.charCodeAt(0) < 0x20) {
      return {
        index: i,
        reason: `${describeChar(c)} inside a string (line breaks in text are written \\n)`,
      };
    }
  }
  return { index: start, reason: 'a string that is never closed (a missing ")' };
}

/** What may come next: a value, a field name (first: the container may close), `:`, or `,`. */
type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after';

/**
 * Finds the first syntax error in JSON text and says what is wrong, for the message when
 * JSON.parse fails (V8's messages do not always give a position). Iterative: any depth.
 * Returns null when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scan = new SyntaxScan(text);
  for (;;) {
    const c = scan.skipWhitespace();
    if (c === undefined) return scan.atEnd();
    const error = scan.read(c);
    if (error) return error;
  }
}

/**
 * The running state of findJsonSyntaxError: where it is, the open lists and objects, and
 * what may come next. Each read method takes the token at `i` and moves past it, or returns
 * the error it found there.
 */
class SyntaxScan {
  private readonly text: string;
  private readonly stack: Array<'[' | '{'> = [];
  private expect: Expect = 'value';
  private i = 0;

  constructor(text: string) {
    this.text = text;
  }

  /** Moves past whitespace; the character reached, or undefined at the end of the text. */
  skipWhitespace(): string | undefined {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
    return this.text[this.i];
  }

  /** At the end of the text: null when one whole value was read. */
  atEnd(): JsonSyntaxError | null {
    return this.expect === 'after' && this.stack.length === 0
      ? null
      : this.at('the file ends too early');
  }

  /** Reads the token starting with `c`, by what may come next. */
  read(c: string): JsonSyntaxError | undefined {
    if (this.expect === 'after' && this.stack.length === 0) {
      return this.at(`unexpected ${describeChar(c)} after the end of the JSON value`);
    }
    switch (this.expect) {
      case 'value':
      case 'first-value':
        return this.readValue(c);
      case 'key':
      case 'first-key':
        return this.readKey(c);
      case 'colon':
        return this.readColon(c);
      case 'after':
        return this.readAfterValue(c);
    }
  }

  private readValue(c: string): JsonSyntaxError | undefined {
    if (c === ']' && this.expect === 'first-value') return this.close();
    if (c === ']' || c === '}') {
      return this.at(`unexpected '${c}' (a comma before it has nothing after it?)`);
    }
    if (c === '{' || c === '[') {
      this.stack.push(c);
      this.i++;
      this.expect = c === '{' ? 'first-key' : 'first-value';
      return;
    }
    if (c === '"') return this.readString('after');
    if (c === '-' || (c >= '0' && c <= '9')) return this.readNumber();
    const word = ['true', 'false', 'null'].find((w) => this.text.startsWith(w, this.i));
    if (!word) return this.at(`unexpected ${describeChar(c)} where a value should be`);
    this.i += word.length;
    this.expect = 'after';
  }

  private readKey(c: string): JsonSyntaxError | undefined {
    if (c === '}' && this.expect === 'first-key') return this.close();
    if (c === '"') return this.readString('colon');
    if (c === '}') return this.at("unexpected '}' (a comma before it has nothing after it?)");
    return this.at(`expected a field name in double quotes, found ${describeChar(c)}`);
  }

  private readColon(c: string): JsonSyntaxError | undefined {
    if (c !== ':') return this.at(`expected ':' after the field name, found ${describeChar(c)}`);
    this.i++;
    this.expect = 'value';
  }

  /** After a value inside a list or object: `,` or the bracket that closes it. */
  private readAfterValue(c: string): JsonSyntaxError | undefined {
    const top = this.stack[this.stack.length - 1];
    const close = top === '{' ? '}' : ']';
    if (c === close) return this.close();
    if (c !== ',') return this.at(`expected ',' or '${close}', found ${describeChar(c)}`);
    this.i++;
    this.expect = top === '{' ? 'key' : 'value';
  }

  /** Moves past the bracket that closes the innermost list or object. */
  private close(): undefined {
    this.stack.pop();
    this.i++;
    this.expect = 'after';
  }

  /** A string (a value or a field name), then `next`. */
  private readString(next: Expect): JsonSyntaxError | undefined {
    const end = scanString(this.text, this.i);
    if (typeof end !== 'number') return end;
    this.i = end;
    this.expect = next;
  }

  private readNumber(): JsonSyntaxError | undefined {
    NUMBER.lastIndex = this.i;
    if (!NUMBER.test(this.text)) return this.at('a malformed number');
    this.i = NUMBER.lastIndex;
    this.expect = 'after';
  }

  private at(reason: string): JsonSyntaxError {
    return { index: this.i, reason };
  }
}
