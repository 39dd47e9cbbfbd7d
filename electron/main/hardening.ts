import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-url';

/** Refuses every permission (camera, notifications, clipboard reads, ...): Beatline needs none. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/**
 * Locks a web contents to the app: no new windows, no navigation or redirect away from the app's
 * own page, no `<webview>`. Applied to every web contents the app creates.
 */
export function hardenWebContents(
  contents: WebContents,
  appUrl: () => string,
  log: (message: string) => void = (message) => console.warn(message),
): void {
  contents.setWindowOpenHandler(({ url }) => {
    log(`Beatline blocked a new window for ${safeOrigin(url)}`);
    return { action: 'deny' };
  });
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url, appUrl())) {
      event.preventDefault();
      log(`Beatline blocked navigation to ${safeOrigin(event.url)}`);
    }
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', stayHome);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function safeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'a local file' : parsed.origin;
  } catch {
    return 'an unparsable URL';
  }
}
