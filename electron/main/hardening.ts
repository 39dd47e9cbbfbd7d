import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-url';
import { externalLinkTarget } from './external-links';

/** Refuses every permission (camera, notifications, clipboard reads, ...): Beatline needs none. */
export function denyAllPermissions(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
}

/**
 * Locks a web contents to the app: no new windows, no navigation or redirect away from the app's
 * own page, no `<webview>`. A link the writer follows to an `https:` or `mailto:` address (a new
 * window or a navigation away) opens in the system's browser or mail program instead, through
 * `openExternal`; any other address is only refused. Applied to every web contents the app creates.
 */
export function hardenWebContents(
  contents: WebContents,
  appUrl: () => string,
  log: (message: string) => void = (message) => console.warn(message),
  openExternal: (url: string) => unknown = () => undefined,
): void {
  const handOut = (url: string): boolean => {
    const target = externalLinkTarget(url);
    if (target === null) return false;
    Promise.resolve(openExternal(target)).catch((error: unknown) =>
      log(`Beatline could not open ${safeOrigin(target)}: ${String(error)}`),
    );
    return true;
  };
  contents.setWindowOpenHandler(({ url }) => {
    if (!handOut(url)) log(`Beatline blocked a new window for ${safeOrigin(url)}`);
    return { action: 'deny' };
  });
  const stayHome = (event: { url: string; preventDefault(): void }) => {
    if (!isAppUrl(event.url, appUrl())) {
      event.preventDefault();
      if (!handOut(event.url)) log(`Beatline blocked navigation to ${safeOrigin(event.url)}`);
    }
  };
  contents.on('will-navigate', stayHome);
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, appUrl())) {
      event.preventDefault();
      log(`Beatline blocked a redirect to ${safeOrigin(event.url)}`);
    }
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function safeOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'file:') return 'a local file';
    if (parsed.protocol === 'mailto:') return 'a mail address';
    return parsed.origin;
  } catch {
    return 'an unparsable URL';
  }
}
