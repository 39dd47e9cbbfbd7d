import { CHANNELS, type Channel } from '../../../electron/core/contract/channels';
import { buildApi, type BeatlineApi } from '../../../electron/core/contract/api';
import type { Result } from '../../../electron/core/contract/types';

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
let closing = false;

/**
 * Runs `send` with requests marked `keepalive`, so that they reach the host even though the
 * page is being closed or reloaded (issue 12: typing is saved on page close).
 */
export function sendingWhileClosing(send: () => void): void {
  closing = true;
  try {
    send();
  } finally {
    closing = false;
  }
}

/** Calls one channel over HTTP; every failure comes back as a Result, never a rejection. */
async function invokeOverHttp(channel: Channel, input: unknown, token: string): Promise<unknown> {
  let response: Response;
  try {
    const body = JSON.stringify(input);
    response = await fetch('/api/' + channel, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Beatline-Token': token },
      body,
      keepalive: closing && new TextEncoder().encode(body).length < KEEPALIVE_MAX_BYTES,
    });
  } catch {
    return failure('Beatline cannot reach its data. Is the Beatline server still running?');
  }
  if (response.status === 403) {
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

/**
 * Gives the renderer its `window.beatline`. Electron's preload has already set it; in the
 * browser host it is built here from the same channel table, over `POST /api/<channel>`.
 */
export function installBridge(): BeatlineApi {
  if (!window.beatline) {
    const token = readToken();
    window.beatline = buildApi(CHANNELS, (channel, input) => invokeOverHttp(channel, input, token));
  }
  return window.beatline;
}

/** The host API; the rest of the renderer does not know which host it runs in. */
export function api(): BeatlineApi {
  return window.beatline ?? installBridge();
}
