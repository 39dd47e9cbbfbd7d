import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import type { StoryDocument } from '../../electron/core/formats/model';

export const GOLDEN_DIR = resolve(import.meta.dirname, '..', 'fixtures', 'story-files');
export const BIN = resolve(import.meta.dirname, '..', '..', 'bin', 'beatline.mjs');

/** A parsed JSON file that a test edits freely: paths into it are not type-checked. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EditableJson = Record<string, any>;

/** The `exportedAt` of the golden JSON file. */
export const GOLDEN_EXPORTED_AT = '2026-03-01T12:00:00.000Z';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number) =>
  `2026-02-0${1 + (minute % 9)}T09:${String(minute).padStart(2, '0')}:00.000Z`;

function beat(n: number, description: string, timestampOffset: number | null = null) {
  return { id: id(1000 + n), description, timestampOffset, createdAt: at(n), updatedAt: at(n + 1) };
}

/**
 * The golden story: every awkward case the outlines must carry (Unicode, multi-line beats,
 * text that looks like Markdown structure, offsets with fractions and hours, an untitled event,
 * an empty event, ten beats and more) with fixed ids and times.
 */
export function sampleStory(): StoryDocument {
  return {
    id: id(1),
    title: 'The Lighthouse — Léa’s return',
    createdAt: '2026-01-31T09:30:00.000Z',
    updatedAt: '2026-02-14T18:05:00.000Z',
    events: [
      {
        id: id(11),
        title: 'Arrival',
        description:
          'The keeper’s daughter comes home after ten years.\n\n' +
          '# Not a heading: a line that starts with a hash.\n' +
          '1. Not a beat either.\n' +
          '- nor a bullet',
        createdAt: at(1),
        updatedAt: at(2),
        moments: [
          beat(1, 'The boat lands at dawn', 0),
          beat(2, 'She climbs the 131 stairs\nand counts every one\n\n    (indented note)', 30),
          beat(3, '[1:00] is written on the wall', 90.5),
          beat(4, '# The lamp room door is locked'),
          beat(5, '2. Her father is not there', 3723.25),
          beat(6, ''),
          beat(7, '\\ a backslash, and *stars*, _underscores_ and <tags> & ampersands'),
        ],
      },
      {
        id: id(12),
        title: '',
        description: 'An untitled scene: 日本語のテキスト, עברית, emoji 🌊🗼.',
        createdAt: at(3),
        updatedAt: at(4),
        moments: Array.from({ length: 11 }, (_, i) =>
          beat(
            10 + i,
            i === 10 ? 'Eleventh beat\ncontinued under a wider number' : `Wave ${i + 1}`,
            i * 7.125,
          ),
        ),
      },
      {
        id: id(13),
        title: 'Storm [[note]] /* not boneyard */',
        description: '',
        createdAt: at(5),
        updatedAt: at(6),
        moments: [],
      },
    ],
  };
}

/** Compares text or bytes with a golden file; `UPDATE_GOLDENS=1` rewrites the file instead. */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_DIR, name);
  if (process.env.UPDATE_GOLDENS === '1') writeFileSync(path, actual);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

export function readGolden(name: string): string {
  return readFileSync(join(GOLDEN_DIR, name), 'utf8');
}

/** The entries of a ZIP file (deflate or stored), read from its central directory. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip file');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(p + 10);
    const packedSize = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    const dataStart =
      localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const packed = zip.subarray(dataStart, dataStart + packedSize);
    files.set(name, method === 8 ? inflateRawSync(packed) : Buffer.from(packed));
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/**
 * Why a string is not a well-formed, namespace-well-formed XML document, or null if it is: one
 * root element, tags nested and closed, attributes quoted and not repeated, only the five
 * predefined entities and character references, only characters XML 1.0 allows, and every
 * prefix declared. Enough to catch what makes Word refuse a part; no DTDs.
 */
export function xmlProblem(xml: string): string | null {
  const badChar =
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
  if (badChar.test(xml)) return 'a character XML 1.0 cannot hold';
  const name = '[A-Za-z_][\\w.-]*(?::[A-Za-z_][\\w.-]*)?';
  const entities = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const token = new RegExp(
    `<\\?xml\\s[^?]*\\?>|<!--[\\s\\S]*?-->|</(${name})\\s*>|<(${name})((?:\\s+${name}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>|<|[^<]+`,
    'gy',
  );
  const attribute = new RegExp(`(${name})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
  const open: { tag: string; prefixes: Set<string> }[] = [];
  let roots = 0;
  const declared = (prefix: string) =>
    prefix === 'xml' || open.some((element) => element.prefixes.has(prefix));
  for (const m of xml.matchAll(token)) {
    const [text, closing, tag, attrs = '', selfClosing] = m;
    if (text === '<') return `a stray < at ${m.index}`;
    if (text.startsWith('<?xml')) {
      if (m.index !== 0) return 'an XML declaration not at the start';
    } else if (closing !== undefined) {
      if (open.pop()?.tag !== closing) return `</${closing}> does not close the open element`;
    } else if (tag !== undefined) {
      if (open.length === 0 && ++roots > 1) return `a second root element <${tag}>`;
      const seen = new Set<string>();
      const prefixes = new Set<string>();
      const names: string[] = [tag];
      for (const [, attr, v1, v2] of attrs.matchAll(attribute)) {
        if (seen.has(attr!)) return `<${tag}> repeats ${attr}`;
        seen.add(attr!);
        if (entities.test(v1 ?? v2 ?? '')) return `a bad entity in ${attr} of <${tag}>`;
        if (attr!.startsWith('xmlns:')) prefixes.add(attr!.slice(6));
        else names.push(attr!);
      }
      open.push({ tag, prefixes });
      for (const n of names) {
        const prefix = n.includes(':') ? n.split(':')[0]! : null;
        if (prefix !== null && !declared(prefix)) return `the prefix of ${n} is not declared`;
      }
      if (selfClosing) open.pop();
    } else if (!text.startsWith('<!--')) {
      if (open.length === 0 && text.trim() !== '') return 'text outside the root element';
      if (entities.test(text)) return `a bad entity or bare & in text at ${m.index}`;
      if (text.includes(']]>')) return ']]> in text';
    }
  }
  if (open.length > 0) return `<${open.at(-1)!.tag}> is never closed`;
  return roots === 1 ? null : 'no root element';
}

export interface SpawnResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the real CLI asynchronously with bytes on stdout (for binary output). */
export function runCliBytes(
  args: string[],
  options: { home: string; cwd?: string },
): Promise<SpawnResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: {
        ...process.env,
        HOME: options.home,
        XDG_CONFIG_HOME: join(options.home, '.config'),
        BEATLINE_DB: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolvePromise({ code, signal, stdout: Buffer.concat(out), stderr: err }),
    );
  });
}
