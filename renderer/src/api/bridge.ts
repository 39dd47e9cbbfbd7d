import { CHANNELS, type Channel } from '../../../electron/core/contract/channels';
import {
  buildApi,
  firingConflicts,
  type BeatlineBridge,
  type ChangeNotice,
} from '../../../electron/core/contract/api';
import type { Result } from '../../../electron/core/contract/types';

/** `window.beatline`: the channels and host events, and in the browser host `whileClosing`. */
export type PageBridge = NonNullable<Window['beatline']>;

const TOKEN_KEY = 'beatline.token';

/** The per-launch token the browser host put in the address (`#token=...`). */
function readToken(): string {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    try {
      sessionStorage.setItem(TOKEN_KEY, fromHash);
    } catch {
      // Storage can be disabled; the hash still works for this page load.
    }
    return fromHash;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

function failure(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } };
}

/** Most bytes a `keepalive` request may carry (Chromium's budget is 64 KiB for all of them). */
const KEEPALIVE_MAX_BYTES = 60_000;

/**
 * Runs `send` with requests marked `keepalive`, so that they reach the host even though the
 * page is being closed or reloaded (issue 12: typing is saved on page close). Electron's bridge
 * needs no mark: its requests go to the main process, which outlives the page.
 */
export function sendingWhileClosing(send: () => void): void {
  const bridge = api();
  if (bridge.whileClosing) bridge.whileClosing(send);
  else send();
}

/** This page load's id: the host does not notify a page of its own writes. */
function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Calls one channel over HTTP; every failure comes back as a Result, never a rejection. */
async function invokeOverHttp(
  channel: Channel,
  input: unknown,
  token: string,
  clientId: string,
  closing: boolean,
): Promise<unknown> {
  let response: Response;
  try {
    const body = JSON.stringify(input);
    response = await fetch('/api/' + channel, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Beatline-Token': token,
        'X-Beatline-Client': clientId,
      },
      body,
      keepalive: closing && new TextEncoder().encode(body).length < KEEPALIVE_MAX_BYTES,
    });
  } catch {
    return failure('Beatline cannot reach its data. Is the Beatline server still running?');
  }
  if (response.status === 401) {
    return failure(
      'This page was opened without its access key. Open the address Beatline printed ' +
        'when it started (it ends with #token=…).',
    );
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(`The server answered ${response.status} without a result.`);
  }
  if (body && typeof body === 'object' && 'ok' in body) return body;
  return failure(`The server answered ${response.status} without a result.`);
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;

/** The notice one event of the stream carries, or null (the hello event, a comment). */
function noticeIn(block: string): ChangeNotice | null {
  const lines = block.split('\n');
  const data = lines
    .filter((l) => l.startsWith('data:'))
    .map((l) => l.slice(5).trim())
    .join('\n');
  if (lines.some((l) => l.startsWith('event:')) || !data) return null; // hello, or a comment
  try {
    const parsed = JSON.parse(data) as { seq?: unknown };
    if (typeof parsed.seq === 'number') return { seq: parsed.seq };
  } catch {
    // Not a notice: ignore it.
  }
  return null;
}

/** Reads an event stream to its end, handing on each event (the text up to a blank line). */
async function readEvents(
  body: NonNullable<Response['body']>,
  onEvent: (block: string) => void,
): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n?/g, '\n');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      onEvent(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
    }
  }
}

/**
 * The browser host's change notices: one `GET /api/changes` stream (Server-Sent Events, read
 * with fetch so the token travels in a header) while anyone listens and the tab is visible. A
 * browser keeps at most six connections to one host, so a hidden tab gives its stream up and
 * opens it again when shown. Whenever a stream opens again (after a drop or a hidden spell),
 * listeners get one notice, since changes may have been missed meanwhile.
 */
function changeStream(token: string, clientId: string): BeatlineBridge['subscribe'] {
  const listeners = new Set<(notice: ChangeNotice) => void>();
  let controller: AbortController | null = null;
  let everOpened = false;
  let watchingVisibility = false;
  let lastSeq = 0;

  const deliver = (notice: ChangeNotice) => {
    lastSeq = Math.max(lastSeq, notice.seq);
    for (const listener of [...listeners]) listener(notice);
  };

  /** Keeps a stream open until `signal` aborts, opening it again (backing off) when it drops. */
  const run = async (signal: AbortSignal) => {
    let delay = RETRY_MIN_MS;
    while (!signal.aborted) {
      try {
        const response = await fetch('/api/changes', {
          headers: { 'X-Beatline-Token': token, 'X-Beatline-Client': clientId },
          cache: 'no-store',
          signal,
        });
        if (response.ok && response.body) {
          if (everOpened) deliver({ seq: lastSeq });
          everOpened = true;
          delay = RETRY_MIN_MS;
          await readEvents(response.body, (block) => {
            const notice = noticeIn(block);
            if (notice) deliver(notice);
          });
        }
      } catch {
        // The server stopped, the tab was hidden or the page is going away.
      }
      if (signal.aborted) return;
      await new Promise((done) => setTimeout(done, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  };

  const update = () => {
    const wanted = listeners.size > 0 && document.visibilityState !== 'hidden';
    if (wanted && !controller) {
      controller = new AbortController();
      void run(controller.signal);
    } else if (!wanted && controller) {
      controller.abort();
      controller = null;
    }
  };

  return (listener) => {
    listeners.add(listener);
    if (!watchingVisibility) {
      watchingVisibility = true;
      document.addEventListener('visibilitychange', update);
    }
    update();
    return () => {
      listeners.delete(listener);
      update();
    };
  };
}

/**
 * Gives the renderer its `window.beatline`. Electron's preload has already set it; in the
 * browser host it is built here from the same channel table, over `POST /api/<channel>`, with
 * change notices from `GET /api/changes`. A browser tab has no close to wait for, so
 * `onFlushRequest` handlers are never called here, nor `onImportProgress` listeners (an import
 * is one request; the page shows a busy state while it runs).
 */
export function installBridge(): PageBridge {
  if (!window.beatline) {
    const token = readToken();
    const clientId = newClientId();
    /** True while `whileClosing` runs its callback. */
    let closing = false;
    const channels = buildApi(
      CHANNELS,
      firingConflicts(
        (channel, input) => invokeOverHttp(channel, input, token, clientId, closing),
        window,
      ),
    );
    window.beatline = Object.assign(channels, {
      subscribe: changeStream(token, clientId),
      onFlushRequest: () => () => {},
      onImportProgress: () => () => {},
      whileClosing: (send: () => void) => {
        closing = true;
        try {
          send();
        } finally {
          closing = false;
        }
      },
    });
  }
  return window.beatline;
}

/** The host API; the rest of the renderer does not know which host it runs in. */
export function api(): PageBridge {
  return window.beatline ?? installBridge();
}
