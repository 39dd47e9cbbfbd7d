import { connect } from 'node:net';
import type { Scenario } from '../helpers/scenario';

// The Local API setting played from the window (issue 17): off by default, on, a request with
// and without the token, a change notice on its stream, a new token, off again.

interface State {
  available: boolean;
  enabled: boolean;
  port: number;
  url: string | null;
  token: string | null;
  problem: string | null;
}

type Answer = { ok: true; value: State } | { ok: false; error: { code: string; message: string } };

/** True when something accepts TCP connections on 127.0.0.1:`port`. */
function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function post(url: string, channel: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(`${url}/api/v2/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** Opens the change stream and resolves with the first `data:` notice after `hello`. */
async function firstNotice(url: string, token: string, trigger: () => Promise<unknown>) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/changes`, {
    headers: { 'X-Beatline-Token': token },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  let text = '';
  const read = async (until: (t: string) => boolean) => {
    const deadline = Date.now() + 10_000;
    while (!until(text) && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  };
  await read((t) => t.includes('event: hello'));
  await trigger();
  await read((t) => /\ndata: \{"seq":\d+\}/.test(t));
  controller.abort();
  return { status: response.status, notice: /data: (\{"seq":\d+\})/.exec(text)?.[1] ?? null };
}

const scenario: Scenario<Record<string, unknown>> = async (app) => {
  const out: Record<string, unknown> = {};
  const state = async (channel: string, input: unknown = {}) =>
    (await app.call(channel, input)) as Answer;

  out.initial = await state('localApi:state');
  out.refusedFromSubframe = await app.call('localApi:configure', { enabled: true }, 'subframe');
  out.badPort = await state('localApi:configure', { enabled: true, port: 80 });
  const on = await state('localApi:configure', { enabled: true, port: 0 });
  out.on = on;
  if (!on.ok || !on.value.url || !on.value.token) return out;
  const { url, token } = on.value;
  const port = Number(new URL(url).port);
  out.portOpenWhenOn = await portOpen(port);
  out.withToken = await post(
    url,
    'stories:create',
    { title: 'From a tool' },
    {
      'X-Beatline-Token': token,
    },
  );
  out.withoutToken = (await post(url, 'stories:list', {}, {})).status;
  out.foreignOrigin = (
    await post(
      url,
      'stories:list',
      {},
      { 'X-Beatline-Token': token, Origin: 'http://evil.example' },
    )
  ).status;
  out.appOnlyChannel = (
    await post(url, 'localApi:state', {}, { 'X-Beatline-Token': token })
  ).status;
  // The window's write reaches the API's change stream.
  out.stream = await firstNotice(url, token, () =>
    app.call('stories:create', { title: 'From the window' }),
  );
  out.windowList = await app.call('stories:list', {});

  const rotated = await state('localApi:newToken');
  out.rotated = rotated;
  const fresh = rotated.ok ? rotated.value.token! : '';
  out.oldTokenAfterRotate = (
    await post(url, 'stories:list', {}, { 'X-Beatline-Token': token })
  ).status;
  out.newTokenAfterRotate = (
    await post(url, 'stories:list', {}, { 'X-Beatline-Token': fresh })
  ).status;

  out.off = await state('localApi:configure', { enabled: false });
  out.portOpenWhenOff = await portOpen(port);
  out.finalState = await state('localApi:state');
  return out;
};

export default scenario;
