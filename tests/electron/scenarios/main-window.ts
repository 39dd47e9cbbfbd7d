import { pathToFileURL } from 'node:url';
import type { AppResponse, Scenario } from '../helpers/scenario';

// The main window's side for main-bundle.test.ts: shown on ready-to-show; IPC from the app's
// own main frame reaches the database and anything else is refused; backups; menu commands;
// the app:// protocol; links, navigation, webviews and permissions; a second instance; and a
// page that answers the flush request late, after another page's answer.

export interface MainWindowFindings {
  appUrl: string;
  shownAfterReadyToShow: boolean;
  ipc: {
    created: unknown;
    listed: unknown;
    invalid: unknown;
    noInput: unknown;
    rejected: Record<string, unknown>;
    listedAfter: unknown;
    health: unknown;
    backupMade: unknown;
    backups: unknown;
    backupRefused: unknown;
  };
  requests: Record<string, AppResponse>;
  links: Record<string, unknown>;
  hardening: Record<string, unknown>;
  permissions: { requestGranted: unknown; checkAnswer: unknown };
  secondInstance: { focused: boolean };
}

const scenario: Scenario<MainWindowFindings> = async (app) => {
  const appUrl = app.pageUrl();
  const shownAfterReadyToShow = app.readyToShow();
  // Another page's answer does not count; the page's own comes at 300 ms.
  app.onFlushRequest((reply) => {
    setTimeout(() => reply('otherWindow'), 50);
    setTimeout(() => reply('window'), 300);
  });

  // IPC from the app's own main frame reaches the database.
  const created = await app.call('stories:create', { title: 'A story from the fake window' });
  const listed = await app.call('stories:list', {});
  const invalid = await app.call('stories:create', { title: '' });
  const noInput = await app.call('stories:list', undefined);

  // IPC from anything else is refused.
  const rejected: Record<string, unknown> = {};
  for (const from of ['noFrame', 'subframe', 'otherWindow'] as const) {
    const name = from === 'noFrame' ? 'nullFrame' : from;
    rejected[name] = await app.call('stories:create', { title: `Forbidden ${name}` }, from);
  }
  for (const [name, pageAt] of [
    ['foreignOrigin', 'https://evil.example/index.html'],
    ['otherLocalFile', pathToFileURL('/tmp/not-beatline/index.html').href],
  ] as const) {
    rejected[name] = await app.call('stories:create', { title: `Forbidden ${name}` }, { pageAt });
  }
  const listedAfter = await app.call('stories:list', {});
  const health = await app.call('library:health', {});
  const backupMade = await app.call('backups:create', {});
  const backups = await app.call('backups:list', {});
  const backupRefused = await app.call('backups:create', {}, 'subframe');

  // Menu commands reach the renderer as DOM events.
  app.clickMenuItem('Undo');
  app.clickMenuItem('Export Story…');

  // The page and its files come from the app:// protocol; nothing outside out/renderer does.
  const requests: Record<string, AppResponse> = {};
  for (const [name, url] of [
    ['index', appUrl],
    ['root', 'app://beatline/'],
    ['dotdot', 'app://beatline/../../../../etc/passwd'],
    ['encodedDotdot', 'app://beatline/%2e%2e/%2e%2e/etc/passwd'],
    ['encodedSlash', 'app://beatline/..%2f..%2fmain%2findex.js'],
    ['backslash', 'app://beatline/..\\..\\main\\index.js'],
    ['absolute', 'app://beatline//etc/passwd'],
    ['otherHost', 'app://evil/index.html'],
    ['missing', 'app://beatline/no-such-file.js'],
  ] as const) {
    requests[name] = await app.fetchApp(url);
  }
  requests.post = await app.fetchApp(appUrl, 'POST');

  // Window and navigation hardening.
  const webviewPrevented = app.attachWebview();
  const links = {
    https: app.openWindow('https://example.com/help?topic=beats'),
    mailto: app.openWindow('mailto:writer@example.com'),
    http: app.openWindow('http://example.com/'),
    file: app.openWindow('file:///etc/passwd'),
    javascript: app.openWindow('javascript:alert(1)'),
    credentials: app.openWindow('https://user:pass@example.com/'),
  };
  const hardening = {
    windowOpen: app.openWindow('https://evil.example/'),
    navigateAwayPrevented: app.navigate('https://evil.example/'),
    navigateOtherFilePrevented: app.navigate(pathToFileURL('/etc/hostname').href),
    navigateSamePagePrevented: app.navigate(`${appUrl}#/story`),
    webviewPrevented,
  };
  const permissions = {
    requestGranted: app.requestPermission('media'),
    checkAnswer: app.checkPermission('notifications'),
  };
  const secondInstance = { focused: app.secondInstance() };

  return {
    appUrl,
    shownAfterReadyToShow,
    ipc: {
      created,
      listed,
      invalid,
      noInput,
      rejected,
      listedAfter,
      health,
      backupMade,
      backups,
      backupRefused,
    },
    requests,
    links,
    hardening,
    permissions,
    secondInstance,
  };
};

export default scenario;
