// The shell's untested paths (issue 15) in the built main bundle under the simulated Electron:
// the menu, the file dialogs' failures, worker imports the writer can undo, a rejected handler,
// and the start failures. The window's side is typed code in tests/electron/scenarios/.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandScript, type RendererCommand } from '../../electron/main/menu';
import { assertBuilt, builtMain } from './helpers/built';
import { runBuiltMain, runScenario } from './helpers/run-main';
import healthScenario from './scenarios/health';
import shellPaths from './scenarios/shell-paths';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-shell-'));
  dirs.push(dir);
  return dir;
}

beforeAll(() => assertBuilt(builtMain, ['electron/main', 'electron/core', 'electron/web']));
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Failure = { ok: false; error: { code: string; message: string } };

describe('the shell, played by a typed scenario', () => {
  let userData: string;
  let run: Awaited<ReturnType<typeof runScenario<Awaited<ReturnType<typeof shellPaths>>>>>;

  beforeAll(async () => {
    userData = tempDir();
    run = await runScenario(shellPaths, 'shell-paths', { userData });
  }, 120_000);

  it('runs to a clean quit', () => {
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('every menu item is an Electron role or a command that reaches the page', () => {
    const { items, scripts } = run.result.menu;
    const commands = items.filter((i) => i.clickable);
    expect(commands.map((i) => i.label)).toEqual([
      'Import Story…',
      'Export Story…',
      'Backups…',
      'Settings…',
      'Undo',
      'Redo',
      'Keyboard Shortcuts',
    ]);
    for (const item of items) {
      const kinds = [item.clickable, item.role !== null, item.separator].filter(Boolean);
      expect(kinds, JSON.stringify(item)).toHaveLength(1);
    }
    const expected: RendererCommand[] = [
      'import',
      'export',
      'backups',
      'settings',
      'undo',
      'redo',
      'shortcuts',
    ];
    expect(scripts).toEqual(expected.map(commandScript));
  });

  it('an export that cannot be written says so and leaves nothing behind', () => {
    const failed = run.result.exportToMissingFolder as Failure;
    expect(failed).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(failed.error.message).toMatch(/^Could not write Lighthouse\.md: /);
    expect(existsSync(join(userData, 'files', 'no-such-folder'))).toBe(false);
  });

  it('a handler whose promise rejects answers an error result, logged, and the app goes on', () => {
    expect(run.result.exportDialogFailed).toEqual({
      ok: false,
      error: { code: 'internal', message: 'unexpected error in the app' },
    });
    expect(run.stderr).toMatch(/Beatline files:saveExport failed: Error: the save dialog crashed/);
  });

  it('a file that cannot be read, or is refused, is named in the answer and changes nothing', () => {
    const missing = run.result.importMissingFile as Failure;
    expect(missing.ok).toBe(false);
    expect(missing.error.message).toMatch(/^gone\.beatline\.json: /);
    const folder = run.result.importFolder as Failure;
    expect(folder.ok).toBe(false);
    expect(folder.error.message).toMatch(/^a folder\.md: /);
    const refused = run.result.importRefused as Failure;
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(refused.error.message).toMatch(/^not a story\.beatline\.json: /);
  });

  it('imports in a worker, tells the window how far it got, and Undo removes the story', () => {
    expect(run.result.imported).toMatchObject({
      ok: true,
      value: { kind: 'imported', story: { title: 'Harbour', eventCount: 1, beatCount: 3_000 } },
    });
    const { progress } = run.result;
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(1);
    expect(run.result.historyAfterImport).toMatchObject({
      ok: true,
      value: { undo: { label: "import story 'Harbour'" } },
    });
    expect(run.result.undone).toMatchObject({
      ok: true,
      value: { label: "import story 'Harbour'" },
    });
    const listed = run.result.listedAfterUndo as { value: Array<{ title: string }> };
    expect(listed.value.map((s) => s.title)).toEqual(['Lighthouse']);
  });
});

describe('starting', () => {
  it('a library from a newer Beatline opens the recovery screen, says to update, and stays byte for byte', async () => {
    const userData = tempDir();
    const dbFile = join(userData, 'beatline.db');
    const first = await runBuiltMain({ userData, reportPath: join(userData, 'first.json') });
    expect(first.code, first.stderr).toBe(0);
    const db = new Database(dbFile);
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(dbFile);
    const run = await runScenario(healthScenario, 'health', { userData });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.result.health).toMatchObject({
      ok: true,
      value: {
        status: 'damaged',
        kind: 'newer',
        message: expect.stringMatching(/update Beatline/) as unknown,
      },
    });
    expect(run.result.created).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(dbFile)).toEqual(before);
  }, 120_000);

  it('a start that fails shows an error box and exits 1, with no window', async () => {
    const userData = tempDir();
    const run = await runBuiltMain({
      userData,
      reportPath: join(userData, 'report.json'),
      env: { FAKE_ELECTRON_GETPATH_FAILS: '1' },
    });
    expect(run.code).toBe(1);
    expect(run.report.exitCode).toBe(1);
    expect(run.report.errorBoxes).toEqual([
      { title: 'Beatline could not start', content: "Failed to get 'userData' path" },
    ]);
    expect(run.report.windows).toEqual([]);
    expect(run.stderr).toMatch(/Beatline failed to start/);
  }, 60_000);
});
