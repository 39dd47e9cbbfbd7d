import { isAppUrl } from './app-url';

/** The parts of Electron's `WebFrameMain` the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** The parts of an `IpcMainInvokeEvent` the check reads. */
export interface SenderEventLike {
  readonly senderFrame: FrameLike | null;
  readonly sender?: unknown;
}

/** The parts of the app's `BrowserWindow` the check reads. */
export interface AppWindowLike {
  readonly webContents: { readonly mainFrame: FrameLike };
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Decides whether an IPC call comes from the app's own page: the sender frame exists, is the
 * main frame of the app's window (not a subframe, not another window) and shows a URL of the
 * app's own origin (`appUrl`: the built index.html, or the dev server in development).
 */
export function checkSender(
  event: SenderEventLike,
  window: AppWindowLike | null,
  appUrl: string,
): SenderVerdict {
  const frame = event.senderFrame;
  if (!frame) return { ok: false, reason: 'the sender frame is gone' };
  if (!window) return { ok: false, reason: 'the app window is not open' };
  const contents = window.webContents;
  const isMainFrame =
    frame === contents.mainFrame ||
    (frame.parent === null && event.sender !== undefined && event.sender === contents);
  if (!isMainFrame) {
    return {
      ok: false,
      reason:
        frame.parent !== null
          ? 'the sender is a subframe'
          : 'the sender is not the main frame of the app window',
    };
  }
  if (!isAppUrl(frame.url, appUrl)) {
    return { ok: false, reason: `the sender page ${describeUrl(frame.url)} is not the app's own` };
  }
  return { ok: true };
}

/** Shortens a URL for a log line (no query strings or long paths in logs). */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? `file://${parsed.pathname}` : parsed.origin;
  } catch {
    return '(unparsable URL)';
  }
}
