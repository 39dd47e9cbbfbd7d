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

type Expect = 'value' | 'first-value' | 'key' | 'first-key' | 'colon' | 'after';

/**
 * Finds the first syntax error in JSON text and says what is wrong, for the message when
 * JSON.parse fails (V8's messages do not always give a position). Iterative: any depth.
 * Returns null when the text is valid JSON.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const stack: Array<'[' | '{'> = [];
  let expect: Expect = 'value';
  let i = 0;
  const at = (reason: string): JsonSyntaxError => ({ index: i, reason });
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
    if (i >= text.length) {
      return expect === 'after' && stack.length === 0 ? null : at('the file ends too early');
    }
    const c = text[i]!;
    if (expect === 'after' && stack.length === 0) {
      return at(`unexpected ${describeChar(c)} after the end of the JSON value`);
    }
    const top = stack[stack.length - 1];
    switch (expect) {
      case 'value':
      case 'first-value': {
        if (c === ']' && expect === 'first-value') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === ']' || c === '}') {
          return at(`unexpected '${c}' (a comma before it has nothing after it?)`);
        } else if (c === '{' || c === '[') {
          stack.push(c);
          i++;
          expect = c === '{' ? 'first-key' : 'first-value';
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'after';
        } else if (c === '-' || (c >= '0' && c <= '9')) {
          NUMBER.lastIndex = i;
          if (!NUMBER.test(text)) return at('a malformed number');
          i = NUMBER.lastIndex;
          expect = 'after';
        } else {
          const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
          if (!word) return at(`unexpected ${describeChar(c)} where a value should be`);
          i += word.length;
          expect = 'after';
        }
        break;
      }
      case 'key':
      case 'first-key': {
        if (c === '}' && expect === 'first-key') {
          stack.pop();
          i++;
          expect = 'after';
        } else if (c === '"') {
          const end = scanString(text, i);
          if (typeof end !== 'number') return end;
          i = end;
          expect = 'colon';
        } else if (c === '}') {
          return at("unexpected '}' (a comma before it has nothing after it?)");
        } else {
          return at(`expected a field name in double quotes, found ${describeChar(c)}`);
        }
        break;
      }
      case 'colon': {
        if (c !== ':') return at(`expected ':' after the field name, found ${describeChar(c)}`);
        i++;
        expect = 'value';
        break;
      }
      case 'after': {
        const close = top === '{' ? '}' : ']';
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if (c === close) {
          stack.pop();
          i++;
        } else {
          return at(`expected ',' or '${close}', found ${describeChar(c)}`);
        }
        break;
      }
    }
  }
}
