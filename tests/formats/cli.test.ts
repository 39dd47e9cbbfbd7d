import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoryJson, serializeStoryJson } from '../../electron/core/formats/json';
import { storyContent } from '../../electron/core/formats/model';
import { importStoryDocument } from '../../electron/core/formats/story-files';
import { openLibrary } from '../../electron/core/library';
import { main } from '../../electron/cli/main';
import { dumpDatabase } from '../helpers/library';
import { tempDir } from '../cli/helpers';
import { BIN, readGolden, runCliBytes, sampleStory, type EditableJson } from './helpers';

/**
 * The export and import commands. The main paths run end to end through the real bin (tsx, a
 * fresh process); the many failure cases call the same `main` in this process, which is much
 * faster and just as real apart from the process around it.
 */

let tmp: ReturnType<typeof tempDir>;
let db: string;
const TITLE = sampleStory().title;

beforeAll(async () => {
  tmp = tempDir();
  db = join(tmp.dir, 'library.db');
  const lib = await openLibrary(db);
  try {
    importStoryDocument(lib.db, parseStoryJson(readGolden('lighthouse.beatline.json')));
    for (let i = 0; i < 2; i++) {
      importStoryDocument(lib.db, { title: 'Twins', events: [] });
    }
  } finally {
    lib.close();
  }
});
afterAll(() => tmp.remove());

const cli = (args: string[]) => runCliBytes(args, { home: tmp.dir, cwd: tmp.dir });
const text = async (args: string[]) => {
  const r = await cli(args);
  return { code: r.code, stdout: r.stdout.toString('utf8'), stderr: r.stderr };
};

/** `main` in this process with captured output; relative paths are made absolute first. */
async function inProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(
    args,
    { out: (t) => void (stdout += t), err: (t) => void (stderr += t) },
    { BEATLINE_DB: '', HOME: tmp.dir },
  );
  return { code, stdout, stderr };
}

function dump(path: string): string {
  const handle = new Database(path, { fileMustExist: true });
  try {
    return dumpDatabase(handle);
  } finally {
    handle.close();
  }
}

const withoutIdsAndTimes = (json: string) =>
  JSON.stringify(JSON.parse(json), (key, value: unknown) =>
    ['id', 'createdAt', 'updatedAt', 'exportedAt'].includes(key) ? undefined : value,
  );

describe('beatline export', () => {
  it('writes each format: named after the title by default, to --out, or to stdout', async () => {
    const [byDefault, stdoutDocx] = await Promise.all([
      text(['export', '--db', db, '--story', TITLE]),
      cli(['export', '--db', db, '--story', TITLE, '--format', 'docx', '--out', '-']),
    ]);
    const md = await inProcess([
      'export',
      '--db',
      db,
      '--story',
      TITLE,
      '--format',
      'md',
      '--out',
      join(tmp.dir, 'out', '..', 'story.md'),
    ]);
    const fountain = await inProcess([
      'export',
      '--db',
      db,
      '--story',
      TITLE.toUpperCase(),
      '--out',
      join(tmp.dir, 'story.fountain'),
    ]);
    const stdoutMd = await inProcess([
      'export',
      '--db',
      db,
      '--story',
      TITLE,
      '--format',
      'md',
      '--out',
      '-',
    ]);
    for (const run of [byDefault, md, fountain, stdoutMd]) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
    }
    const defaultName = `${TITLE}.beatline.json`;
    expect(byDefault.stdout).toBe(
      `Exported ${JSON.stringify(TITLE)} to ${join(tmp.dir, defaultName)} (3 events, 18 beats).\n`,
    );
    expect(withoutIdsAndTimes(readFileSync(join(tmp.dir, defaultName), 'utf8'))).toBe(
      withoutIdsAndTimes(readGolden('lighthouse.beatline.json')),
    );
    expect(readFileSync(join(tmp.dir, 'story.md'), 'utf8')).toBe(readGolden('lighthouse.md'));
    expect(readFileSync(join(tmp.dir, 'story.fountain'), 'utf8')).toBe(
      readGolden('lighthouse.fountain'),
    );
    expect(stdoutMd.stdout).toBe(readGolden('lighthouse.md'));

    expect(stdoutDocx.code).toBe(0);
    expect(stdoutDocx.stdout.subarray(0, 2).toString()).toBe('PK');
    const html = (await mammoth.convertToHtml({ buffer: stdoutDocx.stdout })).value;
    expect(html).toContain('<h1>Arrival</h1>');
    expect(readdirSync(tmp.dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails with exit 1 for an unknown story, an ambiguous title or a missing library', async () => {
    const unknown = await inProcess(['export', '--db', db, '--story', 'Nope']);
    const twins = await inProcess(['export', '--db', db, '--story', 'twins', '--format', 'md']);
    const missing = await inProcess(['export', '--db', join(tmp.dir, 'none.db'), '--story', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe(
      `beatline export: No story with the id or title "Nope" in ${db} (\`beatline list\` shows them).\n`,
    );
    expect(twins.code).toBe(1);
    expect(twins.stderr).toMatch(
      /^beatline export: 2 stories are titled "Twins": give one of their ids with --story: [0-9a-f-]{36} \(updated .*\); [0-9a-f-]{36} \(updated/,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^beatline export: No Beatline library at/);
    expect(existsSync(join(tmp.dir, 'none.db'))).toBe(false);
  });

  it('gives usage errors exit 2', async () => {
    const runs = [
      await text(['export', '--db', db]),
      await inProcess(['export', '--db', db, '--story', TITLE, '--format', 'pdf']),
      await inProcess(['import', '--db', db]),
      await inProcess(['import', '--db', db, 'notes.rtf']),
    ];
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2]);
    expect(runs[0]!.stderr).toMatch(/^beatline: export needs --story REF/);
    expect(runs[1]!.stderr).toMatch(
      /^beatline: unknown format "pdf": use json, md, docx, fountain/,
    );
    expect(runs[2]!.stderr).toMatch(/^beatline: import needs PATH/);
    expect(runs[3]!.stderr).toMatch(/^beatline: cannot tell the format of notes.rtf/);
    for (const run of runs) expect(run.stderr).toContain('Usage: beatline');
  });

  it('a kill mid-export leaves the old file or the whole new one, never a part', async () => {
    const big = join(tmp.dir, 'big.db');
    const lib = await openLibrary(big);
    const doc = {
      title: 'Big',
      events: Array.from({ length: 100 }, (_, e) => ({
        title: `E${e}`,
        description: 'x'.repeat(2000),
        moments: Array.from({ length: 80 }, (_, m) => ({
          description: `beat ${m} ${'y'.repeat(300)}`,
          timestampOffset: m,
        })),
      })),
    };
    const { id } = importStoryDocument(lib.db, doc);
    lib.close();
    const out = join(tmp.dir, 'big.beatline.json');
    writeFileSync(out, 'the old file');
    const child = spawn(
      process.execPath,
      [BIN, 'export', '--db', big, '--story', id, '--out', out],
      {
        stdio: 'ignore',
        env: { ...process.env, HOME: tmp.dir, BEATLINE_DB: '' },
      },
    );
    let exited = false;
    const done = new Promise((r) => child.on('exit', r)).then(() => (exited = true));
    // Kill as soon as the temp file appears: during the write, the flush or the rename.
    let sawTemp = false;
    while (!exited && !sawTemp) {
      sawTemp = readdirSync(tmp.dir).some((n) => n.startsWith('.big.beatline.json.'));
      if (!sawTemp) await new Promise((r) => setTimeout(r, 1));
    }
    child.kill('SIGKILL');
    await done;
    const now = readFileSync(out, 'utf8');
    if (now !== 'the old file') {
      expect(storyContent(parseStoryJson(now))).toEqual(storyContent(doc));
    }
  });
});

describe('beatline import', () => {
  it('imports a story file and a Markdown outline as new stories', async () => {
    const md = join(tmp.dir, 'draft.md');
    writeFileSync(md, '# Draft\n\n## Opening\n\n1. [0:30] She wakes\n2. The phone rings\n');
    const golden = join(tmp.dir, 'golden.beatline.json');
    writeFileSync(golden, readGolden('lighthouse.beatline.json'));
    // The library already holds this title (beforeAll): --copy adds it beside as a copy.
    const fromJson = await text(['import', '--db', db, '--copy', golden]);
    const fromMd = await inProcess(['import', '--db', db, '--json', md]);
    expect(fromJson.stderr).toBe('');
    expect(fromJson.code).toBe(0);
    expect(fromJson.stdout).toMatch(
      new RegExp(
        `^Imported "${TITLE} \\(copy( \\d+)?\\)" as [0-9a-f-]{36} \\(3 events, 18 beats\\)\\.\\n$`,
      ),
    );
    expect(fromMd.code).toBe(0);
    expect(JSON.parse(fromMd.stdout)).toMatchObject({
      title: 'Draft',
      eventCount: 1,
      beatCount: 2,
    });
  });

  it('a story at the limits, full of what each format escapes, exports and imports back in every text format', async () => {
    const beat = `${'x'.repeat(19_990)}[[Mara]]`;
    const title = `*${'[['.repeat(99)}x`;
    const doc = {
      title,
      events: [
        {
          title,
          description: '\\*'.repeat(10_000),
          moments: [
            { description: beat, timestampOffset: 1.5 },
            { description: ' '.repeat(20_000), timestampOffset: null },
            { description: '/*'.repeat(10_000), timestampOffset: null },
          ],
        },
      ],
    };
    const source = join(tmp.dir, 'limits.beatline.json');
    writeFileSync(source, serializeStoryJson(doc));
    for (const ext of ['fountain', 'md', 'beatline.json']) {
      // Two libraries per format: the title stays free, so the story comes back as it was.
      const [one, two] = [1, 2].map((n) => join(tmp.dir, `limits-${ext}-${n}.db`));
      const [out, again] = [join(tmp.dir, `limits.${ext}`), join(tmp.dir, `limits-again.${ext}`)];
      const roundTrip = async (library: string, from: string, to: string) => {
        expect(await inProcess(['migrate', '--db', library]), ext).toMatchObject({ code: 0 });
        const imported = await inProcess(['import', '--db', library, '--json', from]);
        expect(imported, ext).toMatchObject({ code: 0, stderr: '' });
        const { id } = JSON.parse(imported.stdout) as { id: string };
        const exported = await inProcess(['export', '--db', library, '--story', id, '--out', to]);
        expect(exported, ext).toMatchObject({ code: 0, stderr: '' });
      };
      await roundTrip(one!, source, out);
      await roundTrip(two!, out, again);
      const [a, b] = [readFileSync(out, 'utf8'), readFileSync(again, 'utf8')];
      if (ext === 'beatline.json') expect(withoutIdsAndTimes(b)).toBe(withoutIdsAndTimes(a));
      else expect(b, ext).toBe(a);
    }
  });

  it('an imported story is one undoable step of the library, as in the app', async () => {
    const md = join(tmp.dir, 'undoable.md');
    writeFileSync(md, '# Undoable\n\n## Opening\n\n1. She wakes\n');
    const imported = await inProcess(['import', '--db', db, '--json', md]);
    expect(imported.code).toBe(0);
    const { id } = JSON.parse(imported.stdout) as { id: string };
    const lib = await openLibrary(db);
    try {
      const state = lib.dispatcher.call('history:state', { storyId: null });
      expect(state).toMatchObject({
        ok: true,
        value: { undo: { label: expect.stringMatching(/Undoable/) } },
      });
      expect(lib.dispatcher.call('history:undo', { storyId: null })).toMatchObject({ ok: true });
      expect(lib.dispatcher.call('stories:get', { storyId: id })).toMatchObject({ ok: false });
    } finally {
      lib.close();
    }
  });

  it('imports a Fountain outline, by its name or by its content', async () => {
    const fountain = join(tmp.dir, 'pilot.fountain');
    writeFileSync(fountain, readGolden('lighthouse.fountain'));
    const plain = join(tmp.dir, 'pilot-outline');
    writeFileSync(plain, 'Title: Pilot\n\n# Teaser\n\n= [[0:05]] Cold open\n');
    const fromFile = await text(['import', '--db', db, '--copy', fountain]);
    const sniffed = await inProcess([
      'import',
      '--db',
      db,
      '--format',
      'fountain',
      '--json',
      plain,
    ]);
    expect(fromFile.stderr).toBe('');
    expect(fromFile.code).toBe(0);
    expect(fromFile.stdout).toMatch(
      new RegExp(
        `^Imported "${TITLE} \\(copy( \\d+)?\\)" as [0-9a-f-]{36} \\(3 events, 18 beats\\)\\.\\n$`,
      ),
    );
    expect(sniffed.code).toBe(0);
    expect(JSON.parse(sniffed.stdout)).toMatchObject({
      title: 'Pilot',
      eventCount: 1,
      beatCount: 1,
    });
  });

  it('duplicate copies a story as "X (copy)"; a missing story is exit 1 and changes nothing', async () => {
    const before = dump(db);
    const missing = await inProcess(['duplicate', '--db', db, '--story', 'No such story']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^beatline duplicate: No story with the id or title/);
    const usage = await inProcess(['duplicate', '--db', db]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/^beatline: duplicate needs --story REF/);
    expect(dump(db)).toBe(before);

    const twins = await inProcess(['duplicate', '--db', db, '--story', 'Twins']);
    expect(twins.code).toBe(1); // two stories are titled Twins: the id is needed
    expect(dump(db)).toBe(before);

    writeFileSync(join(tmp.dir, 'solo.fountain'), 'Title: Solo\n\n# One\n\n= [[0:01.5]] Go\n');
    expect((await inProcess(['import', '--db', db, join(tmp.dir, 'solo.fountain')])).code).toBe(0);
    const run = await text(['duplicate', '--db', db, '--story', 'Solo']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Copied "Solo" as "Solo \(copy\)" [0-9a-f-]{36} \(1 events, 1 beats\)\.\n$/,
    );
  });

  it('refuses a story whose title is taken (exit 1, nothing changed) unless --copy adds a copy', async () => {
    const md = join(tmp.dir, 'taken.md');
    writeFileSync(md, '# Taken Title\n\n## Opening\n\n1. She wakes\n');
    const first = await inProcess(['import', '--db', db, '--json', md]);
    expect(first.code).toBe(0);
    const before = dump(db);

    const again = await inProcess(['import', '--db', db, md]);
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toBe(
      'beatline import: A story titled “Taken Title” is already in your library; ' +
        'give --copy to add this one as a copy.\n',
    );
    expect(dump(db)).toBe(before);

    const copy = await inProcess(['import', '--db', db, '--copy', '--json', md]);
    const second = await inProcess(['import', '--db', db, '--copy', '--json', md]);
    expect([copy.code, second.code]).toEqual([0, 0]);
    expect(JSON.parse(copy.stdout)).toMatchObject({ title: 'Taken Title (copy)', beatCount: 1 });
    expect(JSON.parse(second.stdout)).toMatchObject({ title: 'Taken Title (copy 2)' });

    // --copy on a free title imports it as it is.
    writeFileSync(join(tmp.dir, 'fresh.md'), '# Fresh Title\n\n## One\n\n1. Go\n');
    const fresh = await inProcess([
      'import',
      '--db',
      db,
      '--copy',
      '--json',
      join(tmp.dir, 'fresh.md'),
    ]);
    expect(JSON.parse(fresh.stdout)).toMatchObject({ title: 'Fresh Title' });

    const help = await inProcess(['help', 'import']);
    expect(help.stdout).toContain('--copy');
  });

  it('refuses a bad file with exit 1 and its first problem, leaving the library unchanged', async () => {
    const bad = sampleStory();
    const file = JSON.parse(serializeStoryJson(bad)) as EditableJson;
    file.story.events[0].moments[3].timestamp_offset = -2;
    writeFileSync(join(tmp.dir, 'bad.beatline.json'), JSON.stringify(file));
    writeFileSync(join(tmp.dir, 'deep.json'), '['.repeat(10_000) + ']'.repeat(10_000));
    writeFileSync(join(tmp.dir, 'huge.beatline.json'), '');
    truncateSync(join(tmp.dir, 'huge.beatline.json'), 200 * 1024 * 1024);
    writeFileSync(join(tmp.dir, 'story.docx'), 'PK');
    const before = dump(db);
    const at = (name: string) => join(tmp.dir, name);
    const runs = [
      await text(['import', '--db', db, 'bad.beatline.json']),
      await inProcess(['import', '--db', db, at('deep.json')]),
      await inProcess(['import', '--db', db, at('huge.beatline.json')]),
      await inProcess(['import', '--db', db, at('story.docx')]),
      await inProcess(['import', '--db', db, at('missing.md')]),
    ];
    expect(runs.map((r) => r.code)).toEqual([1, 1, 1, 1, 1]);
    expect(runs.map((r) => r.stdout)).toEqual(['', '', '', '', '']);
    expect(runs.map((r) => r.stderr)).toEqual([
      'beatline import: bad.beatline.json: story.events[0].moments[3].timestamp_offset: must be >= 0\n',
      'beatline import: deep.json: line 1, column 17: the JSON is nested more than 16 levels deep; a Beatline story file is not.\n',
      'beatline import: huge.beatline.json is 200 MB; Beatline imports story files up to 50 MB.\n',
      'beatline import: story.docx: Word (.docx) files can be exported but not imported; import a .beatline.json, Markdown (.md) or Fountain (.fountain) file.\n',
      `beatline import: No file at ${join(tmp.dir, 'missing.md')}.\n`,
    ]);
    expect(dump(db)).toBe(before);
  });
  it('refuses a story file with a field named twice in one object, the library byte for byte (h68)', async () => {
    // Before: JSON.parse kept the last one, so the story below was imported as "Other".
    const golden = readGolden('lighthouse.beatline.json');
    const twice = golden.replace(
      '"title": "The Lighthouse',
      '"title": "Other",\n    "title": "The Lighthouse',
    );
    const escaped = golden.replace('"version": 1,', '"version": 1,\n  "\\u0076ersion": 2,');
    writeFileSync(join(tmp.dir, 'twice.beatline.json'), twice);
    writeFileSync(join(tmp.dir, 'escaped.beatline.json'), escaped);
    const hashes = () =>
      [db, `${db}-wal`].map((p) =>
        existsSync(p) ? createHash('sha256').update(readFileSync(p)).digest('hex') : '-',
      );
    const before = hashes();
    const runs = [
      await text(['import', '--db', db, 'twice.beatline.json']),
      await inProcess(['import', '--db', db, join(tmp.dir, 'escaped.beatline.json')]),
    ];
    expect(runs.map((r) => [r.code, r.stdout])).toEqual([
      [1, ''],
      [1, ''],
    ]);
    expect(runs.map((r) => r.stderr)).toEqual([
      'beatline import: twice.beatline.json: line 8, column 5: the field "title" is named twice in one object; a story file names each field once.\n',
      'beatline import: escaped.beatline.json: line 4, column 3: the field "version" is named twice in one object; a story file names each field once.\n',
    ]);
    expect(hashes()).toEqual(before);
  });
});
