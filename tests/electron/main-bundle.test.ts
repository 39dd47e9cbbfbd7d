// The built main bundle (out/main/index.js) run under plain Node, with the specifier 'electron'
// mapped to a recording fake (tests/electron/fixtures/fake-electron.ts) by a module-loader
// hook. The database, migrations, dispatcher and IPC adapter are the real ones.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../electron/core/contract/channels';
import { ERROR_CODES } from '../../electron/core/contract/types';
import { PRODUCTION_CSP } from '../../electron/main/csp';
import { assertBuilt, builtMain, builtPreload, builtRenderer } from './helpers/built';
import { runBuiltMain, runScenario } from './helpers/run-main';
import type { MainRun } from './helpers/run-main';
import changeNotices from './scenarios/change-notices';
import crashedPage from './scenarios/crashed-page';
import editBeforeQuit from './scenarios/edit-before-quit';
import filesThroughDialogs from './scenarios/files-through-dialogs';
import mainWindow, { type MainWindowFindings } from './scenarios/main-window';
import silentPage from './scenarios/silent-page';
import unsavedAtClose from './scenarios/unsaved-at-close';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'beatline-main-'));
  dirs.push(dir);
  return dir;
}

function tablesOf(file: string): { tables: string[]; userVersion: number; titles: string[] } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => r.name);
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    const titles = tables.includes('stories')
      ? db
          .prepare<[], { title: string }>('SELECT title FROM stories ORDER BY title')
          .all()
          .map((r) => r.title)
      : [];
    return { tables, userVersion, titles };
  } finally {
    db.close();
  }
}

beforeAll(() => {
  assertBuilt(builtMain, ['electron/main', 'electron/core']);
  assertBuilt(builtPreload, ['electron/preload', 'electron/core/contract']);
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('built main bundle with a simulated electron', () => {
  let run: MainRun & { result: MainWindowFindings };
  let userData: string;
  let dbFile: string;

  beforeAll(async () => {
    userData = tempDir();
    dbFile = join(userData, 'beatline.db');
    run = await runScenario(mainWindow, 'main-window', {
      userData,
      env: { FAKE_ELECTRON_DB_PROBE: dbFile },
    });
  });

  it('runs to a clean quit without errors', () => {
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code, run.stderr).toBe(0);
  });

  it('enables the sandbox and takes the single-instance lock first', () => {
    expect(run.report.calls.slice(0, 2)).toEqual([
      'app.enableSandbox',
      'app.requestSingleInstanceLock',
    ]);
  });

  it('registers exactly one ipcMain handler per contract channel', () => {
    const { handlers } = run.report;
    expect(handlers).toHaveLength(CHANNELS.length);
    expect(new Set(handlers).size).toBe(handlers.length);
    expect([...handlers].sort()).toEqual([...CHANNELS].sort());
  });

  it('opens and migrates the library under userData before the window exists', () => {
    expect(run.report.getPath).toContain('userData');
    const [win] = run.report.windows;
    expect(run.report.windows).toHaveLength(1);
    expect(win?.dbExistedAtCreation).toBe(true);
    expect(win?.handlersAtCreation).toBe(CHANNELS.length);
    expect(existsSync(dbFile)).toBe(true);
    expect(readFileSync(dbFile).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const { tables, userVersion } = tablesOf(dbFile);
    expect(tables).toEqual(expect.arrayContaining(['stories', 'events', 'event_moments']));
    expect(userVersion).toBeGreaterThanOrEqual(1);
  });

  it('creates the window with secure options and an existing preload', () => {
    const options = run.report.windows[0]?.options;
    const prefs = options?.webPreferences ?? {};
    expect(options?.show).toBe(false);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.webSecurity).not.toBe(false);
    expect(prefs.nodeIntegrationInWorker ?? false).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames ?? false).toBe(false);
    expect(prefs.allowRunningInsecureContent ?? false).toBe(false);
    expect(prefs.webviewTag ?? false).toBe(false);
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.experimentalFeatures ?? false).toBe(false);
    expect(typeof prefs.preload).toBe('string');
    expect(isAbsolute(prefs.preload as string)).toBe(true);
    expect(prefs.preload).toBe(builtPreload);
    expect(existsSync(prefs.preload as string)).toBe(true);
  });

  it('loads the built renderer over app:// and shows the window on ready-to-show', () => {
    const [win] = run.report.windows;
    expect(win?.loadedFile).toBeNull();
    expect(win?.loadedUrl).toBe('app://beatline/index.html');
    expect(run.result.appUrl).toBe('app://beatline/index.html');
    expect(existsSync(builtRenderer)).toBe(true);
    expect(run.result.shownAfterReadyToShow).toBe(true);
  });

  it('registers app:// as a privileged scheme before ready and serves out/renderer with the CSP', () => {
    const { calls, protocol } = run.report;
    expect(calls.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      calls.indexOf('app.whenReady'),
    );
    expect(protocol.privileged).toEqual([
      {
        scheme: 'app',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    expect(protocol.handled).toEqual(['app']);
    expect(calls.indexOf('protocol.handle:app')).toBeLessThan(calls.indexOf('new BrowserWindow'));
    const { index, root } = run.result.requests;
    for (const page of [index, root]) {
      expect(page).toMatchObject({ status: 200, hasRoot: true });
      expect(page?.contentType).toMatch(/^text\/html/);
      expect(page?.csp).toBe(PRODUCTION_CSP);
    }
  });

  it('refuses app:// requests that climb out of out/renderer, other hosts and other methods', () => {
    const { requests } = run.result;
    for (const name of [
      'dotdot',
      'encodedDotdot',
      'encodedSlash',
      'backslash',
      'absolute',
      'otherHost',
      'missing',
    ]) {
      expect(requests[name]?.status, name).toBe(404);
      expect(requests[name]?.hasRoot, name).toBe(false);
    }
    expect(requests.post?.status).toBe(405);
  });

  it('hands https: and mailto: links to the system, and nothing else', () => {
    const denied = { action: 'deny' };
    expect(run.result.links).toEqual({
      https: denied,
      mailto: denied,
      http: denied,
      file: denied,
      javascript: denied,
      credentials: denied,
    });
    expect(run.report.openedExternally).toEqual([
      'https://example.com/help?topic=beats',
      'mailto:writer@example.com',
      'https://evil.example/',
      'https://evil.example/',
    ]);
  });

  it('answers the backup channels and takes a backup on quit', () => {
    expect(run.result.ipc.health).toMatchObject({
      ok: true,
      value: { status: 'ok', kind: 'ok', fileName: 'beatline.db' },
    });
    const made = run.result.ipc.backupMade as { ok: boolean; value: { id: string; kind: string } };
    expect(made).toMatchObject({ ok: true, value: { kind: 'manual', storyCount: 1 } });
    expect(run.result.ipc.backups).toMatchObject({ ok: true, value: [{ id: made.value.id }] });
    expect(run.result.ipc.backupRefused).toMatchObject({ ok: false });
    // Quit waited for the host to close; nothing changed after the manual backup, so no more.
    expect(run.report.quit.postponed).toBe(1);
    expect(readdirSync(join(userData, 'beatline-backups'))).toEqual([made.value.id]);
  });

  it('builds a menu whose commands reach the renderer as DOM events', () => {
    const menu = run.report.menu ?? [];
    const edit = menu.find((m) => m.label === '&Edit')!;
    expect(edit.items[0]).toEqual({
      label: 'Undo',
      accelerator: 'CmdOrCtrl+Z',
      registerAccelerator: false,
    });
    const file = menu.find((m) => m.label === '&File')!;
    expect(file.items.map((i) => i.label)).toEqual(
      expect.arrayContaining(['Import Story…', 'Export Story…', 'Backups…']),
    );
    expect(run.report.executedScripts).toEqual([
      `window.dispatchEvent(new CustomEvent('beatline:command', { detail: "undo" }))`,
      `window.dispatchEvent(new CustomEvent('beatline:command', { detail: "export" }))`,
    ]);
  });

  it("answers calls from the window's main frame from the real database", () => {
    const created = run.result.ipc.created as { ok: boolean; value: { id: string; title: string } };
    expect(created.ok).toBe(true);
    expect(created.value.title).toBe('A story from the fake window');
    const listed = run.result.ipc.listed as { ok: boolean; value: { id: string }[] };
    expect(listed.ok).toBe(true);
    expect(listed.value.map((s) => s.id)).toEqual([created.value.id]);
    expect(run.result.ipc.noInput).toMatchObject({ ok: true });
    expect(tablesOf(dbFile).titles).toEqual(['A story from the fake window']);
  });

  it('answers bad input with an error result', () => {
    expect(run.result.ipc.invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses calls from a missing frame, a subframe, another window or a foreign page', () => {
    const { rejected } = run.result.ipc;
    expect(Object.keys(rejected).sort()).toEqual(
      ['foreignOrigin', 'nullFrame', 'otherLocalFile', 'otherWindow', 'subframe'].sort(),
    );
    for (const [name, result] of Object.entries(rejected)) {
      const r = result as { ok: boolean; error?: { code: string; message: string } };
      expect(r.ok, name).toBe(false);
      expect(ERROR_CODES, name).toContain(r.error?.code);
      expect(r.error?.message, name).toMatch(/forbidden/);
    }
    const after = run.result.ipc.listedAfter as { ok: boolean; value: { title: string }[] };
    expect(after.value.map((s) => s.title)).toEqual(['A story from the fake window']);
    expect(tablesOf(dbFile).titles).toEqual(['A story from the fake window']);
    expect(run.stderr).toMatch(/refused an IPC call to stories:create: the sender frame is gone/);
  });

  it('denies new windows, navigation away, webviews and every permission', () => {
    expect(run.result.hardening).toEqual({
      windowOpen: { action: 'deny' },
      navigateAwayPrevented: true,
      navigateOtherFilePrevented: true,
      navigateSamePagePrevented: false,
      webviewPrevented: true,
    });
    expect(run.result.permissions).toEqual({ requestGranted: false, checkAnswer: false });
  });

  it('focuses the window when a second instance starts', () => {
    expect(run.result.secondInstance).toEqual({ focused: true });
  });

  it('closes the database on quit', () => {
    // The window is closed by then, so the call is refused before it could reach the database.
    expect(run.report.quit.lateCall).toMatchObject({ ok: false });
    // The last connection to a WAL database removes the -wal file when it closes.
    expect(run.report.walLeftAtExit).toBe(false);
  });

  it('holds the close (and the quit) until the page answers the flush request', () => {
    const close = run.report.close as Record<string, number>;
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.report.quit.cancelledByWindow).toBe(1);
    expect(run.report.sent.filter((s) => s.channel === 'beatline:flush-request')).toHaveLength(1);
    expect(close.requestedAt).toBeGreaterThanOrEqual(0);
    // Not at the impostor's answer (50 ms): at the page's own (300 ms), without the timeout.
    expect(close.closedAt).toBeGreaterThanOrEqual(close.answeredAt!);
    expect(run.stderr).not.toMatch(/did not save in time/);
    expect(run.code).toBe(0);
    expect(tablesOf(dbFile).titles).toEqual(['A story from the fake window']);
  });
});

describe('built main bundle: the window saves its drafts before it closes', () => {
  it('closes after about 2 s when the page never answers, and still quits cleanly', async () => {
    const userData = tempDir();
    const silent = await runScenario(silentPage, 'silent-page', { userData });
    expect(silent.report.errors, silent.stderr).toEqual([]);
    expect(silent.code).toBe(0);
    const close = silent.report.close as Record<string, number>;
    expect(close.answeredAt).toBeUndefined();
    expect(close.closedAt! - close.requestedAt!).toBeGreaterThanOrEqual(1_900);
    expect(silent.stderr).toMatch(/did not save in time/);
    expect(silent.report.walLeftAtExit ?? false).toBe(false);
  });

  it('closes when the page crashes while asked, without waiting out the time limit', async () => {
    const crashed = await runScenario(crashedPage, 'crashed-page', { userData: tempDir() });
    expect(crashed.report.errors, crashed.stderr).toEqual([]);
    expect(crashed.code).toBe(0);
    const close = crashed.report.close as Record<string, number>;
    expect(close.answeredAt).toBeUndefined();
    expect(close.closedAt).toBeGreaterThanOrEqual(close.requestedAt!);
    expect(crashed.stderr).toMatch(/page had gone/);
    expect(crashed.stderr).not.toMatch(/did not save in time/);
  });

  it('asks before closing a window whose page holds refused text; staying keeps it open', async () => {
    const run = await runScenario(unsavedAtClose, 'unsaved-at-close', { userData: tempDir() });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.result).toEqual({ askedAfterFirstClose: 1, openAfterStaying: true });
    // The quit that ended the run asked again; "Close anyway" closed the window and quit.
    const asked = run.report.dialogs.filter((d) => d.message !== undefined);
    expect(asked).toHaveLength(2);
    for (const box of asked) {
      expect(box).toMatchObject({
        type: 'warning',
        withWindow: true,
        message: 'Some of your text is not saved',
      });
    }
    expect(run.report.sent.filter((s) => s.channel === 'beatline:flush-request')).toHaveLength(2);
    expect(run.code).toBe(0);
    expect(run.report.walLeftAtExit ?? false).toBe(false);
  });
});

describe('built main bundle: change notices to the window', () => {
  it("sends the window another connection's commit, not its own writes", async () => {
    const userData = tempDir();
    const noticed = await runScenario(changeNotices, 'change-notices', { userData });
    expect(noticed.report.errors, noticed.stderr).toEqual([]);
    const notices = noticed.result;
    expect(notices.ownWrite).toMatchObject({ ok: true });
    expect(notices.afterOwnWrite).toBe(0);
    expect(notices.afterOtherWrite).toBe(1);
    expect(notices.notice).toEqual({ seq: expect.any(Number) as number });
    expect(notices.latencyMs).toBeLessThan(1_000);
    expect(noticed.code).toBe(0);
  });
});

describe('built main bundle: debugging switches', () => {
  it.each([['--remote-debugging-port=9222'], ['--inspect=9229'], ['--inspect-brk']])(
    'a packaged app started with %s exits at once, touching nothing',
    async (flag) => {
      const userData = tempDir();
      const run = await runBuiltMain({
        userData,
        reportPath: join(userData, 'report.json'),
        args: [flag],
        env: { FAKE_ELECTRON_PACKAGED: '1' },
      });
      expect(run.code).toBe(1);
      expect(run.report.exitCode).toBe(1);
      expect(run.stderr).toMatch(/does not start with debugging switches/);
      expect(run.report.calls).not.toContain('app.enableSandbox');
      expect(run.report.windows).toEqual([]);
      expect(run.report.handlers).toEqual([]);
      expect(readdirSync(userData)).toEqual(['report.json']);
    },
  );

  it('a development build keeps them', async () => {
    const userData = tempDir();
    const run = await runBuiltMain({
      userData,
      reportPath: join(userData, 'report.json'),
      args: ['--remote-debugging-port=9222'],
    });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report.windows).toHaveLength(1);
  });
});

describe('built main bundle: where the library comes from', () => {
  it('uses --db FILE instead of the userData default', async () => {
    const userData = tempDir();
    const elsewhere = tempDir();
    const dbFile = join(elsewhere, 'nested', 'my-library.db');
    const run = await runScenario(mainWindow, 'main-window', { userData, args: ['--db', dbFile] });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(existsSync(join(userData, 'beatline.db'))).toBe(false);
    expect(tablesOf(dbFile).titles).toEqual(['A story from the fake window']);
  });

  it('opens in recovery mode, touching nothing, when the file is not a database', async () => {
    const userData = tempDir();
    const notADb = join(userData, 'notes.txt');
    const text = 'These are my notes, not a database.\n'.repeat(50);
    writeFileSync(notADb, text);
    const run = await runScenario(mainWindow, 'main-window', {
      userData,
      args: [`--db=${notADb}`],
    });
    expect(run.report.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report.errorBoxes).toEqual([]);
    // The window opens so the renderer can show the recovery screen.
    expect(run.report.windows).toHaveLength(1);
    expect([...run.report.handlers].sort()).toEqual([...CHANNELS].sort());
    expect(run.result.ipc.health).toMatchObject({
      ok: true,
      value: { status: 'damaged', kind: 'not_a_database', newestGoodBackup: null },
    });
    expect(run.result.ipc.created).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(run.result.ipc.backupMade).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(readFileSync(notADb, 'utf8')).toBe(text);
    expect(readdirSync(userData).sort()).toEqual(['notes.txt', 'report.json']);
  });

  it('takes a quit backup holding the last change before the database closes', async () => {
    const userData = tempDir();
    const run = await runScenario(editBeforeQuit, 'edit-before-quit', { userData });
    expect(run.report.errors, run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.result.backupMade).toMatchObject({ ok: true, value: { kind: 'manual' } });
    expect(run.result.lastEdit).toMatchObject({ ok: true });
    const quitBackups = readdirSync(join(userData, 'beatline-backups')).filter((f) =>
      f.endsWith('.quit.backup.db'),
    );
    expect(quitBackups).toHaveLength(1);
    const backup = tablesOf(join(userData, 'beatline-backups', quitBackups[0]!));
    expect(backup.titles).toEqual(['A story from the fake window', 'Written just before quitting']);
  });

  it('quits at once, touching nothing, when another instance holds the lock', async () => {
    const userData = tempDir();
    const run = await runBuiltMain({
      userData,
      reportPath: join(userData, 'report.json'),
      env: { FAKE_ELECTRON_LOCK: '0' },
    });
    expect(run.report.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.report.calls).toContain('app.quit');
    expect(run.report.calls).not.toContain('app.whenReady');
    expect(run.report.getPath).toEqual([]);
    expect(run.report.windows).toEqual([]);
    expect(run.report.handlers).toEqual([]);
    expect(existsSync(join(userData, 'beatline.db'))).toBe(false);
  });
});

describe('built main bundle: story files through native dialogs', () => {
  let run: Awaited<ReturnType<typeof runScenario<Awaited<ReturnType<typeof filesThroughDialogs>>>>>;
  let userData: string;

  beforeAll(async () => {
    userData = tempDir();
    run = await runScenario(filesThroughDialogs, 'files-through-dialogs', { userData });
  });

  it('exports and imports through native dialogs, written atomically where the writer chose', () => {
    expect(run.report.errors, run.stderr).toEqual([]);
    const files = run.result;
    const exportPath = join(userData, 'exports', 'story.beatline.json');
    expect(files.saved).toEqual({
      ok: true,
      value: { kind: 'saved', fileName: 'story.beatline.json', path: exportPath },
    });
    expect(files.savedFileExists).toBe(true);
    expect(JSON.parse(readFileSync(exportPath, 'utf8'))).toMatchObject({
      format: 'beatline-story',
      version: 1,
      story: { title: 'A story from the fake window' },
    });
    expect(files.cancelledSave).toEqual({ ok: true, value: { kind: 'cancelled' } });
    // The story's own title is in the library: the writer is asked, and adds a copy (issue 16),
    // titled as the CLI's --copy titles it (h35).
    expect(run.report.calls).toContain('dialog.showMessageBox');
    expect(files.imported).toMatchObject({
      ok: true,
      value: { kind: 'imported', story: { title: 'A story from the fake window (copy)' } },
    });
    expect(files.cancelledOpen).toEqual({ ok: true, value: { kind: 'cancelled' } });
    expect(files.badInput).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(files.refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const { dialogs } = run.report;
    expect(dialogs.map((d) => [d.type, d.withWindow])).toEqual([
      ['save', true],
      ['save', true],
      ['open', true],
      // "A story titled … is already in your library": Add a copy / Cancel, over the window.
      ['question', true],
      ['open', true],
    ]);
    expect(dialogs[0]!.defaultPath).toMatch(/A story from the fake window\.beatline\.json$/);
  });
});
