import { rawRequest } from '../web/helpers';

export { openChangeStream, until } from '../web/helpers';

/** A channel's answer as the tests read it. */
export interface Answer {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** POSTs `body` to `path` as JSON with the token; answers the status and the parsed body. */
export async function postJson(
  port: number,
  path: string,
  body: unknown,
  headers: Record<string, string>,
): Promise<{ status: number; json: Answer }> {
  const res = await rawRequest(port, {
    method: 'POST',
    path,
    headers: { Host: `127.0.0.1:${port}`, 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  let json: Answer;
  try {
    json = JSON.parse(res.body) as Answer;
  } catch {
    json = { ok: false, error: { code: 'not_json', message: res.body } };
  }
  return { status: res.status, json };
}

/** Story titles in a library file, read with a connection of its own. */
export { storyTitles as titlesIn } from '../web/helpers';
